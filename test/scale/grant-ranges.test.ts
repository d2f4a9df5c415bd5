/**
 * The grant-index prefilter by ARN range (src/graph/techniques/grant-ranges.ts): a caller visits
 * only the targets its grants' prefixes select in an ARN-sorted list, and the survivors are read
 * back in the list's order. One account built to trap a careless range: users whose names extend
 * one another (`op`, `ops`, `ops-admin`, `ops0`, `opsz`: `-` sorts before `/` and `0`), roles under
 * a path beside roles whose names start like it (`role/team/…`, `role/team-lead`, `role/teamx`),
 * grants on an exact ARN (a prefix of its neighbours'), on a path, under NotResource, with a
 * policy variable, a Deny on a prefix, and a two-action rule whose grants select different
 * ranges. Positions must equal the per-pair filter for every caller and list, in order (also
 * over a shuffled list); the step must draw exactly the reference path's edges, blocks and places.
 */
import { describe, expect, it } from 'vitest';
import { AccountBuilder } from '../../bench/generator/account.js';
import { allow, arn, deny, doc, trust, type Document } from '../../bench/generator/documents.js';
import { buildFacts } from '../../src/graph/facts/index.js';
import { possiblePositions, hasTargetPolicy } from '../../src/graph/techniques/grant-ranges.js';
import { RELATIONS, type TechniqueEdges } from '../../src/graph/techniques/index.js';
import type { Candidate } from '../../src/graph/techniques/model.js';
import { TechniqueRun } from '../../src/graph/techniques/relation.js';
import { loadRules } from '../../src/rules/index.js';
import { loadedAccounts, techniqueStep, techniqueScope, drawnPairs, sameEdgesView } from '../support/technique-step.js';

const rules = loadRules();
const ACCOUNT = '777788889999';
const CREATED = '2024-01-01T00:00:00Z';

const user = (name: string) => arn.user(ACCOUNT, name);
const role = (name: string, path = '/') => arn.role(ACCOUNT, name, path);
const inline = (...statements: Document['Statement']) => ({ inline: { p: doc(...statements) }, created: CREATED });

function account(): Record<string, unknown> {
  const b = new AccountBuilder(ACCOUNT, 'ranges', 'object');
  // Keys for ops, ops-admin, ops0, opsz (not op): the range of `user/ops`, each side of `/`.
  b.user({ name: 'prefixed', ...inline(allow('Keys', ['iam:CreateAccessKey', 'iam:CreateLoginProfile'], user('ops*'))) });
  // An exact ARN is a prefix of its neighbours': the index lets ops-admin, ops0, opsz through, the evaluator denies them.
  b.user({ name: 'exact', ...inline(allow('Keys', 'iam:CreateAccessKey', user('ops'))) });
  // NotResource: every target passes the index; the evaluator keeps ops-admin out.
  b.user({ name: 'unlisted', ...inline({ Effect: 'Allow', Action: 'iam:CreateAccessKey', NotResource: user('ops-admin') } as Document['Statement'][number]) });
  // Every user but the ops* range: the index lets the Deny's range through, the evaluator denies it.
  b.user({ name: 'fenced', ...inline(allow('Keys', 'iam:CreateAccessKey', user('*')), deny('NoOps', 'iam:CreateAccessKey', user('ops*'))) });
  // Two actions, two ranges: Delete on o*, Create on ops-* and op; both hold on ops-admin only (and op).
  b.user({ name: 'two', ...inline(allow('Delete', 'iam:DeleteAccessKey', user('o*')), allow('Create', 'iam:CreateAccessKey', [user('ops-*'), user('op')])) });
  // A policy variable: the index files the text before it (every user); the evaluator allows only the caller, never a target.
  b.user({ name: 'self', ...inline(allow('Own', 'iam:CreateAccessKey', `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`)) });
  // Roles under the team/ path, not team-lead or teamx beside it.
  b.user({ name: 'pathed', ...inline(allow('Trust', 'iam:UpdateAssumeRolePolicy', role('*', '/team/')), allow('Assume', 'sts:AssumeRole', '*')) });
  for (const name of ['op', 'ops', 'ops-admin', 'ops0', 'opsz', 'zed']) b.user({ name, created: CREATED });
  for (const [name, path] of [['a', '/team/'], ['b', '/team/sub/'], ['team-lead', '/'], ['teamx', '/'], ['team', '/']] as const) {
    b.role({ name, path, trust: trust.aws(arn.root(ACCOUNT)), created: CREATED });
  }
  return (b.build() as { iam: { AuthorizationDetails: Record<string, unknown> } }).iam.AuthorizationDetails;
}

const { input } = loadedAccounts('grant-ranges', () => [account()]);

const step = (reference: boolean): TechniqueEdges => techniqueStep(input(), rules, reference);

const of = (found: TechniqueEdges, technique: string, caller: string) => drawnPairs(found, technique).filter((p) => p.startsWith(`${user(caller)} `)).map((p) => p.slice(p.indexOf(' ') + 1));

describe('grant-index prefilter by ARN range', () => {
  it('selects exactly the positions the per-pair filter keeps, in list order, for every caller and action set', () => {
    const facts = buildFacts(input());
    const { keys, scope } = techniqueScope(facts, rules);
    const run = new TechniqueRun(facts, rules, scope, keys, RELATIONS, { blocks: true });
    const principals = facts.principalsByAccount.get(ACCOUNT)!;
    const candidates = principals.map((p): Candidate => ({ node: p.arn, target: { arn: p.arn, accountId: p.accountId, principal: p } }));
    // A shuffled list, and one where a candidate carries its own policy (it passes whatever the grants).
    const shuffled = candidates.map((c, i) => ({ c, k: (i * 7919) % candidates.length })).sort((x, y) => x.k - y.k).map((x) => x.c);
    const policied = candidates.map((c, i) => (i % 4 === 1 ? { ...c, target: { ...c.target, policy: principals[0]!.identity[0]! } } : c));
    const actionSets = [['iam:createaccesskey'], ['iam:deleteaccesskey', 'iam:createaccesskey'], ['iam:createaccesskey', 'iam:deleteaccesskey'], ['iam:updateassumerolepolicy'], ['sts:assumerole']];
    let compared = 0;
    for (const list of [candidates, shuffled, policied]) {
      for (const caller of principals) {
        for (const actions of actionSets) {
          const expected = list.flatMap((c, i) => (hasTargetPolicy(c) || actions.every((a) => facts.grants.mayAllow(caller, a, c.target.arn)) ? [i] : []));
          const found = possiblePositions(run, caller, actions, list);
          expect(found ?? list.map((_, i) => i), `${caller.arn} ${actions.join(',')}`).toEqual(expected);
          compared++;
        }
      }
    }
    expect(compared).toBe(3 * principals.length * actionSets.length);
  });

  it('draws the reference path’s edges, blocks and places', () => {
    const fast = step(false);
    const reference = step(true);
    expect(sameEdgesView(fast)).toEqual(sameEdgesView(reference));
  });

  it('draws the pairs the policies allow, on both sides of every range', () => {
    const found = step(false);
    expect(of(found, 'iam-create-access-key', 'prefixed')).toEqual(['ops', 'ops-admin', 'ops0', 'opsz'].map(user));
    expect(of(found, 'iam-create-login-profile', 'prefixed')).toEqual(['ops', 'ops-admin', 'ops0', 'opsz'].map(user));
    expect(of(found, 'iam-create-access-key', 'exact')).toEqual([user('ops')]);
    expect(of(found, 'iam-create-access-key', 'unlisted')).not.toContain(user('ops-admin'));
    expect(of(found, 'iam-create-access-key', 'unlisted')).toContain(user('opsz'));
    expect(of(found, 'iam-create-access-key', 'fenced')).toEqual(['exact', 'op', 'pathed', 'prefixed', 'self', 'two', 'unlisted', 'zed'].map(user));
    expect(of(found, 'iam-delete-create-access-key', 'two')).toEqual(['op', 'ops-admin'].map(user));
    expect(of(found, 'iam-create-access-key', 'self')).toEqual([]);
    expect(of(found, 'iam-update-assume-role-policy', 'pathed')).toEqual([role('a', '/team/'), role('b', '/team/sub/')]);
  });
});
