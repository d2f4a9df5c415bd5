/**
 * Stable ids survive noise: the same account listed in another order, an unrelated role added,
 * an unrelated bucket renamed, other timestamps. Each case copies the demo into a temp
 * directory, mutates it, analyzes it, and compares finding ids and root-cause ids.
 */
import { describe, expect, it } from 'vitest';
import { analyzeInputs } from '../../src/pipeline.js';
import { demoSnapshots, renameEverywhere, reorderEverything, writeSnapshots } from './demo-copy.js';

/** Parsed snapshot JSON, edited freely by the mutations. */
type Snapshots = Record<string, any>;

async function ids(dir: string): Promise<{ findings: string[]; rootCauses: string[] }> {
  const { result } = await analyzeInputs({ inputs: [dir] });
  return { findings: result.findings.map((f) => f.id).sort(), rootCauses: (result.rootCauses ?? []).map((c) => c.id).sort() };
}

const ML = 'ml-prod.snapshot.json';
const roles = (s: Snapshots) => s[ML].accounts[0].iam.AuthorizationDetails.RoleDetailList as Array<Record<string, unknown>>;

function editPolicy(encoded: string, edit: (doc: any) => void): string {
  const doc = JSON.parse(decodeURIComponent(encoded));
  edit(doc);
  return encodeURIComponent(JSON.stringify(doc));
}

/** The demo with Sid-less, multi-valued statements on finding paths: their ids rest on content hashes. */
function withMultiValuedStatements(s: Snapshots): Snapshots {
  const vendor = roles(s).find((r) => r.RoleName === 'vendor-model-monitoring')!;
  vendor.AssumeRolePolicyDocument = editPolicy(vendor.AssumeRolePolicyDocument as string, (doc) => {
    doc.Statement[0].Action = ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'];
    doc.Statement[0].Principal.AWS = ['arn:aws:iam::999999999999:root', 'arn:aws:iam::999999999999:role/vendor-support'];
  });
  return s;
}

const unrelatedRole = {
  Path: '/',
  RoleName: 'acme-docs-site-builder',
  RoleId: 'AROAUNRELATEDROLE0001',
  Arn: 'arn:aws:iam::111111111111:role/acme-docs-site-builder',
  CreateDate: '2026-10-30T10:00:00+00:00',
  AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' }] })),
  RolePolicyList: [
    { PolicyName: 'logs', PolicyDocument: encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }] })) },
  ],
  AttachedManagedPolicies: [],
  InstanceProfileList: [],
  Tags: [],
};

const MUTATIONS: Array<[string, (s: Snapshots) => Snapshots]> = [
  ['every list reordered, policy documents included', (s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, reorderEverything(v)]))],
  ['an unrelated role added', (s) => (roles(s).push(unrelatedRole), s)],
  ['an unrelated bucket renamed', (s) => ({ ...s, [ML]: renameEverywhere(s[ML], 'acme-athena-query-results-111111111111', 'acme-query-scratch-111111111111') })],
  [
    'collection time and last-used timestamps changed',
    (s) => {
      for (const snap of Object.values(s)) snap.collectedAt = '2027-01-01T00:00:00Z';
      for (const r of roles(s)) r.RoleLastUsed = { LastUsedDate: '2027-01-01T00:00:00+00:00', Region: 'eu-west-1' };
      return s;
    },
  ],
];

describe('finding ids survive noise', () => {
  it.each(MUTATIONS)('%s: finding and root-cause ids unchanged', async (_name, mutate) => {
    const before = await ids('fixtures/demo');
    expect(before.findings.length).toBeGreaterThan(0);
    expect(await ids(writeSnapshots(mutate(demoSnapshots())))).toEqual(before);
  });

  it('Sid-less statements with several actions and principals keep their ids when every list is reordered', async () => {
    const base = withMultiValuedStatements(demoSnapshots());
    const before = await ids(writeSnapshots(base));
    const { result } = await analyzeInputs({ inputs: [writeSnapshots(base)] });
    // The vendor chain starts with the edited trust statement: it must still be a finding.
    expect(result.findings.some((f) => f.entry.node === 'arn:aws:iam::999999999999:root' && f.path.edges[0]!.provenance.some((p) => p.policyKind === 'trust' && p.sid === undefined))).toBe(true);
    const reordered = Object.fromEntries(Object.entries(base).map(([k, v]) => [k, reorderEverything(v)]));
    expect(await ids(writeSnapshots(reordered))).toEqual(before);
  });

  it('the renamed bucket really was in the snapshot and off every path (the test is not vacuous)', async () => {
    const { result } = await analyzeInputs({ inputs: ['fixtures/demo'] });
    const buckets = (demoSnapshots() as Snapshots)[ML].accounts[0].s3.Buckets.map((b: { Name: string }) => b.Name);
    expect(buckets).toContain('acme-athena-query-results-111111111111');
    expect(JSON.stringify(result.findings)).not.toContain('acme-athena-query-results');
  });

  it('a change on a path does change the id: a Sid renamed on the vendor chain', async () => {
    const before = await ids('fixtures/demo');
    const s = demoSnapshots();
    const vendor = roles(s).find((r) => r.RoleName === 'vendor-model-monitoring')!;
    const policies = vendor.RolePolicyList as Array<{ PolicyDocument: string }>;
    policies[0]!.PolicyDocument = editPolicy(policies[0]!.PolicyDocument, (doc) => {
      for (const st of doc.Statement) if (st.Sid === 'SupportSessions') st.Sid = 'SupportSessionsV2';
    });
    const after = await ids(writeSnapshots(s));
    expect(after.findings).toHaveLength(before.findings.length);
    const changed = after.findings.filter((id) => !before.findings.includes(id));
    expect(changed).toHaveLength(1);
  });
});
