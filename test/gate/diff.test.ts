/**
 * The causal diff on fixtures/gate/diff (one added statement opens a path, a deactivated key
 * closes one) and on variants derived from it: each names the policy and statement, trust
 * policy, exposure or attachment that opened the path.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffSides, sideFromFindings, sideFromGraph, type Cause, type PathDiff } from '../../src/gate/diff/index.js';
import { analyzeInputs } from '../../src/pipeline.js';
import { writeSnapshots } from './demo-copy.js';

const A = '123456789012';
const ROLE_POLICY = `arn:aws:iam::${A}:role/support-bot-role#inline/support-bot`;
const FN = `arn:aws:lambda:us-east-1:${A}:function:support-bot`;

// biome-ignore lint/suspicious/noExplicitAny: raw AWS JSON edited by the variants
type Json = any;
const load = (side: 'old' | 'new'): Json => JSON.parse(readFileSync(join('fixtures/gate/diff', side, 'snapshot.json'), 'utf8'));
const account = (s: Json) => s.accounts[0];
const role = (s: Json, name: string) => account(s).iam.AuthorizationDetails.RoleDetailList.find((r: Json) => r.RoleName === name);
const encode = (statements: unknown[]) => encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: statements }));
const decode = (text: string) => JSON.parse(decodeURIComponent(text));
const readTraining = (resource = 'arn:aws:s3:::acme-training-data/*') => ({ Sid: 'ReadTrainingData', Effect: 'Allow', Action: 's3:GetObject', Resource: resource });

async function side(dir: string) {
  const a = await analyzeInputs({ inputs: [dir] });
  return sideFromGraph({ source: dir, findings: a.result.findings, built: a.built, loaded: a.loaded });
}

async function diff(oldDir: string, newDir: string): Promise<PathDiff> {
  return diffSides(await side(oldDir), await side(newDir));
}

const write = (s: Json) => writeSnapshots({ 'snapshot.json': s });
const causesOf = (d: PathDiff) => d.opened.flatMap((o) => o.causes);
const pick = (c: Cause) => ({ kind: c.kind, policy: c.policy, sid: c.sid, field: c.field, node: c.node });

describe('blastpath diff on fixtures/gate/diff', () => {
  it('names the statement that opened the path, and lists the closed and unchanged ones', async () => {
    const d = await diff('fixtures/gate/diff/old', 'fixtures/gate/diff/new');
    expect(d.opened.map((o) => [o.finding.entry.node, o.finding.target.node])).toEqual([['internet', 'arn:aws:s3:::acme-training-data']]);
    expect(d.opened[0]!.causes.map(pick)).toEqual([{ kind: 'statement-added', policy: ROLE_POLICY, sid: 'ReadTrainingData', field: undefined, node: undefined }]);
    expect(d.opened[0]!.causes[0]!.hop).toEqual({ from: `arn:aws:iam::${A}:role/support-bot-role`, to: 'arn:aws:s3:::acme-training-data', kind: 'data-access', capability: 'read' });
    expect(d.closed.map((f) => f.entry.node)).toEqual([`arn:aws:iam::${A}:user/legacy-bot`]);
    expect(d.unchanged).toBe(1);
    expect(d.changed).toEqual([]);
  });

  it('is empty from a side to itself', async () => {
    const d = await diff('fixtures/gate/diff/new', 'fixtures/gate/diff/new');
    expect([d.opened, d.closed, d.changed]).toEqual([[], [], []]);
  });

  it('says "widened" when a statement keeps its Sid and grows', async () => {
    const old = load('new');
    const r = role(old, 'support-bot-role');
    r.RolePolicyList[0].PolicyDocument = encode([...decode(r.RolePolicyList[0].PolicyDocument).Statement.slice(0, 1), readTraining('arn:aws:s3:::acme-public-docs/*')]);
    const d = await diff(write(old), 'fixtures/gate/diff/new');
    expect(causesOf(d).map(pick)).toEqual([{ kind: 'statement-widened', policy: ROLE_POLICY, sid: 'ReadTrainingData', field: undefined, node: undefined }]);
  });

  it('names a trust policy that now admits an outside account', async () => {
    const build = (trusted: unknown) => {
      const s = load('old');
      account(s).iam.AuthorizationDetails.RoleDetailList.push({
        Path: '/',
        RoleName: 'partner-reader',
        Arn: `arn:aws:iam::${A}:role/partner-reader`,
        AssumeRolePolicyDocument: encode([{ Sid: 'Partner', Effect: 'Allow', Principal: trusted, Action: 'sts:AssumeRole' }]),
        RolePolicyList: [{ PolicyName: 'read', PolicyDocument: encode([readTraining()]) }],
        AttachedManagedPolicies: [],
        InstanceProfileList: [],
      });
      return write(s);
    };
    const d = await diff(build({ Service: 'glue.amazonaws.com' }), build({ AWS: 'arn:aws:iam::999988887777:root' }));
    expect(causesOf(d).map(pick)).toEqual([{ kind: 'trust-policy-changed', policy: `arn:aws:iam::${A}:role/partner-reader#trust-policy`, sid: 'Partner', field: undefined, node: undefined }]);
  });

  it('names the configuration that exposed an endpoint', async () => {
    const old = load('new');
    const fn = account(old).regions['us-east-1'].Lambda.Functions[0];
    fn.FunctionUrlConfigs[0].AuthType = 'AWS_IAM';
    const d = await diff(write(old), 'fixtures/gate/diff/new');
    const causes = causesOf(d).map(pick);
    expect(causes).toContainEqual({ kind: 'endpoint-exposed', policy: FN, sid: undefined, field: 'FunctionUrlConfigs[].AuthType', node: undefined });
    expect(causes.every((c) => c.kind === 'endpoint-exposed')).toBe(true);
  });

  it('names a managed policy newly attached to the role', async () => {
    const policyArn = `arn:aws:iam::${A}:policy/training-read`;
    const build = (attachTo: string[]) => {
      const s = load('old');
      const iam = account(s).iam.AuthorizationDetails;
      iam.Policies.push({ PolicyName: 'training-read', Arn: policyArn, Path: '/', DefaultVersionId: 'v1', IsAttachable: true, PolicyVersionList: [{ Document: encode([{ Sid: 'ReadTraining', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-training-data/*' }]), VersionId: 'v1', IsDefaultVersion: true }] });
      iam.RoleDetailList.push({ Path: '/', RoleName: 'analytics-role', Arn: `arn:aws:iam::${A}:role/analytics-role`, AssumeRolePolicyDocument: encode([{ Effect: 'Allow', Principal: { Service: 'glue.amazonaws.com' }, Action: 'sts:AssumeRole' }]), RolePolicyList: [], AttachedManagedPolicies: [], InstanceProfileList: [] });
      for (const name of attachTo) role(s, name).AttachedManagedPolicies.push({ PolicyName: 'training-read', PolicyArn: policyArn });
      return write(s);
    };
    const d = await diff(build(['analytics-role']), build(['analytics-role', 'support-bot-role']));
    expect(causesOf(d).map(pick)).toEqual([{ kind: 'policy-attached', policy: policyArn, sid: 'ReadTraining', field: undefined, node: `arn:aws:iam::${A}:role/support-bot-role` }]);
  });

  it('works on JSON reports too, naming the statement not seen on any old path', async () => {
    const [oldA, newA] = [await analyzeInputs({ inputs: ['fixtures/gate/diff/old'] }), await analyzeInputs({ inputs: ['fixtures/gate/diff/new'] })];
    const d = diffSides(sideFromFindings('old.json', oldA.result.findings), sideFromFindings('new.json', newA.result.findings));
    expect(d.opened).toHaveLength(1);
    expect(d.opened[0]!.causes.map(pick)).toContainEqual({ kind: 'statement-added', policy: ROLE_POLICY, sid: 'ReadTrainingData', field: undefined, node: undefined });
    expect(d.closed).toHaveLength(1);
  });
});
