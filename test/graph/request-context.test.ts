/**
 * A technique's request context reaching the evaluator (rules/README.md, "Request context"): with
 * `iam:PolicyARN: {mustMatch: admin-policy}` on iam-attach-role-policy-self, a fence that admits
 * only a read-only policy cuts the escalation, and one the attacker can meet with
 * AdministratorAccess leaves it unconditional. Without the requirement (a copy of the rules with
 * it taken out) the fence stays open and the edge conditional.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forEachEdge } from '../../src/graph/edge-view.js';
import { buildGraph } from '../../src/graph/index.js';
import { loadInputs } from '../../src/load/index.js';
import { BUNDLED_RULES_DIR, loadRules } from '../../src/rules/index.js';

const ACCT = '666666666666';
const dir = mkdtempSync(join(tmpdir(), 'blastpath-request-context-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Statement = Record<string, unknown>;

function roleWith(name: string, statements: Statement[]) {
  return {
    RoleName: name,
    Arn: `arn:aws:iam::${ACCT}:role/${name}`,
    Path: '/',
    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    RolePolicyList: [{ PolicyName: 'delegated-admin', PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
    AttachedManagedPolicies: [],
  };
}

function fencedRole(name: string, condition: Record<string, Record<string, string>>, more: Statement[] = []) {
  return roleWith(name, [{ Effect: 'Allow', Action: 'iam:AttachRolePolicy', Resource: `arn:aws:iam::${ACCT}:role/${name}`, Condition: condition }, ...more]);
}

/** The account's own policy granting everything: a member of the `admin-policy` set besides AdministratorAccess. */
const PLATFORM_ADMIN = `arn:aws:iam::${ACCT}:policy/platform-admin`;

const snapshot = join(dir, 'snapshot.json');
writeFileSync(
  snapshot,
  JSON.stringify({
    schemaVersion: 1,
    collectedAt: '2026-11-02T08:00:00Z',
    tool: { name: 'blastpath', version: '0.1.0' },
    accounts: [
      {
        accountId: ACCT,
        partition: 'aws',
        iam: {
          AuthorizationDetails: {
            UserDetailList: [],
            GroupDetailList: [],
            Policies: [
              {
                PolicyName: 'platform-admin',
                Arn: PLATFORM_ADMIN,
                DefaultVersionId: 'v1',
                PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }],
              },
            ],
            RoleDetailList: [
              fencedRole('read-only-fence', { ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/ReadOnlyAccess' } }),
              fencedRole('aws-managed-fence', { ArnLike: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/*' } }),
              // A Deny on AdministratorAccess alone: the account's own admin policy still passes.
              fencedRole('customer-admin-gap', { ArnLike: { 'iam:PolicyARN': '*' } }, [{ Effect: 'Deny', Action: 'iam:AttachRolePolicy', Resource: '*', Condition: { ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess' } } }]),
              // iam:AssociatedResourceArn names the function the role is passed to: the attacker names its function `approved-...`.
              roleWith('function-deployer', [
                { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' }, ArnLike: { 'iam:AssociatedResourceArn': `arn:aws:lambda:*:${ACCT}:function:approved-*` } } },
                { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' },
              ]),
              // The same, pinned to an EC2 instance: no function the attacker creates passes.
              roleWith('instance-only-deployer', [
                { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { ArnLike: { 'iam:AssociatedResourceArn': `arn:aws:ec2:*:${ACCT}:instance/*` } } },
                { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' },
              ]),
            ],
          },
        },
        regions: {},
      },
    ],
    coverage: [],
  }),
);

/** The bundled rules with the request context of iam-attach-role-policy-self taken out (the behaviour before it was declared). */
function rulesWithoutContext(): string {
  const rules = join(dir, 'rules');
  cpSync(BUNDLED_RULES_DIR, rules, { recursive: true });
  const file = join(rules, 'techniques/iam-attach-role-policy-self.yaml');
  const text = readFileSync(file, 'utf8');
  const context = /    context:\n(      .*\n)+/;
  if (!context.test(text)) throw new Error('test setup: iam-attach-role-policy-self.yaml declares no context');
  writeFileSync(file, text.replace(context, ''));
  return rules;
}

async function edgesOf(technique: string, rulesDir?: string): Promise<string[]> {
  const built = buildGraph(await loadInputs([snapshot]), loadRules(rulesDir ? { dir: rulesDir } : {}));
  const out: string[] = [];
  forEachEdge(built, (_key, attrs, from) => {
    if (attrs.technique === technique) out.push(`${from.split('/').pop()}${attrs.conditional ? ` (conditional: ${attrs.residual?.join('; ')})` : ''}`);
  });
  return out.sort();
}

const selfAttachEdges = (rulesDir?: string) => edgesOf('iam-attach-role-policy-self', rulesDir);

describe('iam:PolicyARN bound to the attack', () => {
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_policyarn
  it('cuts the benign fence and leaves the meetable one unconditional', async () => {
    expect(await selfAttachEdges()).toEqual(['aws-managed-fence', 'customer-admin-gap']);
  });

  it('meets a Deny on AdministratorAccess with the account\'s own admin policy, and names it', async () => {
    const built = buildGraph(await loadInputs([snapshot]), loadRules());
    const details: unknown[] = [];
    forEachEdge(built, (_key, attrs, from) => {
      if (attrs.technique === 'iam-attach-role-policy-self' && from.endsWith('/customer-admin-gap')) details.push(attrs.detail);
    });
    expect(details).toEqual([{ 'iam:policyarn': PLATFORM_ADMIN }]);
  });

  it('without the requirement both stay open, as conditional edges', async () => {
    expect(await selfAttachEdges(rulesWithoutContext())).toEqual([
      'aws-managed-fence (conditional: ArnLike iam:PolicyARN arn:aws:iam::aws:policy/*)',
      'customer-admin-gap (conditional: ArnLike iam:PolicyARN *; ArnNotEquals iam:PolicyARN arn:aws:iam::aws:policy/AdministratorAccess)',
      'read-only-fence (conditional: ArnEquals iam:PolicyARN arn:aws:iam::aws:policy/ReadOnlyAccess)',
    ]);
  });
});

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_associatedresourcearn
describe('iam:AssociatedResourceArn bound to the function the attacker creates', () => {
  it('a pattern the attacker can name its function after holds; one for instances only does not', async () => {
    const edges = await edgesOf('lambda-create-function-invoke');
    expect([...new Set(edges.filter((e) => e.startsWith('function-deployer')))]).toEqual(['function-deployer']);
    expect(edges.filter((e) => e.startsWith('instance-only-deployer'))).toEqual([]);
  });
});
