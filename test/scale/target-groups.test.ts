/**
 * Target groups (src/graph/techniques/target-groups.ts): a caller's candidates decided once per
 * group of equal questions. One account built so that targets whose resource classes are equal
 * decide differently all the same: roles with and without the permissions boundary a caller's
 * condition asks for (the request differs, not the class), users inside and outside a caller's
 * Deny pattern, interleaved so that a merged group would carry one member's decision to the
 * next. The grouped step must draw exactly the reference path's edges (`reference: true`, every
 * pair decided alone), and those edges are the ones the policies allow.
 */
import { describe, expect, it } from 'vitest';
import { AccountBuilder } from '../../bench/generator/account.js';
import { allow, arn, deny, doc, trust } from '../../bench/generator/documents.js';
import { type TechniqueEdges } from '../../src/graph/techniques/index.js';
import { loadRules } from '../../src/rules/index.js';
import { loadedAccounts, techniqueStep, drawnPairs, sameEdgesView } from '../support/technique-step.js';

const rules = loadRules();
const ACCOUNT = '444455556666';
const CREATED = '2024-01-01T00:00:00Z';

/** Roles with and without the boundary, users inside and outside `a-*`, interleaved by name. */
function account(): Record<string, unknown> {
  const b = new AccountBuilder(ACCOUNT, 'groups', 'object');
  const boundary = b.customerPolicy('team-boundary', doc(allow('Everything', '*', '*')), CREATED);
  const mfa = deny('NoMfa', 'iam:*', '*', { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } });
  // May rewrite a role's trust only when the role keeps the team boundary; may mint keys for all users but b-*.
  b.user({
    name: 'caller',
    inline: {
      scoped: doc(
        allow('RewriteBounded', 'iam:UpdateAssumeRolePolicy', '*', { StringEquals: { 'iam:PermissionsBoundary': boundary } }),
        allow('Assume', 'sts:AssumeRole', '*'),
        // Allowed on every user but b-*: the grant index lets b-* through, the evaluator denies.
        allow('Keys', 'iam:CreateAccessKey', '*'),
        deny('NoKeysForB', 'iam:CreateAccessKey', arn.user(ACCOUNT, 'b-*')),
      ),
    },
    created: CREATED,
  });
  // The same, under a condition on MFA: conditional decisions group as well.
  b.user({ name: 'conditional', inline: { scoped: doc(allow('RewriteBounded', 'iam:UpdateAssumeRolePolicy', '*', { StringEquals: { 'iam:PermissionsBoundary': boundary } }), allow('Assume', 'sts:AssumeRole', '*'), allow('Keys', 'iam:CreateAccessKey', '*'), mfa) }, created: CREATED });
  for (let i = 0; i < 6; i++) {
    b.role({ name: `r-${i}`, trust: trust.aws(arn.root(ACCOUNT)), ...(i % 2 === 0 ? { boundary } : {}), created: CREATED });
    b.user({ name: `${i % 2 === 0 ? 'a' : 'b'}-${i}`, created: CREATED });
  }
  return (b.build() as { iam: { AuthorizationDetails: Record<string, unknown> } }).iam.AuthorizationDetails;
}

const { input } = loadedAccounts('target-groups', () => [account()]);

const step = (reference: boolean): TechniqueEdges => techniqueStep(input(), rules, reference);

const user = (name: string) => arn.user(ACCOUNT, name);
const role = (name: string) => arn.role(ACCOUNT, name);

describe('target groups', () => {
  it('decide each target as the reference path does, field for field and in order', () => {
    const grouped = step(false);
    const reference = step(true);
    expect(sameEdgesView(grouped)).toEqual(sameEdgesView(reference));
  });

  it('keep apart targets of one resource class whose requests differ (a boundary the condition asks for)', () => {
    const drawn = drawnPairs(step(false), 'iam-update-assume-role-policy');
    for (const caller of ['caller', 'conditional']) {
      expect(drawn.filter((p) => p.startsWith(`${user(caller)} `))).toEqual(['r-0', 'r-2', 'r-4'].map((r) => `${user(caller)} ${role(r)}`));
    }
  });

  it('keep apart targets of different resource classes', () => {
    const drawn = drawnPairs(step(false), 'iam-create-access-key');
    expect(drawn.filter((p) => p.startsWith(`${user('caller')} `))).toEqual(['a-0', 'a-2', 'a-4', 'conditional'].map((u) => `${user('caller')} ${user(u)}`));
    // Allowed on every user (under MFA): one group, every other user.
    expect(drawn.filter((p) => p.startsWith(`${user('conditional')} `))).toEqual(['a-0', 'a-2', 'a-4', 'b-1', 'b-3', 'b-5', 'caller'].map((u) => `${user('conditional')} ${user(u)}`));
  });
});
