/**
 * Network-scoped "public" grants (issue 15, class 4): a bucket policy granting `*` only under
 * aws:SourceVpce, aws:SourceVpc or an aws:SourceIp range of private addresses is reachable from a
 * network, not from the internet. Such keys are present only for requests through a VPC endpoint
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcevpce),
 * and a private address never arrives from the internet. The first hop is ranked network-adjacent,
 * with the condition shown; a grant open to the internet, or to a public address range, is not.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import { outEdges } from '../../src/graph/edge-view.js';
import { buildGraph } from '../../src/graph/index.js';
import { loadInputs } from '../../src/load/index.js';
import { loadRules } from '../../src/rules/index.js';
import { testAccount, writeTestSnapshot } from '../support/snapshot-file.js';

const ACCT = '999000111222';
const dir = mkdtempSync(join(tmpdir(), 'blastpath-network-exposure-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bucket = (name: string, Condition?: Record<string, Record<string, string>>) => ({
  Name: name,
  Location: { LocationConstraint: null },
  Tagging: { TagSet: [{ Key: 'data-classification', Value: 'pii' }] },
  Policy: { Policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}/*`, ...(Condition ? { Condition } : {}) }] } },
});

const snapshot = join(dir, 'snapshot.json');
writeTestSnapshot(snapshot, [
  testAccount(ACCT, {
    // An analyst's own grant on the network-only bucket stays an edge: the bucket is not open to anyone.
    users: [{ UserName: 'analyst', Arn: `arn:aws:iam::${ACCT}:user/analyst`, Path: '/', GroupList: [], AttachedManagedPolicies: [], UserPolicyList: [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } }] }],
    s3: {
      Buckets: [
        bucket('open-to-all'),
        bucket('vpce-only', { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } }),
        bucket('vpc-only', { StringEquals: { 'aws:SourceVpc': 'vpc-111bbb22' } }),
        bucket('private-range', { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }),
        bucket('office-range', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }),
      ],
    },
  }),
]);

describe('grants to anyone inside a network', () => {
  it('are network-adjacent first hops, unconditional, naming the condition; internet grants are not', async () => {
    const rules = loadRules();
    const built = buildGraph(await loadInputs([snapshot]), rules);
    const hops = new Map<string, unknown>();
    for (const { attrs, to } of outEdges(built, 'anonymous')) {
      hops.set(to.replace('arn:aws:s3:::', ''), [attrs.exposure ?? 'rule', attrs.conditional, attrs.detail?.network ?? attrs.residual?.join('; ') ?? '']);
    }
    expect(Object.fromEntries(hops)).toEqual({
      'open-to-all': ['rule', false, ''],
      'vpce-only': ['network-adjacent', false, 'StringEquals aws:SourceVpce vpce-1a2b3c4d'],
      'vpc-only': ['network-adjacent', false, 'StringEquals aws:SourceVpc vpc-111bbb22'],
      'private-range': ['network-adjacent', false, 'IpAddress aws:SourceIp 10.0.0.0/8'],
      // An office's public range is reachable from the internet, by whoever stands in that office.
      'office-range': ['rule', true, 'IpAddress aws:SourceIp 203.0.113.0/24'],
    });

    const analyst = `arn:aws:iam::${ACCT}:user/analyst`;
    expect(built.graph.outNeighbors(analyst).map((to) => to.replace('arn:aws:s3:::', '')).sort()).toEqual(['office-range', 'private-range', 'vpc-only', 'vpce-only']);

    const findings = analyze(built, rules, { gaps: [] }).findings;
    const of = (name: string) => findings.find((f) => f.entry.node === 'anonymous' && f.target.node === `arn:aws:s3:::${name}`)!;
    expect(of('vpce-only').entry.exposure).toBe('network-adjacent');
    expect(of('open-to-all').entry.exposure).toBe('anonymous-internet');
    expect(of('vpce-only').score).toBeLessThan(of('open-to-all').score);
    expect(of('vpce-only').path.edges[0]!.detail).toEqual({ network: 'StringEquals aws:SourceVpce vpce-1a2b3c4d' });
  });
});
