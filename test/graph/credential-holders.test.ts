/**
 * Credentials in the configuration of workloads without a node of their own (CodeBuild projects,
 * Glue jobs) are reached by whoever may read that configuration: the credential-read techniques
 * draw the reader's edge into the credential's node, which otherwise nothing would reach.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inEdges } from '../../src/graph/edge-view.js';
import { buildGraph } from '../../src/graph/index.js';
import { loadInputs } from '../../src/load/index.js';
import { loadRules } from '../../src/rules/index.js';
import { fingerprint } from '../../src/snapshot/credentials.js';
import { testAccount, writeTestSnapshot } from '../support/snapshot-file.js';

const A = '111111111111';
const R = 'us-east-1';
const HF_TOKEN = 'hf_Xq4LmP8zRt2WvB6nKc1JdY7sGh3FaE9uTo'; // fake
const DB_PASSWORD = 'Wq8#rT2vLm9pXz4K'; // fake
const OPENAI_KEY = 'sk-proj-Rm3KqT8vLx2WpZ6nBc9JdY4sGh7FaE1u'; // fake
const SCRIPT = `#!/bin/bash\nset -e\nexport OPENAI_API_KEY="${OPENAI_KEY}"\nexport MODEL_BUCKET=s3://research-models\n`;
const LIFECYCLE = `arn:aws:sagemaker:${R}:${A}:notebook-instance-lifecycle-config/research-setup`;
const role = (name: string, actions: string[], resource = '*') => ({
  RoleName: name,
  Arn: `arn:aws:iam::${A}:role/${name}`,
  Path: '/',
  AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
  RolePolicyList: [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: resource }] } }],
  AttachedManagedPolicies: [],
  InstanceProfileList: [],
});

async function build() {
  const file = join(mkdtempSync(join(tmpdir(), 'blastpath-holders-')), 'snapshot.json');
  writeTestSnapshot(file, [
    testAccount(A, {
      roles: [role('ci-reader', ['codebuild:BatchGetProjects']), role('etl-reader', ['glue:GetJob'], `arn:aws:glue:${R}:${A}:job/nightly-*`), role('bystander', ['s3:ListAllMyBuckets']), role('notebook-admin', ['sagemaker:DescribeNotebookInstanceLifecycleConfig'])],
      iam: { AccessKeyMetadata: [] },
      regions: {
        [R]: {
          CodeBuild: {
            Projects: [
              {
                name: 'model-eval',
                arn: `arn:aws:codebuild:${R}:${A}:project/model-eval`,
                environment: { environmentVariables: [{ name: 'HF_TOKEN', value: HF_TOKEN, type: 'PLAINTEXT' }, { name: 'OPENAI_KEY_REF', value: 'ci/openai', type: 'SECRETS_MANAGER' }] },
              },
            ],
          },
          SageMaker: { NotebookInstanceLifecycleConfigs: [{ NotebookInstanceLifecycleConfigName: 'research-setup', NotebookInstanceLifecycleConfigArn: LIFECYCLE, OnStart: [{ Content: Buffer.from(SCRIPT).toString('base64') }] }] },
          Glue: { DevEndpoints: [], Jobs: [{ Name: 'nightly-features', Role: 'glue-etl', DefaultArguments: { '--db_password': DB_PASSWORD, '--TempDir': 's3://etl-temp/' } }] },
        },
      },
    }),
  ]);
  const loaded = await loadInputs([file]);
  return Object.assign(buildGraph(loaded, loadRules()), { loaded });
}

describe('credentials held by CodeBuild projects, Glue jobs and notebook lifecycle scripts', () => {
  it('are nodes reached by the principals that may read the project or the job, and by no one else', async () => {
    const built = await build();
    const readers = (value: string) => {
      const node = `credential:${fingerprint(value)}`;
      return inEdges(built, node).map((e) => [e.from.split('/').pop(), e.attrs.technique]);
    };
    expect(readers(HF_TOKEN)).toEqual([['ci-reader', 'codebuild-read-project-credential']]);
    expect(readers(DB_PASSWORD)).toEqual([['etl-reader', 'glue-read-job-credential']]);
    // The key a lifecycle script exports, quoted (its fingerprint is the bare value, as in an environment); the bucket beside it is no credential.
    expect(readers(OPENAI_KEY)).toEqual([['notebook-admin', 'sagemaker-read-lifecycle-config-credential']]);
    // The SECRETS_MANAGER variable is a reference: no credential of its own.
    expect(built.graph.nodes().filter((n) => n.startsWith('credential:'))).toHaveLength(3);
    // The reader's hop names the field that holds the value.
    const hop = inEdges(built, `credential:${fingerprint(HF_TOKEN)}`).map((e) => e.attrs)[0]!;
    expect(hop.provenance.some((p) => p.policyKind === 'configuration' && p.policy === `arn:aws:codebuild:${R}:${A}:project/model-eval`)).toBe(true);
  });

  it('a lifecycle script keeps its shape with the key replaced by its marker; the value is gone from the loaded snapshot', async () => {
    const { loaded } = await build();
    const config = loaded.snapshot.accounts[0]!.regions[R]!.SageMaker!.NotebookInstanceLifecycleConfigs[0]!;
    const script = Buffer.from(config.OnStart![0]!.Content!, 'base64').toString('utf8');
    expect(script).toBe(SCRIPT.replace(`"${OPENAI_KEY}"`, `<redacted:openai-api-key ${fingerprint(OPENAI_KEY)}>`));
    expect(JSON.stringify(loaded.snapshot)).not.toContain(Buffer.from(SCRIPT).toString('base64'));
    expect(loaded.credentials.filter((c) => c.resourceKind === 'notebook-lifecycle-config').map((c) => [c.resourceArn, c.field, c.variable, c.kind])).toEqual([[LIFECYCLE, 'OnStart[0].Content:OPENAI_API_KEY', 'OPENAI_API_KEY', 'openai-api-key']]);
  });
});
