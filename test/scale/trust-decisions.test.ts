/**
 * Decisions on a role's own trust, shared per trust shape (src/graph/techniques/trust-decisions.ts).
 * Two accounts built so that a careless shape key would carry one role's decision to another:
 * trusts naming different principals in the same shape of text, a NotPrincipal exempting
 * different users, a trust naming the role itself (and the role asking), the role's ARN in an
 * aws:SourceArn condition (a residual that names it), an aws:PrincipalArn pattern, a policy
 * variable read from the target's tags, a Deny on one role of a class, roles with and without
 * a permissions boundary, a role named so that its trust sorts before or after the caller's
 * own policy, and the same trust text in two accounts. Every caller × role decision of the
 * shared path must equal the evaluator's own for that pair, and the technique step must draw
 * exactly the reference path's edges.
 */
import { describe, expect, it } from 'vitest';
import { AccountBuilder } from '../../bench/generator/account.js';
import { allow, arn, deny, doc, trust, type Document } from '../../bench/generator/documents.js';
import { classify, decide, type Question } from '../../src/graph/decide.js';
import { ProvenanceKeys } from '../../src/graph/edges.js';
import { buildFacts, type Facts, type Principal } from '../../src/graph/facts/index.js';
import { RELATIONS, type TechniqueEdges } from '../../src/graph/techniques/index.js';
import { TechniqueRun } from '../../src/graph/techniques/relation.js';
import { ListTrustDecisions, ownTrustDecision, trustShape } from '../../src/graph/techniques/trust-decisions.js';
import { loadRules } from '../../src/rules/index.js';
import { loadedAccounts, techniqueStep, drawnPairs, placedEdges, sameEdgesView } from '../support/technique-step.js';

const rules = loadRules();
const A = '444455556666';
const B = '777788889999';
const CREATED = '2024-01-01T00:00:00Z';
const ASSUME = 'sts:AssumeRole';

const user = (name: string) => arn.user(A, name);
const role = (name: string, account = A) => arn.role(account, name);
const withRoot = (...principals: string[]) => trust.aws([...principals, arn.root(A)]);
const changeAndAssume = (...extra: ReturnType<typeof allow>[]) => ({ scoped: doc(allow('Change', ['iam:AttachRolePolicy', 'iam:PutRolePolicy'], '*'), ...extra) });

/** Account A: the callers and most traps. */
function accountA(): Record<string, unknown> {
  const b = new AccountBuilder(A, 'groups', 'object');
  const boundary = b.customerPolicy('team-boundary', doc(allow('Everything', '*', '*')), CREATED);
  // Assumes any role but a-root-2 (same trust text, another class), in both accounts.
  b.user({ name: 'caller', tags: { team: 'a' }, inline: changeAndAssume(allow('Assume', ASSUME, '*'), deny('NotTwo', ASSUME, role('a-root-2'))), created: CREATED });
  // The same under MFA: conditional decisions are shared too.
  b.user({ name: 'conditional', tags: { team: 'b' }, inline: changeAndAssume(allow('Assume', ASSUME, '*', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } })), created: CREATED });
  // A role whose own policy's id sorts between the a-* and z-* roles' trust ids.
  b.role({ name: 'm-caller', trust: trust.aws(arn.root(A)), inline: changeAndAssume(allow('Assume', ASSUME, '*')), created: CREATED });
  // Named by trusts only: no sts:AssumeRole of their own.
  b.user({ name: 'u-1', created: CREATED });
  b.user({ name: 'u-2', created: CREATED });
  const roles: Array<[string, Document, Record<string, string>?, string?]> = [
    ['a-root-0', trust.aws(arn.root(A))],
    ['a-root-1', trust.aws(arn.root(A))],
    ['a-root-2', trust.aws(arn.root(A))],
    ['z-root-0', trust.aws(arn.root(A))],
    ['a-named-1', trust.aws(user('u-1'))],
    ['a-named-2', trust.aws(user('u-2'))],
    ['a-not-1', doc({ Effect: 'Allow', NotPrincipal: { AWS: [user('u-1'), arn.root(A)] }, Action: ASSUME } as never)],
    ['a-not-2', doc({ Effect: 'Allow', NotPrincipal: { AWS: [user('u-2'), arn.root(A)] }, Action: ASSUME } as never)],
    ['a-self-0', withRoot(role('a-self-0'))],
    ['a-self-1', withRoot(role('a-self-1'))],
    ['a-src-0', trust.aws(arn.root(A), { ArnEquals: { 'aws:SourceArn': role('a-src-0') } })],
    ['a-src-1', trust.aws(arn.root(A), { ArnEquals: { 'aws:SourceArn': role('a-src-1') } })],
    ['a-pa-0', trust.aws(arn.root(A), { StringLike: { 'aws:PrincipalArn': user('c*') } })],
    ['a-pa-1', trust.aws(arn.root(A), { StringLike: { 'aws:PrincipalArn': user('c*') } })],
    ['a-tag-0', trust.aws(arn.root(A), { StringEquals: { 'aws:PrincipalTag/team': '${aws:ResourceTag/team}' } }), { team: 'a' }],
    ['a-tag-1', trust.aws(arn.root(A), { StringEquals: { 'aws:PrincipalTag/team': '${aws:ResourceTag/team}' } }), { team: 'b' }],
    ['a-bound-0', trust.aws(arn.root(A)), undefined, boundary],
    ['a-bound-1', trust.aws(arn.root(A))],
    ['twin', withRoot(role('twin'))],
  ];
  for (const [name, document, tags, bound] of roles) {
    // The self-naming roles also ask (and change) roles, themselves included.
    const inline = name.startsWith('a-self') ? changeAndAssume(allow('Assume', ASSUME, '*')) : undefined;
    b.role({ name, trust: document, ...(tags ? { tags } : {}), ...(bound ? { boundary: bound } : {}), ...(inline ? { inline } : {}), created: CREATED });
  }
  return (b.build() as { iam: { AuthorizationDetails: Record<string, unknown> } }).iam.AuthorizationDetails;
}

/** Account B: the same trust texts up to the role's ARN, trusting account A. */
function accountB(): Record<string, unknown> {
  const b = new AccountBuilder(B, 'groups', 'object');
  b.role({ name: 'twin', trust: trust.aws([role('twin', B), arn.root(A)]), created: CREATED });
  b.role({ name: 'b-root-0', trust: trust.aws(arn.root(A)), created: CREATED });
  b.user({ name: 'nobody', created: CREATED });
  return (b.build() as { iam: { AuthorizationDetails: Record<string, unknown> } }).iam.AuthorizationDetails;
}

const { input } = loadedAccounts('trust-decisions', () => [accountA(), accountB()]);

const step = (reference: boolean): TechniqueEdges => techniqueStep(input(), rules, reference);

function runOf(facts: Facts): TechniqueRun {
  return new TechniqueRun(facts, rules, { admins: new Set(), modelAccounts: new Set() }, new ProvenanceKeys(), RELATIONS, { blocks: false });
}

const question = (caller: Principal, target: Principal): Question => ({ caller, action: ASSUME, resource: target.arn, resourceAccount: target.accountId, resourcePolicy: target.trust!, mode: 'required' });

describe('decisions on a role own trust, shared per shape', () => {
  it('equal the evaluator for every caller and role, whatever order the pairs are asked in', () => {
    const facts = buildFacts(input());
    const roles = facts.principals.filter((p) => p.kind === 'role' && p.trust);
    for (const order of [roles, [...roles].reverse()]) {
      const run = runOf(facts);
      let compared = 0;
      for (const caller of facts.principals) {
        for (const target of order) {
          const q = question(caller, target);
          const shared = ownTrustDecision(run, caller, 'sts:assumerole', ASSUME, target, () => classify(q), () => decide(q));
          expect(shared, `${caller.arn} → ${target.arn}`).toEqual(decide(q));
          compared++;
        }
      }
      expect(compared).toBe(facts.principals.length * roles.length);
    }
  });

  it('found through a candidate list (target groups), equal the evaluator for every caller and role of both accounts', () => {
    const facts = buildFacts(input());
    const roles = facts.principals.filter((p) => p.kind === 'role' && p.trust);
    for (const order of [roles, [...roles].reverse()]) {
      const run = runOf(facts);
      // One object per sequence of roles, shared by the callers (as target-groups.ts's resourcesOf gives it).
      const owner = {};
      let listed = 0;
      for (const [c, caller] of facts.principals.entries()) {
        const list = new ListTrustDecisions(run, caller, ASSUME, 'sts:assumerole', (role) => classify(question(caller, role)), owner, order.length);
        order.forEach((target, i) => {
          const q = question(caller, target);
          // Every other caller asks some roles pair by pair first: both paths fill the same plans.
          if (c % 2 === 1 && i % 3 === 0) ownTrustDecision(run, caller, 'sts:assumerole', ASSUME, target, () => classify(q), () => decide(q));
          const found = list.at(i, target);
          if (found) listed++;
          expect(found ?? ownTrustDecision(run, caller, 'sts:assumerole', ASSUME, target, () => classify(q), () => decide(q)), `${caller.arn} → ${target.arn}`).toEqual(decide(q));
        });
      }
      expect(listed).toBeGreaterThan(facts.principals.length * (roles.length - 2));
    }
  });

  it('key what the evaluator reads: the caller named or not, the text, never the role name alone', () => {
    const facts = buildFacts(input());
    const run = runOf(facts);
    const p = (a: string) => facts.principalsByArn.get(a)!;
    const shape = (caller: string, target: string) => trustShape(run, p(caller), p(target).trust!);
    // Same text up to the principals: one shape for a caller neither names, two for the one named.
    expect(shape(user('caller'), role('a-named-1'))).toBe(shape(user('caller'), role('a-named-2')));
    expect(shape(user('u-1'), role('a-named-1'))).not.toBe(shape(user('u-1'), role('a-named-2')));
    expect(shape(user('u-1'), role('a-not-1'))).not.toBe(shape(user('u-1'), role('a-not-2')));
    // A trust naming the role itself: the role asking is named, another caller is not.
    expect(shape(user('caller'), role('a-self-0'))).toBe(shape(user('caller'), role('a-self-1')));
    expect(shape(role('a-self-0'), role('a-self-0'))).not.toBe(shape(role('a-self-0'), role('a-self-1')));
    // The role's ARN in a condition is text: no shape shared.
    expect(shape(user('caller'), role('a-src-0'))).not.toBe(shape(user('caller'), role('a-src-1')));
    // The same text in two accounts: one shape (the account keys the decision apart).
    expect(shape(user('caller'), role('twin'))).toBe(shape(user('caller'), role('twin', B)));
    expect(shape(user('caller'), role('a-tag-0'))).toBe(shape(user('caller'), role('a-tag-1')));
  });

  it('draw exactly the reference path edges, field for field and in order', () => {
    // sts-assume-role keeps shared decisions' edges in blocks, the reference path pair by pair: read as pairs, one list.
    const shared = step(false);
    const reference = step(true);
    expect(sameEdgesView(shared)).toEqual(sameEdgesView(reference));
  });

  it('let in whom each role trust lets in, each edge citing its own role', () => {
    const found = step(false);
    const drawn = drawnPairs(found, 'sts-assume-role');
    const into = (target: string) => drawn.filter((p) => p.endsWith(` ${target}`)).map((p) => p.split(' ')[0]);
    expect(into(role('a-named-1'))).toEqual([user('u-1')]);
    expect(into(role('a-named-2'))).toEqual([user('u-2')]);
    expect(into(role('a-root-2'))).not.toContain(user('caller'));
    expect(into(role('a-root-1'))).toContain(user('caller'));
    expect(into(role('a-tag-0'))).toContain(user('caller'));
    expect(into(role('a-tag-1'))).not.toContain(user('caller'));
    expect(into(role('a-pa-1')).sort()).toEqual([user('caller'), user('conditional')]);
    // NotPrincipal admits everyone but the exempt user (with their account listed).
    expect(into(role('a-not-1'))).not.toContain(user('u-1'));
    expect(into(role('a-not-1'))).toContain(user('u-2'));
    for (const [, from, to, attrs] of placedEdges(found)) {
      if (attrs.technique !== 'sts-assume-role') continue;
      const trusts = attrs.provenance.filter((r) => r.policyKind === 'trust').map((r) => r.policy);
      expect(trusts, `${from} → ${to}`).toEqual([`${to}#trust-policy`]);
      if (to.includes('a-src-')) expect(attrs.residual!.join(' ')).toContain(to);
    }
  });
});
