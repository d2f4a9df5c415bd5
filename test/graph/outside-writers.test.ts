/**
 * Anonymous and outside writers feed the supply chain (issue 15, class 8). Cross-account access
 * is allowed when the resource policy grants the outside principal and that principal's own
 * identity policy allows it, which the outside party controls
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html);
 * a bucket policy granting "*" admits anyone. Whoever may overwrite a served model's artifact
 * runs code as the model's role at the next load, so the path goes outsider -> model -> role ->
 * what the role reaches. An account of the snapshot (or its organization) is no outsider.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import { forEachEdge } from '../../src/graph/edge-view.js';
import { buildGraph } from '../../src/graph/index.js';
import { loadInputs } from '../../src/load/index.js';
import { readCredentialFacts } from '../../src/identity/credentials.js';
import { loadRules } from '../../src/rules/index.js';
import { testAccount, writeTestSnapshot } from '../support/snapshot-file.js';

const ACCT = '999000111222';
const VENDOR = '444455556666';
const R = 'us-east-1';
const dir = mkdtempSync(join(tmpdir(), 'blastpath-outside-writers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const writable = (bucket: string, principal: unknown) => ({
  Name: bucket,
  Location: { LocationConstraint: null },
  Policy: { Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 's3:PutObject', Resource: `arn:aws:s3:::${bucket}/*` }] }) },
});
const model = (name: string, bucket: string) => ({
  ModelName: name,
  ModelArn: `arn:aws:sagemaker:${R}:${ACCT}:model/${name}`,
  ExecutionRoleArn: `arn:aws:iam::${ACCT}:role/model-exec-role`,
  PrimaryContainer: { ModelDataUrl: `s3://${bucket}/v1/model.tar.gz` },
});
const served = (name: string) => ({
  config: { EndpointConfigName: `${name}-config`, ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: name }] },
  endpoint: { EndpointName: `${name}-ep`, EndpointArn: `arn:aws:sagemaker:${R}:${ACCT}:endpoint/${name}-ep`, EndpointConfigName: `${name}-config`, EndpointStatus: 'InService' },
});
const models = ['open-model', 'vendor-model', 'own-model'];

const snapshot = join(dir, 'snapshot.json');
writeTestSnapshot(snapshot, [
  testAccount(ACCT, {
    roles: [
      {
        RoleName: 'model-exec-role',
        Arn: `arn:aws:iam::${ACCT}:role/model-exec-role`,
        Path: '/',
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        RolePolicyList: [{ PolicyName: 'read', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::customer-pii/*' }] } }],
        AttachedManagedPolicies: [],
        InstanceProfileList: [],
      },
    ],
    s3: {
      Buckets: [
        writable('open-drop', '*'),
        writable('vendor-drop', { AWS: `arn:aws:iam::${VENDOR}:root` }),
        // The account itself may write: its principals' identity policies decide, no outsider.
        writable('own-drop', { AWS: `arn:aws:iam::${ACCT}:root` }),
        { Name: 'customer-pii', Location: { LocationConstraint: null }, Tagging: { TagSet: [{ Key: 'data-classification', Value: 'pii' }] } },
      ],
    },
    regions: {
      [R]: {
        SageMaker: {
          Models: [model('open-model', 'open-drop'), model('vendor-model', 'vendor-drop'), model('own-model', 'own-drop')],
          EndpointConfigs: models.map((m) => served(m).config),
          Endpoints: models.map((m) => served(m).endpoint),
        },
      },
    },
  }),
]);

describe('outside writers of a served model\'s artifact', () => {
  it('reach the model from anyone and from an outside account, never from the account itself', async () => {
    const rules = loadRules();
    const loaded = await loadInputs([snapshot]);
    const built = buildGraph(loaded, rules);
    const hops: string[] = [];
    forEachEdge(built, (_key, attrs, from, to) => {
      if (attrs.entryPoint === 'artifact-writable-from-outside') hops.push(`${from} -> ${to.split('/').pop()} ${attrs.technique} ${attrs.exposure ?? 'anonymous-internet'} ${attrs.conditional}`);
    });
    expect(hops.sort()).toEqual([
      `anonymous -> open-model sagemaker-model-artifact-overwrite anonymous-internet false`,
      `arn:aws:iam::${VENDOR}:root -> vendor-model sagemaker-model-artifact-overwrite authenticated-outside-party false`,
    ]);

    const findings = analyze(built, rules, { gaps: [], credentials: readCredentialFacts(loaded.snapshot) }).findings.filter((f) => f.entry.entryPoint === 'artifact-writable-from-outside');
    const paths = findings.map((f) => `${f.entry.exposure}: ${f.path.nodes.map((n) => n.id.split(/[:/]/).pop()).join(' > ')}`);
    // The writer hands over no credential of the victim's.
    expect(new Set(findings.map((f) => f.entry.credential?.kind))).toEqual(new Set(['none']));
    // The role may also write open-drop: its policy grants "*", the role included.
    expect(paths.sort()).toEqual([
      'anonymous-internet: anonymous > open-model > model-exec-role > customer-pii',
      'anonymous-internet: anonymous > open-model > model-exec-role > open-drop',
      'authenticated-outside-party: root > vendor-model > model-exec-role > customer-pii',
      'authenticated-outside-party: root > vendor-model > model-exec-role > open-drop',
    ]);
  });
});
