import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rootCauses } from '../../src/analyze/choke-points.js';
import type { Finding, PathEdge } from '../../src/analyze/finding.js';
import { hopIdentity } from '../../src/analyze/finding-id.js';
import { shortHash, stableStringify } from '../../src/core/hash.js';
import type { Provenance } from '../../src/graph/schema.js';
import { demoResult } from '../report/results.js';
import { demoAnalyzed } from './contexts.js';

function partitionOk(findings: readonly Finding[]): void {
  const groups = rootCauses(findings);
  const members = groups.flatMap((g) => g.findings);
  expect(members.sort()).toEqual(findings.map((f) => f.id).sort());
  expect(new Set(members).size).toBe(members.length);
}

const statement = (sid: string): Provenance => ({ policy: 'arn:aws:iam::1:role/app#inline/data', policyKind: 'identity', sid, statementIndex: 0, statementHash: 'h', conditionKeys: [] });
const edge = (from: string, to: string, kind: PathEdge['kind'], provenance: Provenance[], extra: Partial<PathEdge> = {}): PathEdge => ({ from, to, kind, actions: [], conditional: false, confidence: 1, provenance, ...extra });

/** `n` findings, each from its own entry through role app to its own bucket, every read granted by one statement. */
function fanOut(n: number): Finding[] {
  const base = demoResult().findings[0]!;
  return Array.from({ length: n }, (_, i) => ({
    ...base,
    id: `bp-00000000000000${String(i).padStart(2, '0')}`,
    severity: i === 0 ? 'critical' : 'medium',
    alternatives: i === 1 ? 2 : 0,
    path: {
      nodes: [],
      edges: [
        edge(`arn:aws:iam::1:user/u${i}`, 'arn:aws:iam::1:role/app', 'can-assume', [statement(`Assume${i}`)], { technique: 'sts-assume-role' }),
        edge('arn:aws:iam::1:role/app', `arn:aws:s3:::bucket-${i}`, 'data-access', [statement('ReadAll')], { access: 'read' }),
      ],
    },
  }));
}

describe('root causes (one ticket per choke point)', () => {
  it('puts every demo finding in exactly one group', async () => {
    partitionOk((await demoAnalyzed()).result.findings);
  });

  it('groups the four paths through data-sync-bot under its cross-account assume hop', async () => {
    const { result } = await demoAnalyzed();
    const group = result.rootCauses!.find((g) => g.hop?.from === 'arn:aws:iam::111111111111:user/data-sync-bot');
    expect(group).toMatchObject({ kind: 'hop', hop: { kind: 'can-assume', technique: 'sts-assume-role', to: 'arn:aws:iam::222222222222:role/analytics-cross-account-reader' } });
    const members = result.findings.filter((f) => group!.findings.includes(f.id));
    // Chains C4, X1 and their model-credential twins C4m, X1m (fixtures/demo/README.md).
    expect(members.map((f) => `${f.entry.node} ${f.target.node}`)).toEqual(
      expect.arrayContaining([
        'arn:aws:iam::111111111111:user/data-sync-bot arn:aws:s3:::acme-customer-features',
        'arn:aws:iam::111111111111:user/data-sync-bot arn:aws:s3:::acme-public-datasets',
        'arn:aws:sagemaker:us-east-1:111111111111:model/fraud-scorer-v3 arn:aws:s3:::acme-customer-features',
        'arn:aws:sagemaker:us-east-1:111111111111:model/fraud-scorer-v3 arn:aws:s3:::acme-public-datasets',
      ]),
    );
    expect(group!.hop!.provenance.map((p) => p.sid ?? p.statementHash)).toContain('AssumeDataPlatformReader');
  });

  it('chooses the statement when one statement grants a different hop on every path', () => {
    const [group, ...rest] = rootCauses(fanOut(3));
    expect(rest).toEqual([]);
    expect(group).toMatchObject({ kind: 'statement', statement: { policy: 'arn:aws:iam::1:role/app#inline/data', sid: 'ReadAll' } });
    expect(group!.findings).toHaveLength(3);
    expect(group!.severity).toBe('critical');
    expect(group!.withAlternatives).toEqual(['bp-0000000000000001']);
  });

  it('prefers the more fixable hop when counts tie: a technique over running as a role', () => {
    const [f] = demoResult().findings.filter((x) => x.techniques.includes('iam-passrole-lambda'));
    const [group] = rootCauses([f!]);
    expect(group!.hop?.kind).toBe('escalation');
  });

  it('is the same whatever the order and whatever subset of findings', async () => {
    const { result } = await demoAnalyzed();
    const all = result.findings;
    const reference = JSON.stringify(rootCauses(all));
    fc.assert(
      fc.property(fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }), (shuffled) => {
        expect(JSON.stringify(rootCauses(shuffled))).toBe(reference);
      }),
      { numRuns: 30 },
    );
    fc.assert(
      fc.property(fc.subarray(all), (subset) => {
        partitionOk(subset);
      }),
      { numRuns: 30 },
    );
  });
});

describe('root-cause ids', () => {
  it('hash the canonical identity of the hop (stableStringify), so they never depend on key order', async () => {
    const { result } = await demoAnalyzed();
    for (const cause of result.rootCauses!.filter((c) => c.kind === 'hop')) {
      const finding = result.findings.find((f) => f.id === cause.findings[0])!;
      const edge = finding.path.edges.find((e) => e.from === cause.hop!.from && e.to === cause.hop!.to && e.kind === cause.hop!.kind)!;
      expect(cause.id).toBe(`rc-${shortHash(stableStringify(['hop', hopIdentity(edge)]))}`);
    }
  });
});
