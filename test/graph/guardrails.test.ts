/**
 * Guardrails the graph must honour (fixtures/iam/guardrails.snapshot.json, see its README):
 * an SCP deny, a permissions boundary, a bucket policy's Deny and an RCP identity perimeter
 * each remove an edge; a grant that depends on aws:SourceIp stays, marked conditional with
 * that residual. Each removal has a control principal that keeps the edge, so no test passes
 * because nothing was drawn at all.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { decide } from '../../src/graph/decide.js';
import { compilePolicy } from '../../src/iam/index.js';
import { buildFacts, type EvaluationEnvironment } from '../../src/graph/facts/index.js';
import type { BuiltGraph } from '../../src/graph/index.js';
import { loadInputs } from '../../src/load/index.js';
import { edgeBetween, graphOf } from './helpers.js';

const FIXTURE = 'fixtures/iam/guardrails.snapshot.json';
const role = (name: string, account = '111111111111') => `arn:aws:iam::${account}:role/${name}`;
const secret = (name: string) => `arn:aws:secretsmanager:us-east-1:111111111111:secret:${name}`;
const BUCKET = 'arn:aws:s3:::guarded-data';
const KEY = (n: number) => `arn:aws:kms:us-east-1:111111111111:key/11111111-aaaa-4aaa-8aaa-00000000000${n}`;

let built: BuiltGraph;
beforeAll(async () => {
  built = await graphOf(FIXTURE);
});

describe('guardrails remove edges', () => {
  it.each([
    // [what, the removed edge, the control edge that stays]
    ['an SCP deny on the OU (Service control policies)', [role('scp-blocked'), secret('prod/api-key-AbCdEf')], [role('approved-reader'), secret('prod/api-key-AbCdEf')]],
    ['a permissions boundary (Permissions boundaries for IAM entities)', [role('approved-bounded'), secret('prod/web-key-GhIjKl')], [role('approved-reader'), secret('prod/web-key-GhIjKl')]],
    ['a bucket policy Deny (Policy evaluation logic: explicit deny)', [role('bucket-blocked'), BUCKET], [role('bucket-reader'), BUCKET]],
    ['an RCP identity perimeter (Resource control policies)', [role('partner-reader', '333333333333'), secret('prod/shared-key-MnOpQr')], [role('approved-reader'), secret('prod/shared-key-MnOpQr')]],
    ['a key policy that does not delegate to IAM (Key policies in AWS KMS)', [role('key-user'), KEY(1)], [role('key-user'), KEY(2)]],
    ['an aws:ResourceTag condition on another tag value (AWS global condition context keys)', [role('approved-ml-team-reader'), secret('prod/web-key-GhIjKl')], [role('approved-ml-team-reader'), secret('prod/api-key-AbCdEf')]],
  ] as const)('%s', (_what, [from, to], [controlFrom, controlTo]) => {
    expect(edgeBetween(built, from, to, 'data-access')).toBeUndefined();
    const control = edgeBetween(built, controlFrom, controlTo, 'data-access');
    expect(control?.attrs.conditional).toBe(false);
  });

  it('draws the aws:SourceIp grant as conditional, with the clause as residual and its key in provenance', () => {
    const edge = edgeBetween(built, role('office-only'), BUCKET, 'data-access');
    expect(edge?.attrs).toMatchObject({ access: 'read', conditional: true, residual: ['IpAddress aws:SourceIp 10.0.0.0/8'] });
    expect(edge!.attrs.provenance.map((p) => p.conditionKeys)).toEqual([['aws:sourceip']]);
  });
});

describe('the evaluator says why', () => {
  it.each([
    ['scp-blocked', 'secretsmanager:GetSecretValue', secret('prod/api-key-AbCdEf'), 'explicit-deny', ['p-denysecrets1']],
    ['approved-bounded', 'secretsmanager:GetSecretValue', secret('prod/web-key-GhIjKl'), 'boundary', []],
    ['bucket-blocked', 's3:GetObject', `${BUCKET}/x`, 'explicit-deny', ['guarded-data#resource-policy']],
    ['key-user', 'kms:Decrypt', KEY(1), 'resource-policy', []],
  ] as const)('%s may not %s', async (name, action, resource, reason, deniedBy) => {
    const facts = buildFacts(await loadInputs([FIXTURE]));
    const caller = facts.principalsByArn.get(role(name))!;
    const target = facts.resourcesByArn.get(resource.replace('/x', ''))!;
    const result = decide({
      caller,
      explain: true,
      action,
      resource,
      resourceAccount: '111111111111',
      ...(target.policy ? { resourcePolicy: target.policy } : {}),
      ...(target.kind === 'kms-key' ? { mode: 'required' as const } : {}),
    });
    expect(result.denyReason).toBe(reason);
    expect(result.deniedBy.map((r) => r.policy.id.split('/').pop()!.replace('arn:aws:s3:::', ''))).toEqual(deniedBy);
  });

  it('the RCP perimeter denies the outside partner but not a principal of the organization', async () => {
    const facts = buildFacts(await loadInputs([FIXTURE]));
    const shared = facts.resourcesByArn.get(secret('prod/shared-key-MnOpQr'))!;
    const ask = (arn: string) =>
      decide({ caller: facts.principalsByArn.get(arn)!, explain: true, action: 'secretsmanager:GetSecretValue', resource: shared.arn, resourceAccount: '111111111111', resourcePolicy: shared.policy! });
    const outside = ask(role('partner-reader', '333333333333'));
    expect(outside.denyReason).toBe('explicit-deny');
    expect(outside.deniedBy.map((r) => r.policy.kind)).toEqual(['rcp']);
    expect(ask(role('approved-reader')).decision).toBe('allowed');
  });

  it('applies the RCP perimeter to an outside caller given the environment (entry-point detectors)', async () => {
    const facts = buildFacts(await loadInputs([FIXTURE]));
    const publicPolicy = compilePolicy(
      { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' }] },
      { kind: 'resource', id: 'public#resource-policy' },
    );
    const ask = (environment?: EvaluationEnvironment) =>
      decide({
        caller: { request: { arn: '*', type: 'anonymous' }, identity: [], ...(environment ? { environment } : {}) },
        action: 'secretsmanager:GetSecretValue',
        resource: secret('prod/api-key-AbCdEf'),
        resourceAccount: '111111111111',
        resourcePolicy: publicPolicy,
        mode: 'required',
      });
    expect(ask().decision).toBe('allowed');
    expect(ask(facts.environment)).toMatchObject({ decision: 'denied', denyReason: 'explicit-deny' });
  });

  it('gives every principal of the member account its SCP levels (root, OU, account) and none to the outside account', async () => {
    const facts = buildFacts(await loadInputs([FIXTURE]));
    expect(facts.principalsByArn.get(role('approved-bounded'))!.scps?.map((level) => level.length)).toEqual([1, 2, 1]);
    expect(facts.principalsByArn.get(role('partner-reader', '333333333333'))!.scps).toBeUndefined();
  });
});
