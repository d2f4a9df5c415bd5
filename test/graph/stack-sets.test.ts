/**
 * cloudformation-update-stack-set: updating an existing stack set runs the template in every
 * account holding one of its stack instances, as that account's execution role (self-managed) or
 * as the stacksets-exec-* role StackSets gives AdministratorAccess there (service-managed:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-custom-execution-role.html).
 * A customized administration role must be named in every update
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_UpdateStackSet.html), so passed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { outEdges } from '../../src/graph/edge-view.js';
import { buildGraph } from '../../src/graph/index.js';
import { loadInputs } from '../../src/load/index.js';
import { loadRules } from '../../src/rules/index.js';
import { testAccount, writeTestSnapshot } from '../support/snapshot-file.js';

const ADMIN = '111111111111';
const MEMBER = '222222222222';
const OUTSIDE = '333333333333';
const REGION = 'us-east-1';
const dir = mkdtempSync(join(tmpdir(), 'blastpath-stack-sets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const statement = (Action: string | string[], Resource: string, Condition?: object) => ({ Effect: 'Allow', Action, Resource, ...(Condition ? { Condition } : {}) });
const role = (account: string, name: string, trust: object, ...statements: object[]) => ({
  RoleName: name,
  Arn: `arn:aws:iam::${account}:role/${name}`,
  Path: '/',
  AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: trust, Action: 'sts:AssumeRole' }] },
  RolePolicyList: statements.length ? [{ PolicyName: 'inline', PolicyDocument: { Version: '2012-10-17', Statement: statements } }] : [],
  AttachedManagedPolicies: [],
});
const stackSet = (name: string, fields: object) => ({
  StackSetName: name,
  StackSetARN: `arn:aws:cloudformation:${REGION}:${ADMIN}:stackset/${name}:00000000-0000-4000-8000-00000000000${name.length % 10}`,
  Status: 'ACTIVE',
  ...fields,
});
const instances = (...accounts: string[]) => ({ StackInstances: accounts.map((Account) => ({ Account, Region: REGION, Status: 'CURRENT' })) });

/** The caller's account holds the stack sets; `MEMBER` is a target account; `OUTSIDE` is not in the snapshot. */
async function stackSetEdges(caller: object[]): Promise<string[]> {
  const file = join(dir, `snapshot-${Math.random().toString(36).slice(2)}.json`);
  writeTestSnapshot(file, [
    testAccount(ADMIN, {
      roles: [
        role(ADMIN, 'attacker', { AWS: `arn:aws:iam::${ADMIN}:root` }, ...caller),
        role(ADMIN, 'AWSCloudFormationStackSetAdministrationRole', { Service: 'cloudformation.amazonaws.com' }, statement('sts:AssumeRole', 'arn:aws:iam::*:role/AWSCloudFormationStackSetExecutionRole')),
        role(ADMIN, 'platform-stackset-admin', { Service: 'cloudformation.amazonaws.com' }, statement('sts:AssumeRole', 'arn:aws:iam::*:role/platform-exec')),
      ],
      regions: {
        [REGION]: {
          CloudFormation: {
            Stacks: [],
            StackSets: [
              stackSet('baseline', { PermissionModel: 'SELF_MANAGED', AdministrationRoleARN: `arn:aws:iam::${ADMIN}:role/AWSCloudFormationStackSetAdministrationRole`, ExecutionRoleName: 'AWSCloudFormationStackSetExecutionRole', ...instances(MEMBER, OUTSIDE) }),
              stackSet('platform', { PermissionModel: 'SELF_MANAGED', AdministrationRoleARN: `arn:aws:iam::${ADMIN}:role/platform-stackset-admin`, ExecutionRoleName: 'platform-exec', ...instances(MEMBER) }),
              stackSet('guardrails', { PermissionModel: 'SERVICE_MANAGED', ...instances(MEMBER, OUTSIDE) }),
            ],
          },
        },
      },
    }),
    testAccount(MEMBER, {
      roles: [
        role(MEMBER, 'AWSCloudFormationStackSetExecutionRole', { AWS: `arn:aws:iam::${ADMIN}:role/AWSCloudFormationStackSetAdministrationRole` }, statement('s3:*', '*')),
        role(MEMBER, 'platform-exec', { AWS: `arn:aws:iam::${ADMIN}:role/platform-stackset-admin` }, statement('s3:*', '*')),
      ],
    }),
  ]);
  const built = buildGraph(await loadInputs([file]), loadRules());
  const out: string[] = [];
  for (const { attrs, to } of outEdges(built, `arn:aws:iam::${ADMIN}:role/attacker`)) {
    if (attrs.technique === 'cloudformation-update-stack-set') out.push(`${to}${attrs.conditional ? ' (conditional)' : ''}`);
  }
  return out.sort();
}

const ALL_SETS = `arn:aws:cloudformation:${REGION}:${ADMIN}:stackset/*`;
const passToCloudFormation = statement('iam:PassRole', `arn:aws:iam::${ADMIN}:role/platform-stackset-admin`, { StringEquals: { 'iam:PassedToService': 'cloudformation.amazonaws.com' } });

describe('cloudformation-update-stack-set', () => {
  it('leads to each target account execution role (self-managed) and admin (service-managed), never to accounts outside the snapshot', async () => {
    expect(await stackSetEdges([statement('cloudformation:UpdateStackSet', ALL_SETS), passToCloudFormation])).toEqual([
      `admin:${MEMBER}`,
      `arn:aws:iam::${MEMBER}:role/AWSCloudFormationStackSetExecutionRole`,
      `arn:aws:iam::${MEMBER}:role/platform-exec`,
    ]);
  });

  it('needs iam:PassRole on a customized administration role, and only there', async () => {
    expect(await stackSetEdges([statement('cloudformation:UpdateStackSet', ALL_SETS)])).toEqual([`admin:${MEMBER}`, `arn:aws:iam::${MEMBER}:role/AWSCloudFormationStackSetExecutionRole`]);
  });

  it('a PassRole fenced to another service does not pass the administration role', async () => {
    const toLambda = statement('iam:PassRole', '*', { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } });
    expect(await stackSetEdges([statement('cloudformation:UpdateStackSet', ALL_SETS), toLambda])).not.toContain(`arn:aws:iam::${MEMBER}:role/platform-exec`);
  });

  it('is scoped by the stack set ARN the caller may update', async () => {
    expect(await stackSetEdges([statement('cloudformation:UpdateStackSet', `arn:aws:cloudformation:${REGION}:${ADMIN}:stackset/guardrails:*`)])).toEqual([`admin:${MEMBER}`]);
  });
});
