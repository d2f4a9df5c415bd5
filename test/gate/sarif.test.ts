import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyGate } from '../../src/gate/index.js';
import { renderReport } from '../../src/report/index.js';
import type { Severity } from '../../src/analyze/finding.js';
import { ticketKeyOf } from '../../src/analyze/finding-id.js';
import { sarifRuleId, securitySeverity } from '../../src/report/sarif.js';
import { ticketBook } from '../../src/report/ticket.js';
import { SCENARIOS } from '../report/results.js';
import { demoAnalyzed, demoContext } from './contexts.js';
import { sarifErrors } from './sarif-schema.js';

interface SarifLog {
  runs: Array<{
    tool: { driver: { rules: Array<{ id: string; help?: { text: string }; shortDescription: { text: string }; properties: Record<string, unknown> }> } };
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      partialFingerprints: Record<string, string>;
      properties: Record<string, unknown>;
      baselineState?: string;
      suppressions?: Array<{ justification: string }>;
      locations: Array<{ physicalLocation?: { artifactLocation: { uri: string } }; logicalLocations: Array<{ fullyQualifiedName: string }> }>;
      codeFlows: Array<{ threadFlows: Array<{ locations: Array<{ location: { logicalLocations: Array<{ fullyQualifiedName: string; kind: string }> } }> }> }>;
    }>;
    invocations: Array<{ toolExecutionNotifications: unknown[] }>;
  }>;
}

const sarif = (text: string) => JSON.parse(text) as SarifLog;

describe('SARIF 2.1.0 report', () => {
  it.each(Object.keys(SCENARIOS) as Array<keyof typeof SCENARIOS>)('%s scenario validates against the official schema', (name) => {
    const text = renderReport('sarif', { ...SCENARIOS[name](), color: false });
    expect(sarifErrors(JSON.parse(text))).toEqual([]);
  });

  it.each(readdirSync('test/report/golden').filter((f) => f.endsWith('.sarif.json')))('golden %s validates against the official schema', (file) => {
    expect(sarifErrors(JSON.parse(readFileSync(join('test/report/golden', file), 'utf8')))).toEqual([]);
  });

  it('the demo, with rules, a baseline and a suppression, validates against the official schema', async () => {
    const { result } = await demoAnalyzed();
    const [first, second] = result.findings;
    const gate = applyGate(result, {
      today: '2026-11-02',
      failOn: 'high',
      baseline: { file: 'baseline.json', findings: [{ id: first!.id, severity: first!.severity, entry: '', entryPoint: '', target: '', impact: '' }] },
      suppressions: { file: '.blastpath.yaml', suppressions: [{ index: 0, match: { by: 'finding', value: second!.id }, reason: 'vendor offboarding', expires: '2026-12-31' }] },
    });
    const text = renderReport('sarif', await demoContext(gate));
    expect(sarifErrors(JSON.parse(text))).toEqual([]);
    const results = sarif(text).runs[0]!.results;
    expect(results.find((r) => r.partialFingerprints['blastpathFindingId/v1'] === first!.id)?.baselineState).toBe('unchanged');
    expect(results.find((r) => r.partialFingerprints['blastpathFindingId/v1'] === second!.id)?.suppressions?.[0]?.justification).toContain('vendor offboarding');
    expect(results.filter((r) => r.baselineState === 'new')).toHaveLength(result.findings.length - 1);
  });

  it('has one result per finding, fingerprinted by id and ticket key, under the rule of its root cause', async () => {
    const { result } = await demoAnalyzed();
    const ctx = await demoContext();
    const book = ticketBook(ctx);
    const log = sarif(renderReport('sarif', ctx));
    const run = log.runs[0]!;
    expect(run.results.map((r) => r.partialFingerprints['blastpathFindingId/v1']).sort()).toEqual(result.findings.map((f) => f.id).sort());
    for (const f of result.findings) {
      const r = run.results.find((x) => x.partialFingerprints['blastpathFindingId/v1'] === f.id)!;
      const cause = result.rootCauses!.find((c) => c.findings.includes(f.id))!;
      // The rule is the root cause's technique or entry point when its hop has one.
      if (cause.hop?.technique ?? cause.hop?.entryPoint) expect(r.ruleId).toBe(cause.hop?.technique ?? cause.hop?.entryPoint);
      expect(r.ruleId).toBe(sarifRuleId(f, book.finding(f)));
      expect(r.partialFingerprints['blastpathTicketKey/v1']).toBe(ticketKeyOf(f));
      expect(r.partialFingerprints.primaryLocationLineHash).toBe(ticketKeyOf(f));
      expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
      expect(r.properties['security-severity']).toBe(securitySeverity(f.severity, f.score));
      expect(r.level).toBe({ critical: 'error', high: 'error', medium: 'warning', low: 'note' }[f.severity]);
    }
    expect(new Set(run.tool.driver.rules.map((r) => r.id)).size).toBe(run.tool.driver.rules.length);
  });

  it('files the vendor takeover under its decisive technique, not its harmless first hop', async () => {
    const log = sarif(renderReport('sarif', await demoContext()));
    const r = log.runs[0]!.results.find((x) => x.partialFingerprints['blastpathFindingId/v1'] === 'bp-844018ef94a23acc')!;
    expect(r.ruleId).toBe('iam-put-role-policy-self');
    expect(r.locations[0]!.logicalLocations.map((l) => l.fullyQualifiedName)).toContain('arn:aws:iam::111111111111:role/acme-notebook-exec-role#inline/research#SelfServiceBucketAccess');
  });

  it.each<[Severity, number, string]>([
    ['critical', 100, '10.0'],
    ['critical', 75, '9.0'],
    ['critical', 82, '9.0'],
    ['critical', 93, '9.3'],
    ['high', 74, '7.4'],
    ['high', 55, '7.0'],
    ['medium', 54, '5.4'],
    ['medium', 35, '4.0'],
    ['low', 34, '3.4'],
    ['low', 0, '0.1'],
  ])('security-severity of %s %i is %s: the score, inside the severity band GitHub shows', (severity, score, expected) => {
    expect(securitySeverity(severity, score)).toBe(expected);
  });

  it('takes rule help from the rule files: title, description, remediation', async () => {
    const ctx = await demoContext();
    const rules = sarif(renderReport('sarif', ctx)).runs[0]!.tool.driver.rules;
    const doc = ctx.rules!.find((d) => d.id === 'iam-create-access-key')!;
    const rule = rules.find((r) => r.id === 'iam-create-access-key')!;
    expect(rule.shortDescription.text).toBe(doc.title);
    expect(rule.help?.text).toContain(doc.remediation);
  });

  it('gives each hop a thread-flow location naming its policy and statement', async () => {
    const { result } = await demoAnalyzed();
    const log = sarif(renderReport('sarif', await demoContext()));
    const f = result.findings.find((x) => x.techniques.includes('iam-create-access-key'))!;
    const r = log.runs[0]!.results.find((x) => x.partialFingerprints['blastpathFindingId/v1'] === f.id)!;
    const flow = r.codeFlows[0]!.threadFlows[0]!.locations;
    expect(flow).toHaveLength(f.path.edges.length + 1);
    const names = flow.map((l) => l.location.logicalLocations.map((x) => x.fullyQualifiedName));
    expect(names[0]).toEqual([f.entry.node]);
    expect(names[1]).toContain('arn:aws:iam::111111111111:user/ci-legacy#inline/rotate-ml-service-keys#RotateMlServiceUserKeys');
    expect(names[1]).toContain('arn:aws:iam::111111111111:user/ml-platform-admin');
    expect(flow[1]!.location.logicalLocations[0]!.kind).toBe('policyStatement');
  });

  it('anchors results to the input file when it is a repository path, and stays logical otherwise', async () => {
    const ctx = await demoContext();
    const results = sarif(renderReport('sarif', ctx)).runs[0]!.results;
    const uriOf = (id: string) => results.find((r) => r.partialFingerprints['blastpathFindingId/v1'] === id)!.locations[0]!.physicalLocation?.artifactLocation.uri;
    // The vendor takeover is fixed in account 111111111111; the tableau reader's path in 222222222222's bucket policy.
    expect(uriOf('bp-844018ef94a23acc')).toBe('fixtures/demo/ml-prod.snapshot.json');
    expect(uriOf('bp-98fa87431b711218')).toBe('fixtures/demo/data-platform.snapshot.json');
    const inRepo = results[0]!;
    const live = sarif(renderReport('sarif', { ...ctx, meta: { ...ctx.meta, snapshot: { ...ctx.meta.snapshot, sources: ['live:profile/prod', '/tmp/x.json'] } } }));
    expect(live.runs[0]!.results[0]!.locations[0]!.physicalLocation).toBeUndefined();
    expect(sarifErrors(live)).toEqual([]);
  });

  it('reports coverage gaps as tool notifications', async () => {
    const { result } = await demoAnalyzed();
    const log = sarif(renderReport('sarif', await demoContext()));
    expect(log.runs[0]!.invocations[0]!.toolExecutionNotifications).toHaveLength(result.gaps.length);
  });
});
