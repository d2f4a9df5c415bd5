/**
 * What the technique relations must not do, beyond each rule's safe twin: table-driven cases
 * over small snapshots, asserting the set of technique edges [from, to, technique] by label.
 */
import { describe, expect, it } from 'vitest';
import { forEachEdge } from '../../src/graph/edge-view.js';
import { buildGraph, type BuiltGraph } from '../../src/graph/index.js';
import { withoutDerivedTechniques } from '../../src/graph/techniques/index.js';
import { loadRules } from '../../src/rules/index.js';
import { validateSnapshot } from '../../src/snapshot/index.js';
import { redactSnapshot } from '../../src/snapshot/index.js';

const A = '111111111111';
const B = '222222222222';
const R = 'us-east-1';
const rules = loadRules();

type Json = Record<string, unknown>;
const doc = (...Statement: Json[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: string | string[], Resource: string | string[]) => ({ Effect: 'Allow', Action, Resource });
const trust = (Principal: Json) => doc({ Effect: 'Allow', Principal, Action: 'sts:AssumeRole' });
const role = (account: string, name: string, opts: { trust?: Json; policy?: Json; path?: string; boundary?: string } = {}) => ({
  RoleName: name,
  Arn: `arn:aws:iam::${account}:role${opts.path ?? '/'}${name}`,
  AssumeRolePolicyDocument: opts.trust ?? trust({ Service: 'sagemaker.amazonaws.com' }),
  RolePolicyList: opts.policy ? [{ PolicyName: 'p', PolicyDocument: opts.policy }] : [],
  ...(opts.boundary ? { PermissionsBoundary: { PermissionsBoundaryArn: opts.boundary } } : {}),
});
const user = (account: string, name: string, policy?: Json) => ({ UserName: name, Arn: `arn:aws:iam::${account}:user/${name}`, UserPolicyList: policy ? [{ PolicyName: 'p', PolicyDocument: policy }] : [] });
const account = (accountId: string, iam: { users?: Json[]; roles?: Json[]; policies?: Json[]; keys?: Json[] }, region?: Json, buckets?: Json[]) => ({
  accountId,
  iam: {
    AuthorizationDetails: { UserDetailList: iam.users ?? [], RoleDetailList: iam.roles ?? [], GroupDetailList: [], Policies: iam.policies ?? [] },
    ...(iam.keys ? { AccessKeyMetadata: iam.keys } : {}),
  },
  ...(buckets ? { s3: { Buckets: buckets } } : {}),
  regions: region ? { [R]: region } : {},
});
const model = (name: string, extra: Json) => ({ ModelName: name, ModelArn: `arn:aws:sagemaker:${R}:${A}:model/${name}`, ExecutionRoleArn: `arn:aws:iam::${A}:role/model-role`, ...extra });
const served = (name: string, status: string) => ({
  EndpointConfigs: [{ EndpointConfigName: `${name}-c`, ProductionVariants: [{ ModelName: name }] }],
  Endpoints: [{ EndpointName: `${name}-e`, EndpointArn: `arn:aws:sagemaker:${R}:${A}:endpoint/${name}-e`, EndpointConfigName: `${name}-c`, EndpointStatus: status }],
});

function graphOf(accounts: Json[], options: { derived?: boolean } = {}): BuiltGraph {
  const snapshot = validateSnapshot({ schemaVersion: 1, collectedAt: '2025-06-01T12:00:00Z', tool: { name: 't', version: '0' }, accounts }, 'case.json');
  const { snapshot: redacted, credentials } = redactSnapshot(snapshot);
  return buildGraph({ snapshot: redacted, credentials }, options.derived === false ? withoutDerivedTechniques(rules) : rules);
}

/** Technique edges of the given ids, as [from label, to label, technique], sorted. */
function edges(built: BuiltGraph, ids: string[]): string[][] {
  const label = (n: string) => built.graph.getNodeAttribute(n, 'label');
  const out: string[][] = [];
  forEachEdge(built, (_key, a, from, to) => {
    if (a.technique !== undefined && ids.includes(a.technique)) out.push([label(from), label(to), a.technique]);
  });
  return out.sort((x, y) => (x.join() < y.join() ? -1 : 1));
}

const modelRole = role(A, 'model-role');
const artifactWriter = (bucket = 'ml') => role(A, 'attacker', { trust: trust({ Service: 'lambda.amazonaws.com' }), policy: doc(allow('s3:PutObject', `arn:aws:s3:::${bucket}/*`)) });
const bucket = (Name: string, Policy?: Json) => ({ Name, ...(Policy ? { Policy: { Policy } } : {}) });

const cases: Array<{ name: string; accounts: Json[]; ids: string[]; expected: string[][]; derived?: boolean }> = [
  {
    name: 'a service-linked role is no takeover target; an ordinary role is',
    accounts: [account(A, { roles: [role(A, 'attacker', { policy: doc(allow('iam:UpdateAssumeRolePolicy', '*')) }), role(A, 'AWSServiceRoleForECS', { path: '/aws-service-role/ecs.amazonaws.com/' }), role(A, 'ops')] })],
    ids: ['iam-update-assume-role-policy'],
    expected: [['attacker', 'ops', 'iam-update-assume-role-policy']],
  },
  {
    name: 'a takeover of a role with a permissions boundary leads to the role, not to admin',
    accounts: [account(A, { roles: [role(A, 'attacker', { policy: doc(allow(['iam:PutRolePolicy', 'sts:AssumeRole'], '*')) }), role(A, 'ops', { trust: trust({ AWS: `arn:aws:iam::${A}:role/attacker` }), boundary: `arn:aws:iam::${A}:policy/cap` })], policies: [{ PolicyName: 'cap', Arn: `arn:aws:iam::${A}:policy/cap`, PolicyVersionList: [{ Document: doc(allow('s3:*', '*')), IsDefaultVersion: true }] }] })],
    ids: ['iam-put-role-policy-assume'],
    expected: [['attacker', 'ops', 'iam-put-role-policy-assume']],
  },
  {
    name: 'overwriting a model artifact runs code only in served, non-isolated models',
    accounts: [
      account(A, { roles: [artifactWriter(), modelRole] }, {
        SageMaker: {
          Models: [
            model('served', { PrimaryContainer: { ModelDataUrl: 's3://ml/served/model.tar.gz' } }),
            model('isolated', { EnableNetworkIsolation: true, PrimaryContainer: { ModelDataUrl: 's3://ml/isolated/model.tar.gz' } }),
            model('failed', { PrimaryContainer: { ModelDataUrl: 's3://ml/failed/model.tar.gz' } }),
            model('unserved', { PrimaryContainer: { ModelDataUrl: 's3://ml/unserved/model.tar.gz' } }),
          ],
          EndpointConfigs: [...served('served', 'InService').EndpointConfigs, ...served('isolated', 'InService').EndpointConfigs, ...served('failed', 'Failed').EndpointConfigs],
          Endpoints: [...served('served', 'InService').Endpoints, ...served('isolated', 'InService').Endpoints, ...served('failed', 'Failed').Endpoints],
        },
      }, [bucket('ml')]),
    ],
    ids: ['sagemaker-model-artifact-overwrite'],
    expected: [['attacker', 'served', 'sagemaker-model-artifact-overwrite']],
  },
  {
    name: 'a digest-pinned image cannot be replaced; a tag in an uncollected repository is assumed mutable',
    accounts: [
      account(A, { roles: [role(A, 'attacker', { policy: doc(allow('ecr:*', '*')) }), modelRole] }, {
        SageMaker: {
          Models: [
            model('by-tag', { PrimaryContainer: { Image: `${A}.dkr.ecr.${R}.amazonaws.com/serving:prod` } }),
            model('by-digest', { PrimaryContainer: { Image: `${A}.dkr.ecr.${R}.amazonaws.com/serving@sha256:${'a'.repeat(64)}` } }),
          ],
          EndpointConfigs: [...served('by-tag', 'InService').EndpointConfigs, ...served('by-digest', 'InService').EndpointConfigs],
          Endpoints: [...served('by-tag', 'InService').Endpoints, ...served('by-digest', 'InService').Endpoints],
        },
      }),
    ],
    ids: ['ecr-push-model-image'],
    expected: [['attacker', 'by-tag', 'ecr-push-model-image']],
  },
  {
    name: 'training code counts only when the job recurs: two runs of one script do, a single run does not',
    accounts: [
      account(A, { roles: [artifactWriter('code'), modelRole] }, {
        SageMaker: {
          TrainingJobs: [
            { TrainingJobName: 'run-1', TrainingJobArn: `arn:aws:sagemaker:${R}:${A}:training-job/run-1`, RoleArn: `arn:aws:iam::${A}:role/model-role`, HyperParameters: { sagemaker_submit_directory: '"s3://code/weekly/sourcedir.tar.gz"' } },
            { TrainingJobName: 'run-2', TrainingJobArn: `arn:aws:sagemaker:${R}:${A}:training-job/run-2`, RoleArn: `arn:aws:iam::${A}:role/model-role`, HyperParameters: { sagemaker_submit_directory: '"s3://code/weekly/sourcedir.tar.gz"' } },
            { TrainingJobName: 'once', TrainingJobArn: `arn:aws:sagemaker:${R}:${A}:training-job/once`, RoleArn: `arn:aws:iam::${A}:role/model-role`, HyperParameters: { sagemaker_submit_directory: '"s3://code/adhoc/sourcedir.tar.gz"' } },
          ],
        },
      }, [bucket('code')]),
    ],
    ids: ['sagemaker-training-code-overwrite'],
    expected: [
      ['attacker', 'run-1', 'sagemaker-training-code-overwrite'],
      ['attacker', 'run-2', 'sagemaker-training-code-overwrite'],
    ],
  },
  {
    name: 'a bucket policy naming a principal of another account lets it overwrite the artifact; nothing else does',
    accounts: [
      account(A, { roles: [modelRole] }, { SageMaker: { Models: [model('served', { PrimaryContainer: { ModelDataUrl: 's3://ml/served/model.tar.gz' } })], ...served('served', 'InService') } }, [
        bucket('ml', doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B}:role/vendor` }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::ml/served/*' })),
      ]),
      account(B, { roles: [role(B, 'vendor', { policy: doc(allow('s3:PutObject', '*')) }), role(B, 'other', { policy: doc(allow('s3:PutObject', '*')) })] }),
    ],
    ids: ['sagemaker-model-artifact-overwrite'],
    expected: [['vendor', 'served', 'sagemaker-model-artifact-overwrite']],
  },
  {
    name: 'a key sitting in configuration counts only while it is active',
    accounts: [
      account(A, { users: [user(A, 'svc'), user(A, 'old')], roles: [role(A, 'attacker', { policy: doc(allow('lambda:GetFunctionConfiguration', '*')) }), role(A, 'fn-role', { trust: trust({ Service: 'lambda.amazonaws.com' }) })], keys: [{ UserName: 'svc', AccessKeyId: 'AKIASEMANTICS0000001', Status: 'Active' }, { UserName: 'old', AccessKeyId: 'AKIASEMANTICS0000002', Status: 'Inactive' }] }, {
        Lambda: {
          Functions: [
            { FunctionName: 'a', FunctionArn: `arn:aws:lambda:${R}:${A}:function:a`, Role: `arn:aws:iam::${A}:role/fn-role`, Environment: { Variables: { AWS_ACCESS_KEY_ID: 'AKIASEMANTICS0000001' } } },
            { FunctionName: 'b', FunctionArn: `arn:aws:lambda:${R}:${A}:function:b`, Role: `arn:aws:iam::${A}:role/fn-role`, Environment: { Variables: { AWS_ACCESS_KEY_ID: 'AKIASEMANTICS0000002' } } },
          ],
        },
      }),
    ],
    ids: ['lambda-read-environment-credential'],
    expected: [['attacker', 'svc', 'lambda-read-environment-credential']],
  },
  {
    name: 'a user with two keys needs DeleteAccessKey too; without ListAccessKeys data the key limit is not assumed',
    accounts: [
      account(A, { users: [user(A, 'attacker', doc(allow('iam:CreateAccessKey', '*'))), user(A, 'full'), user(A, 'room')], keys: [{ UserName: 'full', AccessKeyId: 'AKIASEMANTICS0000003', Status: 'Active' }, { UserName: 'full', AccessKeyId: 'AKIASEMANTICS0000004', Status: 'Inactive' }] }),
      account(B, { users: [user(B, 'attacker-b', doc(allow('iam:CreateAccessKey', '*'))), user(B, 'unknown')] }),
    ],
    ids: ['iam-create-access-key'],
    expected: [
      ['attacker', 'room', 'iam-create-access-key'],
      ['attacker-b', 'unknown', 'iam-create-access-key'],
    ],
  },
  {
    name: '--no-derived leaves derived techniques out and keeps the others',
    accounts: [
      account(A, { roles: [role(A, 'attacker', { policy: doc(allow('s3:PutObject', 'arn:aws:s3:::ml/*')) }), modelRole] }, { SageMaker: { Models: [model('served', { PrimaryContainer: { ModelDataUrl: 's3://ml/served/model.tar.gz' } })], ...served('served', 'InService') } }, [bucket('ml')]),
    ],
    ids: ['sagemaker-model-artifact-overwrite', 'sagemaker-model-artifact-poisoning'],
    expected: [['attacker', 'ml', 'sagemaker-model-artifact-poisoning']],
    derived: false,
  },
];

describe('technique relations', () => {
  it.each(cases)('$name', ({ accounts, ids, expected, derived }) => {
    expect(edges(graphOf(accounts, derived === false ? { derived } : {}), ids)).toEqual(expected);
  });
});
