import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/analyze/finding.js';
import { compareStrings } from '../../src/core/hash.js';
import { FINDINGS_SCHEMA, renderReport, type ReportMeta } from '../../src/report/index.js';
import { SCENARIOS, type ScenarioName } from './results.js';

const names = Object.keys(SCENARIOS) as ScenarioName[];

function json(result: AnalysisResult, meta: ReportMeta): string {
  return renderReport('json', { result, meta, color: false });
}

/** The same data with every object's keys in reverse order, recursively. */
function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).reverse();
  return Object.fromEntries(entries.map(([k, v]) => [k, reverseKeys(v)])) as T;
}

/** The same result with findings, gaps and set-like arrays in a different order. */
function shuffled(result: AnalysisResult): AnalysisResult {
  return reverseKeys({
    ...result,
    findings: [...result.findings].reverse().map((f) => ({
      ...f,
      residualConditions: [...f.residualConditions].reverse(),
      path: { nodes: f.path.nodes, edges: f.path.edges.map((e) => ({ ...e, actions: [...e.actions].reverse(), provenance: [...e.provenance].reverse() })) },
    })),
    gaps: [...result.gaps].reverse(),
  });
}

describe('json report', () => {
  it.each(names)('%s parses, names schema v2 and ends with one newline', (name) => {
    const { result, meta } = SCENARIOS[name]();
    const text = json(result, meta);
    const doc = JSON.parse(text);
    expect(doc.schema).toBe(FINDINGS_SCHEMA);
    expect(FINDINGS_SCHEMA).toBe('blastpath.findings/v2');
    expect(doc.tool).toMatchObject({ name: 'blastpath', version: meta.toolVersion });
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    expect(text.split('\n')[1]).toBe('  "schema": "blastpath.findings/v2",');
  });

  it.each(names)('%s is byte-identical across runs and input orderings', (name) => {
    const { result, meta } = SCENARIOS[name]();
    const first = json(result, meta);
    // The reordering must really reorder, or this test proves nothing.
    if (result.findings.length > 1) expect(shuffled(result).findings.map((f) => f.id)).not.toEqual(result.findings.map((f) => f.id));
    if (result.gaps.length > 1) expect(shuffled(result).gaps).not.toEqual(result.gaps);
    expect(json(result, meta)).toBe(first);
    expect(json(shuffled(result), reverseKeys({ ...meta, snapshot: { ...meta.snapshot, accounts: [...meta.snapshot.accounts].reverse() } }))).toBe(first);
  });

  it.each(names)('%s sorts findings by score desc then id, and gaps by their fields', (name) => {
    const { result, meta } = SCENARIOS[name]();
    const doc = JSON.parse(json(shuffled(result), meta));
    const keys = doc.findings.map((f: { score: number; id: string }) => [f.score, f.id] as const);
    const sorted = [...keys].sort((a, b) => b[0] - a[0] || compareStrings(a[1], b[1]));
    expect(keys).toEqual(sorted);
    expect(doc.coverageGaps).toHaveLength(result.gaps.length);
  });

  it.each([
    ['demo', ['111122223333 eu-west-1 sagemaker:DescribeModelPackage', '111122223333 us-east-1 s3:GetBucketPolicy']],
    // A gap without a region (IAM is global) sorts before regional gaps of the same account.
    ['empty', ['111122223333 - iam:GetAccountAuthorizationDetails', '111122223333 us-east-1 lambda:GetPolicy', '111122223333 us-east-1 sagemaker:ListNotebookInstances']],
    ['conditional', []],
  ] as const)('%s lists gaps by account, region, service, operation', (name, expected) => {
    const { result, meta } = SCENARIOS[name]();
    const doc = JSON.parse(json(shuffled(result), meta));
    const gaps = doc.coverageGaps.map((g: { accountId: string; region?: string; service: string; operation: string }) => `${g.accountId} ${g.region ?? '-'} ${g.service}:${g.operation}`);
    expect(gaps).toEqual(expected);
  });

  it('breaks score ties by id', () => {
    const { result, meta } = SCENARIOS.conditional();
    const ids = JSON.parse(json(result, meta)).findings.map((f: { id: string }) => f.id);
    expect(ids).toEqual(['bp-9a5c3e1f0d7b4826', 'bp-2b6f18d0ac47e935', 'bp-e41d07c3b95a2f68']);
  });

  it('writes keys in the documented order', () => {
    const { result, meta } = SCENARIOS.demo();
    const doc = JSON.parse(json(result, meta));
    expect(Object.keys(doc)).toEqual(['schema', 'tool', 'snapshot', 'summary', 'limits', 'stats', 'findings', 'coverageGaps', 'coverageSummary', 'inputWarnings']);
    expect(Object.keys(doc.tool)).toEqual(['name', 'version', 'rulesVersion']);
    expect(Object.keys(doc.summary)).toEqual(['findings', 'bySeverity', 'gaps', 'inputWarnings']);
    expect(Object.keys(doc.summary.bySeverity)).toEqual(['critical', 'high', 'medium', 'low']);
    expect(Object.keys(doc.findings[0])).toEqual([
      'id', 'ticketKey', 'title', 'severity', 'score', 'factors', 'entry', 'target', 'accounts', 'regions',
      'rootCause', 'ruleId', 'remediation', 'path', 'techniques', 'alternatives', 'alternativesCapped', 'residualConditions',
    ]);
    expect(Object.keys(doc.findings[0].path.edges[0])).toEqual([
      'from', 'to', 'kind', 'entryPoint', 'actions', 'conditional', 'confidence', 'provenance', 'detail',
    ]);
    expect(Object.keys(doc.coverageGaps[0])).toEqual(['accountId', 'region', 'service', 'operation', 'resource', 'outcome', 'reason']);
    expect(Object.keys(doc.coverageSummary[0])).toEqual(['reason', 'count', 'cause', 'distinctCauses', 'services', 'operations', 'accounts', 'regions', 'resource']);
  });

  it.each(names)('%s summary counts match the findings and gaps', (name) => {
    const { result, meta } = SCENARIOS[name]();
    const doc = JSON.parse(json(result, meta));
    expect(doc.summary.findings).toBe(result.findings.length);
    expect(doc.summary.gaps).toBe(result.gaps.length);
    const total = Object.values(doc.summary.bySeverity as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(total).toBe(result.findings.length);
    for (const f of doc.findings) expect(doc.summary.bySeverity[f.severity]).toBeGreaterThan(0);
  });

  it('keeps path order and carries every hop field', () => {
    const { result, meta } = SCENARIOS.demo();
    const doc = JSON.parse(json(result, meta));
    const source = result.findings.find((f) => f.id === 'bp-7f3a9c0e5b8d2146');
    const out = doc.findings.find((f: { id: string }) => f.id === 'bp-7f3a9c0e5b8d2146');
    expect(out.path.nodes.map((n: { id: string }) => n.id)).toEqual(source?.path.nodes.map((n) => n.id));
    expect(out.path.edges.map((e: { kind: string; technique?: string }) => [e.kind, e.technique ?? null])).toEqual([
      ['exposure', null], ['runs-as', null], ['escalation', 'iam-passrole-lambda'], ['data-access', null],
    ]);
    expect(out.path.edges[2].actions).toEqual(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction']);
    expect(out.path.edges[2].provenance).toHaveLength(4);
    expect(out.target.sensitivity).toEqual(['sagemaker-training-input', 'training-data-tag']);
  });

  it('omits absent optional fields instead of writing null', () => {
    const { result, meta } = SCENARIOS.empty();
    const text = json(result, meta);
    expect(text).not.toContain('null');
    const doc = JSON.parse(text);
    expect(doc.tool).not.toHaveProperty('rulesVersion');
    const iamGap = doc.coverageGaps.find((g: { service: string }) => g.service === 'iam');
    expect(iamGap).not.toHaveProperty('region');
    expect(iamGap).not.toHaveProperty('resource');
  });

  it('carries open conditions and assumed entries', () => {
    const { result, meta } = SCENARIOS.conditional();
    const doc = JSON.parse(json(result, meta));
    const [admin, ...leaked] = doc.findings;
    expect(admin.residualConditions).toEqual(['aws:resourcetag/team']);
    expect(admin.path.edges[1]).toMatchObject({ conditional: true, residual: ['StringEquals aws:ResourceTag/team ml-platform'] });
    expect(admin.path.edges[1].provenance[0].conditionKeys).toEqual(['aws:resourcetag/team']);
    expect(admin.entry).not.toHaveProperty('assumed');
    expect(leaked.map((f: { entry: { assumed?: boolean } }) => f.entry.assumed)).toEqual([true, true]);
  });
});
