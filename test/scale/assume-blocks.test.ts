/**
 * sts-assume-role's edges kept as target blocks (src/graph/techniques/relations/assume-role.ts):
 * a caller's edges of one shared trust decision are one block, each role's own trust records
 * kept per target. Two accounts built so that a careless block would give an edge another
 * role's trust, or the wrong order of records: trusts of one text with different Sids per role,
 * trusts of two statements and under a condition (open condition keys), a caller whose own
 * policy's id sorts between the roles' trust ids, two identity grants (inline and managed),
 * callers from the other account (identity and trust records), a trust too long to number
 * (pairs), roles named by one caller's ARN, and a trust condition open for some callers only
 * (a principal tag: records of one statement with other condition keys). Read as pairs, the step must give exactly the
 * reference path's edges and the pair-by-pair step's, field for field and in order.
 */
import { describe, expect, it } from 'vitest';
import { AccountBuilder } from '../../bench/generator/account.js';
import { allow, arn, doc, trust, type Document } from '../../bench/generator/documents.js';
import { buildFacts } from '../../src/graph/facts/index.js';
import { TargetBlock } from '../../src/graph/target-block.js';
import { techniqueEdges, type TechniqueEdges } from '../../src/graph/techniques/index.js';
import { loadRules } from '../../src/rules/index.js';
import { loadedAccounts, placedEdges, placedView, techniqueScope, techniqueStep } from '../support/technique-step.js';

const rules = loadRules();
const A = '313131424242';
const B = '535353646464';
const CREATED = '2024-01-01T00:00:00Z';
const ASSUME = 'sts:AssumeRole';
const TECHNIQUE = 'sts-assume-role';
const MFA = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };

const role = (name: string, account = A) => arn.role(account, name);
const roots = [arn.root(A), arn.root(B)];
const statement = (sid: string | undefined, principals: string[], condition?: Record<string, unknown>) => ({ ...(sid ? { Sid: sid } : {}), Effect: 'Allow', Principal: { AWS: principals }, Action: ASSUME, ...(condition ? { Condition: condition } : {}) });

function accountA(): Record<string, unknown> {
  const b = new AccountBuilder(A, 'assume-blocks', 'object');
  const managed = b.customerPolicy('assume-roles', doc(allow('Roles', ASSUME, role('*'))), CREATED);
  b.user({ name: 'caller', inline: { assume: doc(allow('Assume', ASSUME, '*')) }, created: CREATED });
  b.user({ name: 'tagged', tags: { team: 'a' }, inline: { assume: doc(allow('Assume', ASSUME, '*')) }, created: CREATED });
  // Untagged: the trust's tag condition (IfExists) holds for it; for the tagged caller it stays open (aws:SourceIdentity).
  b.user({ name: 'untagged', inline: { assume: doc(allow('Assume', ASSUME, '*')) }, created: CREATED });
  b.user({ name: 'mfa', inline: { assume: doc(allow('Assume', ASSUME, '*', MFA)) }, created: CREATED });
  b.user({ name: 'both', inline: { assume: doc(allow('Assume', ASSUME, '*')) }, managed: [managed], created: CREATED });
  // A role whose own policy's id sorts between the a-* and z-* roles' trust ids.
  b.role({ name: 'm-caller', trust: trust.aws(arn.root(A)), inline: { assume: doc(allow('Assume', ASSUME, role('*'))) }, created: CREATED });
  const roles: Array<[string, Document]> = [];
  for (let n = 0; n < 3; n++) {
    roles.push([`a-root-${n}`, trust.aws(roots)], [`z-root-${n}`, trust.aws(roots)]);
    // One text, a Sid of its own per role: one shape, records that differ by Sid and hash.
    roles.push([`a-sid-${n}`, doc(statement(`Trust${n}`, roots) as never)], [`z-sid-${n}`, doc(statement(`Trust${n}`, roots) as never)]);
    roles.push([`a-cond-${n}`, trust.aws(roots, MFA)]);
    roles.push([`a-two-${n}`, doc(statement('Open', [arn.root(A)]) as never, statement(`Mfa${n}`, roots, MFA) as never)]);
    roles.push([`a-keys-${n}`, trust.aws(roots, { ...MFA, StringEqualsIfExists: { 'aws:PrincipalTag/team': '${aws:SourceIdentity}' } })]);
    roles.push([`a-named-${n}`, trust.aws([arn.user(A, 'caller'), arn.user(B, 'outsider')])]);
  }
  // Nine statements: decided pair by pair (no shape).
  roles.push(['a-long', doc(...[...Array(9).keys()].map((i) => statement(`S${i}`, i % 2 ? [arn.root(A)] : roots) as never))]);
  for (const [name, document] of roles) b.role({ name, trust: document, created: CREATED });
  return (b.build() as { iam: { AuthorizationDetails: Record<string, unknown> } }).iam.AuthorizationDetails;
}

function accountB(): Record<string, unknown> {
  const b = new AccountBuilder(B, 'assume-blocks', 'object');
  b.user({ name: 'outsider', inline: { assume: doc(allow('Assume', ASSUME, [role('*'), role('*', B)])) }, created: CREATED });
  for (let n = 0; n < 2; n++) b.role({ name: `b-root-${n}`, trust: trust.aws(roots), created: CREATED });
  return (b.build() as { iam: { AuthorizationDetails: Record<string, unknown> } }).iam.AuthorizationDetails;
}

const { input } = loadedAccounts('assume-blocks', () => [accountA(), accountB()]);

function pairByPair(): TechniqueEdges {
  const facts = buildFacts(input());
  const { keys, scope } = techniqueScope(facts, rules);
  return techniqueEdges(facts, rules, scope, keys, { blocks: false });
}

const assumeBlocks = (found: TechniqueEdges) => found.blocks.filter((b): b is TargetBlock => b instanceof TargetBlock && b.data.identity.technique === TECHNIQUE);

describe('sts-assume-role edges in blocks', () => {
  it('read as the reference path’s and the pair-by-pair step’s edges, field for field and in order', () => {
    const fast = techniqueStep(input(), rules, false);
    const view = placedView(fast);
    expect(view).toEqual(placedView(techniqueStep(input(), rules, true)));
    expect(view).toEqual(placedView(pairByPair()));
    expect(view.filter((e) => e.includes(`|can-assume:${TECHNIQUE}|`)).length).toBeGreaterThan(100);
  });

  it('keep a caller’s edges of one decision in one block, each role citing its own trust', () => {
    const fast = techniqueStep(input(), rules, false);
    const blocks = assumeBlocks(fast);
    const inBlocks = blocks.reduce((n, b) => n + b.size, 0);
    const pairs = [...fast.edges].filter(([, e]) => e.attrs.technique === TECHNIQUE);
    expect(inBlocks).toBeGreaterThan(4 * pairs.length);
    // The long trust has no shape: its edges stay pairs.
    expect(pairs.map(([, e]) => e.to)).toEqual(expect.arrayContaining([role('a-long')]));
    expect(pairs.every(([, e]) => e.to === role('a-long'))).toBe(true);
    // Roles of one text and different Sids share the caller's block.
    const caller = blocks.find((b) => b.from === arn.user(A, 'caller') && b.data.targets.includes(role('a-sid-0')))!;
    expect(caller.data.targets).toEqual(expect.arrayContaining([role('a-sid-1'), role('z-sid-2'), role('a-root-0')]));
    const keyed = placedEdges(fast).filter(([, , to, attrs]) => attrs.technique === TECHNIQUE && to === role('a-keys-0'));
    expect(keyed.map(([, from]) => from)).toEqual(expect.arrayContaining([arn.user(A, 'tagged'), arn.user(A, 'untagged')]));
    for (const [, from, to, attrs] of placedEdges(fast)) {
      if (attrs.technique !== TECHNIQUE) continue;
      const trusts = attrs.provenance.filter((r) => r.policyKind === 'trust');
      expect(trusts.length, `${from} → ${to}`).toBeGreaterThan(0);
      expect(new Set(trusts.map((r) => r.policy)), `${from} → ${to}`).toEqual(new Set([`${to}#trust-policy`]));
      const sid = /a-sid-(\d)|z-sid-(\d)/.exec(to);
      if (sid) expect(trusts.map((r) => r.sid)).toEqual([`Trust${sid[1] ?? sid[2]}`]);
      // One trust statement, open keys that depend on the caller: each edge its own.
      if (to.includes('a-keys-')) expect(trusts.map((r) => r.conditionKeys), `${from} → ${to}`).toEqual([from.endsWith('/tagged') ? ['aws:multifactorauthpresent', 'aws:sourceidentity'] : ['aws:multifactorauthpresent']]);
      // Cross-account and identity-granted hops cite the caller's own statements too, in key order.
      if (!from.includes(`::${A}:`) || from.includes('both')) expect(attrs.provenance.length).toBeGreaterThan(trusts.length);
    }
  });
});
