/**
 * Secrets stored outside Secrets Manager become crown jewels, and the key that encrypts them
 * decides who reads them: SSM SecureString parameters (metadata only, never values) are read
 * through ssm:GetParameter* plus kms:Decrypt on a customer managed key, asked through SSM with
 * its encryption context; AWS managed keys add nothing. Credentials of other systems found in
 * workload configuration are nodes of their own, one per fingerprint, reached by whoever reads
 * that configuration, and never printed.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGraph, type BuiltGraph } from '../../src/graph/index.js';
import { loadInputs } from '../../src/load/index.js';
import { runAnalysis } from '../../src/pipeline.js';
import { loadRules } from '../../src/rules/index.js';
import { fingerprint } from '../../src/snapshot/credentials.js';
import { testAccount, testSnapshot } from '../support/snapshot-file.js';

const A = '111111111111';
const R = 'us-east-1';
const role = (name: string) => `arn:aws:iam::${A}:role/${name}`;
const param = (name: string) => `arn:aws:ssm:${R}:${A}:parameter/${name}`;
const key = (id: string) => `arn:aws:kms:${R}:${A}:key/${id}`;
const fn = (name: string) => `arn:aws:lambda:${R}:${A}:function:${name}`;
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: string | string[], Resource: string | string[], extra: object = {}) => ({ Effect: 'Allow', Action, Resource, ...extra });

const APP_KEY = '0b7c9a52-3f1e-4d2a-9c8b-111111111111';
const PARTNER_KEY = '0b7c9a52-3f1e-4d2a-9c8b-222222222222';
/** A provider key planted in two functions' environments: one value, one node, two holders. */
const PLANTED = 'sk-proj-Vb4Nq8Wz2Lx6Tc1Rm9Ks3Hd7Jg5Pf0Ay';

const trust = (service: string) => doc({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' });
const roleDetail = (name: string, statements: object[], service = 'lambda.amazonaws.com') => ({
  RoleName: name,
  Arn: role(name),
  Path: '/',
  AssumeRolePolicyDocument: trust(service),
  RolePolicyList: statements.length ? [{ PolicyName: `${name}-policy`, PolicyDocument: doc(...statements) }] : [],
  AttachedManagedPolicies: [],
  InstanceProfileList: [],
});

function snapshot(): object {
  const rootDelegates = { Sid: 'EnableIamPolicies', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'kms:*', Resource: '*' };
  // The partner key's policy names one role, through SSM only: IAM grants elsewhere count for nothing.
  const partnerOnly = {
    Sid: 'PartnerSyncThroughSsm',
    Effect: 'Allow',
    Principal: { AWS: role('partner-sync') },
    Action: 'kms:Decrypt',
    Resource: '*',
    Condition: { StringEquals: { 'kms:ViaService': `ssm.${R}.amazonaws.com` } },
  };
  return testSnapshot([
    testAccount(A, {
      roles: [
        roleDetail('param-reader', [allow(['ssm:GetParameter', 'kms:Decrypt'], '*')], 'ec2.amazonaws.com'),
        roleDetail('param-reader-no-kms', [allow('ssm:GetParameter*', param('prod/*'))], 'ec2.amazonaws.com'),
        roleDetail('partner-sync', [allow('ssm:GetParameters', param('prod/partner-token'))], 'ec2.amazonaws.com'),
        roleDetail('config-reader', [allow('lambda:GetFunctionConfiguration', fn('*'))], 'ec2.amazonaws.com'),
        roleDetail('chat-role', []),
      ],
      iam: { AccessKeyMetadata: [] },
      regions: {
        [R]: {
          KMS: {
            Keys: [
              { KeyMetadata: { KeyId: APP_KEY, Arn: key(APP_KEY), KeyManager: 'CUSTOMER' }, Policy: doc(rootDelegates), Tags: [], Aliases: [{ AliasName: 'alias/app-secrets', TargetKeyId: APP_KEY }] },
              { KeyMetadata: { KeyId: PARTNER_KEY, Arn: key(PARTNER_KEY), KeyManager: 'CUSTOMER' }, Policy: doc(partnerOnly), Tags: [] },
            ],
          },
          SSM: {
            Parameters: [
              { Name: '/prod/db-password', ARN: param('prod/db-password'), Type: 'SecureString', KeyId: 'alias/aws/ssm' },
              { Name: '/prod/openai-key', ARN: param('prod/openai-key'), Type: 'SecureString', KeyId: 'alias/app-secrets' },
              { Name: '/prod/partner-token', ARN: param('prod/partner-token'), Type: 'SecureString', KeyId: key(PARTNER_KEY) },
              { Name: '/prod/model-name', ARN: param('prod/model-name'), Type: 'String' },
            ],
          },
          SecretsManager: {
            SecretList: [{ ARN: `arn:aws:secretsmanager:${R}:${A}:secret:prod/hf-AbCdEf`, Name: 'prod/hf', KmsKeyId: `arn:aws:kms:${R}:${A}:alias/app-secrets` }],
          },
          Lambda: {
            Functions: [
              { FunctionName: 'chat', FunctionArn: fn('chat'), Role: role('chat-role'), Environment: { Variables: { OPENAI_API_KEY: PLANTED, MODEL: 'gpt-4o' } } },
              { FunctionName: 'chat-canary', FunctionArn: fn('chat-canary'), Role: role('chat-role'), Environment: { Variables: { OPENAI_KEY: PLANTED } } },
            ],
          },
        },
      },
    }),
  ]);
}

let dir: string;
let file: string;
let built: BuiltGraph;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blastpath-stored-secrets-'));
  file = join(dir, 'snapshot.json');
  await writeFile(file, JSON.stringify(snapshot()));
  built = buildGraph(await loadInputs([file]), loadRules());
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `from -> to kind` of every edge into the node. */
function into(node: string): string[] {
  return built.graph.hasNode(node) ? built.graph.mapInEdges(node, (_e, attrs, from) => `${from} -> ${attrs.kind}`).sort() : [];
}

const CREDENTIAL = `credential:${fingerprint(PLANTED)}`;

describe('SSM SecureString parameters', () => {
  it('are crown jewels of the secrets class; String parameters are not', () => {
    const jewels = [...built.crownJewels.entries()].filter(([arn]) => arn.includes(':parameter/')).map(([arn, jewel]) => [arn, jewel.impacts.get('read')?.impact]);
    expect(jewels.sort()).toEqual(
      [
        [param('prod/db-password'), 'C-SECRETS'],
        [param('prod/openai-key'), 'C-SECRETS'],
        [param('prod/partner-token'), 'C-SECRETS'],
      ].sort(),
    );
  });

  it('under the AWS managed key: whoever may ssm:GetParameter* reads it', () => {
    expect(into(param('prod/db-password'))).toEqual([`${role('param-reader')} -> data-access`, `${role('param-reader-no-kms')} -> data-access`]);
  });

  it('under a customer managed key that delegates to IAM: only callers IAM also allows kms:Decrypt', () => {
    expect(into(param('prod/openai-key'))).toEqual([`${role('param-reader')} -> data-access`]);
    const [attrs] = built.graph.mapEdges(role('param-reader'), param('prod/openai-key'), (_e, a) => a);
    expect([...attrs!.actions].sort()).toEqual(['kms:Decrypt', 'ssm:GetParameter']);
    expect(attrs!.provenance.map((p) => p.resource)).toContain(key(APP_KEY));
  });

  it('under a key whose policy names one role through SSM: that role, and nobody IAM alone allows', () => {
    expect(into(param('prod/partner-token'))).toEqual([`${role('partner-sync')} -> data-access`]);
  });

  it('a secret encrypted with a customer managed key named by alias ARN needs the key too', () => {
    const secret = `arn:aws:secretsmanager:${R}:${A}:secret:prod/hf-AbCdEf`;
    expect(built.crownJewels.has(secret)).toBe(true);
    // Nobody has secretsmanager:GetSecretValue here: the key alone reads nothing.
    expect(into(secret)).toEqual([]);
  });
});

describe('credentials of other systems in workload configuration', () => {
  it('are one node per fingerprint, held by every workload that carries the value', () => {
    expect(built.graph.getNodeAttributes(CREDENTIAL).kind).toBe('credential');
    expect(built.crownJewels.get(CREDENTIAL)?.impacts.get('read')?.impact).toBe('C-OUTSIDE');
    expect(into(CREDENTIAL)).toEqual([`${fn('chat')} -> holds-credential`, `${fn('chat-canary')} -> holds-credential`, `${role('config-reader')} -> escalation`].sort());
  });

  it('make each holder one entry whose paths leave by the credential, not by the role it runs as', async () => {
    const run = await runAnalysis({ inputs: [file], format: 'json', color: false });
    const found = run.result.findings.filter((f) => f.entry.entryPoint === 'credential-in-configuration');
    expect(found.map((f) => [f.path.nodes.map((n) => n.id), f.target.impact, f.entry.credential?.kind]).sort()).toEqual(
      [
        [[fn('chat'), CREDENTIAL], 'C-OUTSIDE', 'static-secret'],
        [[fn('chat-canary'), CREDENTIAL], 'C-OUTSIDE', 'static-secret'],
      ].sort(),
    );
  });

  it('never print the value, in any format', async () => {
    for (const format of ['json', 'table', 'html', 'markdown', 'sarif'] as const) {
      const run = await runAnalysis({ inputs: [file], format, color: false });
      expect(run.output, format).not.toContain(PLANTED);
      expect(run.output, format).not.toContain(PLANTED.slice(8));
    }
  });
});
