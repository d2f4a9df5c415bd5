import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/load/index.js';
import { fingerprint, redactSnapshot, validateSnapshot, type Snapshot } from '../../src/snapshot/index.js';

const FILE = fileURLToPath(new URL('../../fixtures/inputs/snapshot-lambda-credentials.json', import.meta.url));
const raw = JSON.parse(readFileSync(FILE, 'utf8'));
const fresh = (): Snapshot => validateSnapshot(structuredClone(raw), 'snapshot-lambda-credentials.json');

const env = (snapshot: Snapshot, fn: string) =>
  snapshot.accounts[0]!.regions['us-east-1']!.Lambda!.Functions.find((f) => f.FunctionName === fn)!.Environment!.Variables!;
const sagemaker = (snapshot: Snapshot) => snapshot.accounts[0]!.regions['us-east-1']!.SageMaker!;

/** Every fake secret in the fixture (access key ids are identifiers and are kept, masked in output). */
const SECRETS = [
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'sk-proj-FAKEfake0123FAKEfake4567FAKEfake89ab',
  'hf_FAKEfakeFAKEfakeFAKEfakeFAKEfakeAB',
  'hf_FAKEfakeFAKEfakeFAKEfakeFAKEfakeCD',
  'ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000',
  'xoxb-000000000000-000000000000-FAKEfakeFAKEfakeFAKEfake',
  'FakePassw0rd-123',
  'correct-horse-battery-staple',
  'sk-ant-api03-FAKEfakeFAKEfake0123456789-FAKEfake',
  '0123456789abcdef0123456789abcdef01234567',
  'MIIEvQIBADANFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE',
];

describe('redactSnapshot', () => {
  it('leaves no secret value anywhere in the loaded result', async () => {
    const text = JSON.stringify(await loadInputs([FILE]));
    for (const secret of SECRETS) {
      expect(readFileSync(FILE, 'utf8')).toContain(secret); // the fixture does hold it
      expect(text).not.toContain(secret);
    }
  });

  it('reports each credential with where it was found', () => {
    const { credentials } = redactSnapshot(fresh());
    const summary = credentials.map((c) => `${c.resourceKind} ${c.field} ${c.kind}`);
    expect(summary).toEqual([
      'lambda-function Environment.Variables.AWS_ACCESS_KEY_ID aws-access-key-id',
      'lambda-function Environment.Variables.AWS_SECRET_ACCESS_KEY aws-secret-access-key',
      'lambda-function Environment.Variables.OPENAI_API_KEY openai-api-key',
      'lambda-function Environment.Variables.DATABASE_URL url-password',
      'lambda-function Environment.Variables.GITHUB_TOKEN github-token',
      'lambda-function Environment.Variables.HF_TOKEN huggingface-token',
      'lambda-function Environment.Variables.SLACK_BOT_TOKEN slack-token',
      'lambda-function Environment.Variables.STRIPE_KEY generic-secret',
      'lambda-function Environment.Variables.SYNC_PASSWORD generic-secret',
      'model PrimaryContainer.Environment.ANTHROPIC_API_KEY anthropic-api-key',
      'processing-job Environment.SIGNING_KEY private-key',
      'training-job Environment.WANDB_API_KEY generic-secret',
      'training-job HyperParameters.hf_token huggingface-token',
    ]);
    const first = credentials[0]!;
    expect(first).toEqual({
      accountId: '210987654321',
      region: 'us-east-1',
      resourceArn: 'arn:aws:lambda:us-east-1:210987654321:function:chat-backend',
      resourceKind: 'lambda-function',
      field: 'Environment.Variables.AWS_ACCESS_KEY_ID',
      variable: 'AWS_ACCESS_KEY_ID',
      kind: 'aws-access-key-id',
      fingerprint: fingerprint('AKIAIOSFODNN7EXAMPLE'),
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    });
    expect(credentials.filter((c) => c.accessKeyId !== undefined)).toHaveLength(1);
  });

  it('replaces values by their markers and leaves everything else untouched', () => {
    const original = fresh();
    const { snapshot } = redactSnapshot(original);
    expect(env(snapshot, 'chat-backend')).toEqual({
      AWS_ACCESS_KEY_ID: `<redacted:aws-access-key-id AKIA…MPLE ${fingerprint('AKIAIOSFODNN7EXAMPLE')}>`,
      AWS_SECRET_ACCESS_KEY: `<redacted:aws-secret-access-key ${fingerprint('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')}>`,
      OPENAI_API_KEY: `<redacted:openai-api-key ${fingerprint('sk-proj-FAKEfake0123FAKEfake4567FAKEfake89ab')}>`,
      DB_PASSWORD_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:210987654321:secret:prod/chat/db-AbCdEf',
      MODEL_BUCKET: 's3://model-artifacts-sandbox/chat/',
      MAX_TOKENS: '4096',
      TOKENIZER_NAME: 'cl100k_base',
      LOG_LEVEL: 'info',
    });
    const job = sagemaker(snapshot).TrainingJobs[0]!;
    expect(job.HyperParameters).toMatchObject({ epochs: '3', pad_token: '"<|endoftext|>"', model_id: '"example-org/base-8b"' });
    expect(sagemaker(snapshot).Models[0]!.PrimaryContainer!.Environment).toMatchObject({ HF_MODEL_ID: 'example-org/support-llm-8b', SM_NUM_GPUS: '1' });
    // A deep copy: the input is not modified.
    expect(env(original, 'chat-backend').AWS_SECRET_ACCESS_KEY).toBe('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    // Access key metadata is identification data and stays.
    expect(snapshot.accounts[0]!.iam!.AccessKeyMetadata).toEqual(original.accounts[0]!.iam!.AccessKeyMetadata);
  });

  it('copies only what it changes: sections without credentials are shared with the input', () => {
    const original = fresh();
    const functions = (s: Snapshot) => s.accounts[0]!.regions['us-east-1']!.Lambda!.Functions;
    const clean = { ...functions(original)[0]!, FunctionName: 'clean', FunctionArn: 'arn:aws:lambda:us-east-1:111111111111:function:clean', Environment: { Variables: { LOG_LEVEL: 'info' } } };
    functions(original).push(clean);
    const { snapshot } = redactSnapshot(original);
    expect(functions(snapshot).at(-1)).toBe(clean);
    expect(snapshot.accounts[0]!.iam).toBe(original.accounts[0]!.iam);
    // Along the path to a replaced value every object is a copy.
    expect(functions(snapshot)).not.toBe(functions(original));
    expect(env(snapshot, 'chat-backend')).not.toBe(env(original, 'chat-backend'));
  });

  it('does not double-redact markers already in the input', () => {
    const { snapshot, credentials } = redactSnapshot(fresh());
    expect(env(snapshot, 'hf-sync').STRIPE_KEY).toBe('<redacted:generic-secret sha256:0123456789ab>');
    expect(credentials.find((c) => c.variable === 'STRIPE_KEY')?.fingerprint).toBe('sha256:0123456789ab');
  });

  it('is idempotent: redacting a redacted snapshot gives the same snapshot and credentials', () => {
    const once = redactSnapshot(fresh());
    const twice = redactSnapshot(once.snapshot);
    expect(twice.snapshot).toEqual(once.snapshot);
    expect(twice.credentials).toEqual(once.credentials);
  });

  it('has stable fingerprints across runs', () => {
    expect(redactSnapshot(fresh()).credentials.map((c) => c.fingerprint)).toEqual(redactSnapshot(fresh()).credentials.map((c) => c.fingerprint));
  });

  it('recovers the access key id of a marker from ListAccessKeys data', () => {
    const redacted = redactSnapshot(fresh()).snapshot;
    const found = redactSnapshot(redacted).credentials.find((c) => c.kind === 'aws-access-key-id');
    expect(found?.accessKeyId).toBe('AKIAIOSFODNN7EXAMPLE');

    const withoutKeys = structuredClone(redacted);
    delete withoutKeys.accounts[0]!.iam!.AccessKeyMetadata;
    const unknown = redactSnapshot(withoutKeys).credentials.find((c) => c.kind === 'aws-access-key-id');
    expect(unknown).toBeDefined();
    expect(unknown).not.toHaveProperty('accessKeyId');
  });

  it('covers model Containers[] and reports their index', () => {
    const snapshot = fresh();
    sagemaker(snapshot).Models[0]!.Containers = [{ Environment: { X: 'y' } }, { Environment: { HF_TOKEN: 'hf_FAKEfakeFAKEfakeFAKEfakeFAKEfakeEF' } }];
    const { credentials } = redactSnapshot(snapshot);
    expect(credentials.map((c) => c.field)).toContain('Containers[1].Environment.HF_TOKEN');
  });

  it('names odd variable names with bracket notation', () => {
    const snapshot = fresh();
    env(snapshot, 'chat-backend')['my.api.key'] = 'sk-proj-FAKEfake0123FAKEfake4567FAKEfake89xy';
    const { credentials } = redactSnapshot(snapshot);
    expect(credentials.map((c) => c.field)).toContain('Environment.Variables["my.api.key"]');
  });
});

describe('redaction decisions per section', () => {
  const region = {
    Glue: { DevEndpoints: [], Jobs: [{ Name: 'etl', DefaultArguments: { '--db_password': 'Gl7eJobP4ssw0rd!', '--TempDir': 's3://tmp/etl' } }] },
    CodeBuild: {
      Projects: [
        {
          name: 'build',
          arn: 'arn:aws:codebuild:us-east-1:111111111111:project/build',
          environment: {
            environmentVariables: [
              { name: 'NPM_TOKEN', value: 'npm_C0deBu1ldPla1nT0kenXyZ123', type: 'PLAINTEXT' },
              { name: 'DB_PASSWORD', value: 'prod/db/password', type: 'SECRETS_MANAGER' },
              { name: 'API_SECRET', value: 'not-a-reference-but-stored-elsewhere', type: 'PARAMETER_STORE' },
            ],
          },
        },
      ],
    },
    CloudFormation: {
      Stacks: [
        {
          StackName: 'app',
          StackId: 'arn:aws:cloudformation:us-east-1:111111111111:stack/app/1',
          Parameters: [
            { ParameterKey: 'AdminPassword', ParameterValue: 'Cf9StackParamPw' },
            { ParameterKey: 'HiddenPassword', ParameterValue: '****' },
            { ParameterKey: 'InstanceType', ParameterValue: 'g5.xlarge' },
          ],
        },
      ],
    },
  };
  const snapshot = validateSnapshot(
    { schemaVersion: 1, collectedAt: '2025-01-01T00:00:00Z', tool: { name: 't', version: '1' }, accounts: [{ accountId: '111111111111', regions: { 'us-east-1': region } }] },
    'decisions.json',
  );

  it('scans Glue job arguments, plaintext CodeBuild variables and CloudFormation parameters; leaves references and NoEcho masks', () => {
    const { snapshot: redacted, credentials } = redactSnapshot(snapshot);
    expect(credentials.map((c) => [c.resourceKind, c.field, c.kind])).toEqual([
      ['cloudformation-stack', 'Parameters[0].ParameterValue', 'generic-secret'],
      ['codebuild-project', 'environment.environmentVariables[0].value', 'generic-secret'],
      ['glue-job', 'DefaultArguments["--db_password"]', 'generic-secret'],
    ]);
    const text = JSON.stringify(redacted);
    for (const secret of ['Gl7eJobP4ssw0rd!', 'npm_C0deBu1ldPla1nT0kenXyZ123', 'Cf9StackParamPw']) expect(text).not.toContain(secret);
    for (const kept of ['prod/db/password', 'not-a-reference-but-stored-elsewhere', '****', 'g5.xlarge', 's3://tmp/etl']) expect(text).toContain(kept);
  });

  it('scans a Glue job\'s non-overridable arguments too, pairing a key id in one map with its secret in the other', () => {
    const job = { Name: 'sync', DefaultArguments: { '--key_id': 'AKIAGLUEPAIREDKEY001' }, NonOverridableArguments: { '--material': 'gLuEpAiReDsEcReTaCcEsSkEy0123456789abcde' } };
    const paired = validateSnapshot(
      { schemaVersion: 1, collectedAt: '2025-01-01T00:00:00Z', tool: { name: 't', version: '1' }, accounts: [{ accountId: '111111111111', regions: { 'us-east-1': { Glue: { Jobs: [job] } } } }] },
      'paired.json',
    );
    const { snapshot: redacted, credentials } = redactSnapshot(paired);
    expect(credentials.map((c) => [c.field, c.kind])).toEqual([
      ['DefaultArguments["--key_id"]', 'aws-access-key-id'],
      ['NonOverridableArguments["--material"]', 'aws-secret-access-key'],
    ]);
    expect(JSON.stringify(redacted)).not.toContain('gLuEpAiReDsEcReTaCcEsSkEy0123456789abcde');
  });
});
