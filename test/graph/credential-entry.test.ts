/**
 * A key in a workload's configuration (issue 15, class 5): whoever reads the configuration holds
 * the key, not the workload's role, so paths of the credential-in-configuration entry start with
 * the holds-credential hop to the key's user. Here the function's own role reads a secret and
 * the key's user reads a bucket: the entry reaches the bucket only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import { buildGraph } from '../../src/graph/index.js';
import { loadInputs } from '../../src/load/index.js';
import { loadRules } from '../../src/rules/index.js';
import { testAccount, writeTestSnapshot } from '../support/snapshot-file.js';

const ACCT = '888888888888';
const KEY = 'AKIAZZZZBLASTPATH009';
const FN = `arn:aws:lambda:us-east-1:${ACCT}:function:chat-api`;
const SECRET = `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:prod/llm-key-AbCdEf`;
const BUCKET = 'arn:aws:s3:::acme-feature-exports';
const dir = mkdtempSync(join(tmpdir(), 'blastpath-credential-entry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const policy = (Action: string, Resource: string) => [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource }] } }];
const snapshot = join(dir, 'snapshot.json');
writeTestSnapshot(snapshot, [
  testAccount(ACCT, {
    users: [{ UserName: 'feature-sync', Arn: `arn:aws:iam::${ACCT}:user/feature-sync`, Path: '/', UserPolicyList: policy('s3:GetObject', `${BUCKET}/*`), GroupList: [], AttachedManagedPolicies: [] }],
    roles: [
      {
        RoleName: 'chat-api-role',
        Arn: `arn:aws:iam::${ACCT}:role/chat-api-role`,
        Path: '/',
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        RolePolicyList: policy('secretsmanager:GetSecretValue', SECRET),
        AttachedManagedPolicies: [],
      },
    ],
    iam: { AccessKeyMetadata: [{ UserName: 'feature-sync', AccessKeyId: KEY, Status: 'Active' }] },
    s3: { Buckets: [{ Name: 'acme-feature-exports', Location: { LocationConstraint: null }, Tagging: { TagSet: [{ Key: 'data-classification', Value: 'pii' }] } }] },
    regions: {
      'us-east-1': {
        Lambda: { Functions: [{ FunctionName: 'chat-api', FunctionArn: FN, Role: `arn:aws:iam::${ACCT}:role/chat-api-role`, Environment: { Variables: { AWS_ACCESS_KEY_ID: KEY } } }] },
        SecretsManager: { SecretList: [{ Name: 'prod/llm-key', ARN: SECRET }] },
      },
    },
  }),
]);

describe('credential-in-configuration paths', () => {
  it('start at the key\'s user, never through the workload\'s own role', async () => {
    const rules = loadRules();
    const result = analyze(buildGraph(await loadInputs([snapshot]), rules), rules, { gaps: [] });
    const fromConfig = result.findings.filter((f) => f.entry.entryPoint === 'credential-in-configuration');
    expect(fromConfig.map((f) => [f.target.node, f.path.edges.map((e) => e.kind)])).toEqual([[BUCKET, ['holds-credential', 'data-access']]]);
    // The role does read the secret: the graph holds that edge, but no entry of this snapshot reaches the role.
    expect(result.findings.some((f) => f.target.node === SECRET)).toBe(false);
  });
});
