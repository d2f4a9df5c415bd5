/**
 * The workloads read for issue 15 class 9, decided end to end through the loader and the graph:
 * launch templates an Auto Scaling group launches from (ec2-launch-template-version-auto-scaling
 * and its pass-role variant) and streams or queues an existing event source mapping reads
 * (lambda-create-function-existing-event-source). Auto Scaling checks iam:PassRole when a group
 * is created or updated (https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-api-permissions.html);
 * Lambda reads a source with the function's execution role
 * (https://docs.aws.amazon.com/lambda/latest/dg/permissions-managed-policies.html).
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

const ACCT = '444444444444';
const REGION = 'us-east-1';
const dir = mkdtempSync(join(tmpdir(), 'blastpath-existing-sources-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const roleArn = (name: string) => `arn:aws:iam::${ACCT}:role/${name}`;
const statement = (Action: string | string[], Resource: string, Condition?: object) => ({ Effect: 'Allow', Action, Resource, ...(Condition ? { Condition } : {}) });
const role = (name: string, trust: object, { profile = false, statements = [] as object[] } = {}) => ({
  RoleName: name,
  Arn: roleArn(name),
  Path: '/',
  AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: trust, Action: 'sts:AssumeRole' }] },
  RolePolicyList: statements.length ? [{ PolicyName: 'inline', PolicyDocument: { Version: '2012-10-17', Statement: statements } }] : [],
  AttachedManagedPolicies: [],
  InstanceProfileList: profile ? [{ InstanceProfileName: `${name}-profile`, Arn: `arn:aws:iam::${ACCT}:instance-profile/${name}-profile` }] : [],
});
const group = (name: string, template: object, version: object | undefined, mixed = false) => ({
  AutoScalingGroupName: name,
  ...(mixed ? { MixedInstancesPolicy: { LaunchTemplate: { LaunchTemplateSpecification: template } } } : { LaunchTemplate: template }),
  ...(version ? { LaunchTemplateVersions: [version] } : {}),
});

/** Edges of `techniques` leaving the role `attacker` allowed `statements`, as `technique -> node name`. */
async function edges(statements: object[], region: object, techniques: readonly string[]): Promise<string[]> {
  const file = join(dir, `snapshot-${Math.random().toString(36).slice(2)}.json`);
  writeTestSnapshot(file, [
    testAccount(ACCT, {
      roles: [
        role('attacker', { AWS: `arn:aws:iam::${ACCT}:root` }, { statements }),
        role('web-role', { Service: 'ec2.amazonaws.com' }, { profile: true, statements: [statement('s3:GetObject', '*')] }),
        role('batch-role', { Service: 'ec2.amazonaws.com' }, { profile: true, statements: [statement('s3:GetObject', '*')] }),
        role('ingest-role', { Service: 'lambda.amazonaws.com' }, { statements: [statement('s3:GetObject', '*')] }),
      ],
      regions: { [REGION]: region },
    }),
  ]);
  const built = buildGraph(await loadInputs([file]), loadRules());
  const out: string[] = [];
  for (const { attrs, to } of outEdges(built, roleArn('attacker'))) {
    if (attrs.technique && techniques.includes(attrs.technique)) out.push(`${attrs.technique} -> ${to.split('/').pop()}${attrs.conditional ? ' (conditional)' : ''}`);
  }
  return out.sort();
}

const TEMPLATES = ['ec2-launch-template-version-auto-scaling', 'ec2-launch-template-version-auto-scaling-pass-role'];
const EDIT = statement(['ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate'], `arn:aws:ec2:${REGION}:${ACCT}:launch-template/*`);
const PASS_TO_EC2 = statement('iam:PassRole', roleArn('*'), { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } });

describe('launch templates Auto Scaling groups launch from', () => {
  const groups = {
    AutoScaling: {
      AutoScalingGroups: [
        // Named by profile name, through a mixed instances policy, following $Latest.
        group('web', { LaunchTemplateId: 'lt-0web', Version: '$Latest' }, { LaunchTemplateId: 'lt-0web', VersionNumber: 7, IamInstanceProfile: { Name: 'web-role-profile' } }, true),
        // Pinned to a version number: a new default is never launched.
        group('batch', { LaunchTemplateId: 'lt-0batch', Version: '4' }, { LaunchTemplateId: 'lt-0batch', VersionNumber: 4, IamInstanceProfile: { Arn: `arn:aws:iam::${ACCT}:instance-profile/batch-role-profile` } }),
      ],
    },
  };

  it('keeping the template profile needs no iam:PassRole; a pinned group is no target', async () => {
    expect(await edges([EDIT], groups, TEMPLATES)).toEqual(['ec2-launch-template-version-auto-scaling -> web-role']);
  });

  it('another profile needs iam:PassRole to EC2 on its role, and only roles in a profile are targets', async () => {
    // Any profile's role may be passed into the one template a group follows (web-role too, the
    // stronger edge without PassRole stays beside it); lambda's ingest-role trusts no EC2.
    expect(await edges([EDIT, PASS_TO_EC2], groups, TEMPLATES)).toEqual([
      'ec2-launch-template-version-auto-scaling -> web-role',
      'ec2-launch-template-version-auto-scaling-pass-role -> batch-role',
      'ec2-launch-template-version-auto-scaling-pass-role -> web-role',
    ]);
  });

  it('no group on $Default or $Latest, no edge at all', async () => {
    expect(await edges([EDIT, PASS_TO_EC2], { AutoScaling: { AutoScalingGroups: [groups.AutoScaling.AutoScalingGroups[1]] } }, TEMPLATES)).toEqual([]);
  });
});

const SOURCES = ['lambda-create-function-existing-event-source', 'lambda-create-function-event-source-mapping'];
const CREATE = statement(['lambda:CreateFunction', 'lambda:CreateEventSourceMapping'], '*');
const PASS_TO_LAMBDA = statement('iam:PassRole', roleArn('ingest-role'), { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } });
const mapping = (EventSourceArn: string) => ({ Lambda: { Functions: [], EventSourceMappings: [{ UUID: `u-${EventSourceArn.length}`, EventSourceArn, FunctionArn: `arn:aws:lambda:${REGION}:${ACCT}:function:consumer` }] } });

describe('streams and queues an existing event source mapping reads', () => {
  it.each([
    ['a Kinesis stream', `arn:aws:kinesis:${REGION}:${ACCT}:stream/clicks`],
    ['an SQS queue', `arn:aws:sqs:${REGION}:${ACCT}:jobs`],
    ['a DynamoDB stream', `arn:aws:dynamodb:${REGION}:${ACCT}:table/orders/stream/2026-01-05T10:00:00.000`],
  ])('%s lets a new function be mapped without creating a table', async (_name, source) => {
    expect(await edges([CREATE, PASS_TO_LAMBDA], mapping(source), SOURCES)).toEqual(['lambda-create-function-existing-event-source -> ingest-role']);
  });

  it('without a mapping in the snapshot the table must be created (and its rule still fires with the table actions)', async () => {
    const withTable = statement(['dynamodb:CreateTable', 'dynamodb:PutItem'], '*');
    expect(await edges([CREATE, PASS_TO_LAMBDA], { Lambda: { Functions: [], EventSourceMappings: [] } }, SOURCES)).toEqual([]);
    expect(await edges([CREATE, PASS_TO_LAMBDA, withTable], { Lambda: { Functions: [], EventSourceMappings: [] } }, SOURCES)).toEqual(['lambda-create-function-event-source-mapping -> ingest-role']);
  });
});
