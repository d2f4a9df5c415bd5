import { describe, expect, it } from 'vitest';
import type { Finding, Severity } from '../../src/analyze/finding.js';
import { applyGate, atLeast, baselineEntry, type GateOptions, type Suppression } from '../../src/gate/index.js';
import { demoResult } from '../report/results.js';

/** Two findings from the report fixtures: a critical and a high. */
const [high, critical] = demoResult().findings as [Finding, Finding];
const findings = [high, critical];

const suppression = (match: Suppression['match'], expires = '2026-12-31', index = 0): Suppression => ({ index, match, reason: 'accepted', expires });
const gate = (options: Partial<GateOptions>) => applyGate({ findings }, { today: '2026-06-01', ...options });

describe('applyGate', () => {
  it.each<[string, Partial<GateOptions>, string[]]>([
    ['no baseline: everything at or above the threshold fails', { failOn: 'high' }, [critical.id, high.id].sort()],
    ['threshold critical: the high finding does not count', { failOn: 'critical' }, [critical.id]],
    ['a new critical path fails; the baselined one does not', { failOn: 'high', baseline: { file: 'b.json', findings: [baselineEntry(high)] } }, [critical.id]],
    ['everything baselined passes', { failOn: 'low', baseline: { file: 'b.json', findings: findings.map(baselineEntry) } }, []],
    ['suppressed by finding id', { failOn: 'high', suppressions: { file: 's', suppressions: [suppression({ by: 'finding', value: critical.id })] } }, [high.id]],
    ['suppressed by technique on the path', { failOn: 'high', suppressions: { file: 's', suppressions: [suppression({ by: 'technique', value: 'iam-passrole-lambda' })] } }, [high.id]],
    ['suppressed by entry point id', { failOn: 'high', suppressions: { file: 's', suppressions: [suppression({ by: 'technique', value: 'lambda-function-url-public' })] } }, []],
    ['suppressed by a node pattern on the path', { failOn: 'high', suppressions: { file: 's', suppressions: [suppression({ by: 'node', value: 'arn:aws:iam::*:role/acme-ml-*' })] } }, [high.id]],
    ['a pattern matches whole ids only', { failOn: 'high', suppressions: { file: 's', suppressions: [suppression({ by: 'node', value: 'acme-ml-pipeline' })] } }, [critical.id, high.id].sort()],
    ['an expired suppression suppresses nothing', { failOn: 'critical', suppressions: { file: 's', suppressions: [suppression({ by: 'finding', value: critical.id }, '2026-05-31')] } }, [critical.id]],
    ['a suppression holds through its expiry day', { failOn: 'critical', suppressions: { file: 's', suppressions: [suppression({ by: 'finding', value: critical.id }, '2026-06-01')] } }, []],
    ['no threshold: nothing fails', { baseline: { file: 'b.json', findings: [] } }, []],
  ])('%s', (_name, options, failing) => {
    const outcome = gate(options);
    expect(outcome.failing).toEqual(failing);
    expect(outcome.passed).toBe(failing.length === 0);
  });

  it('counts new, still open and fixed against the baseline', () => {
    const gone = { id: 'bp-00000000000000aa', severity: 'critical' as Severity, entry: 'internet', entryPoint: 'x', target: 't', impact: 'C-X' };
    const outcome = gate({ baseline: { file: 'b.json', findings: [baselineEntry(high), gone] } });
    expect(outcome.baseline).toEqual({ file: 'b.json', new: [critical.id], open: [high.id], changed: [], worsened: [], fixed: [gone] });
  });

  it('fails on a known path whose severity rose, like a new one', () => {
    const was = { ...baselineEntry(critical), severity: 'medium' as Severity };
    const outcome = gate({ failOn: 'high', baseline: { file: 'b.json', findings: [was, baselineEntry(high)] } });
    expect(outcome.failing).toEqual([critical.id]);
    expect(outcome.baseline?.worsened).toEqual([{ id: critical.id, previousId: critical.id, previousSeverity: 'medium', severity: 'critical' }]);
    expect(outcome.baseline?.open).toEqual([critical.id, high.id].sort());
    // A rise below the threshold does not fail.
    expect(gate({ failOn: 'critical', baseline: { file: 'b.json', findings: [baselineEntry(critical), { ...baselineEntry(high), severity: 'low' }] } }).failing).toEqual([]);
  });

  it('knows a path by its ticket key when only its route changed: neither new nor fixed', () => {
    const rewritten = { ...baselineEntry(critical), id: 'bp-00000000000000cc' };
    const outcome = gate({ failOn: 'high', baseline: { file: 'b.json', findings: [rewritten, baselineEntry(high)] } });
    expect(outcome.failing).toEqual([]);
    expect(outcome.baseline).toMatchObject({ new: [], open: [high.id], changed: [{ id: critical.id, previousId: rewritten.id }], worsened: [], fixed: [] });
  });

  it('a changed route that is also more severe fails', () => {
    const rewritten = { ...baselineEntry(critical), id: 'bp-00000000000000cc', severity: 'medium' as Severity };
    const outcome = gate({ failOn: 'high', baseline: { file: 'b.json', findings: [rewritten, baselineEntry(high)] } });
    expect(outcome.failing).toEqual([critical.id]);
    expect(outcome.baseline?.worsened).toEqual([{ id: critical.id, previousId: rewritten.id, previousSeverity: 'medium', severity: 'critical' }]);
  });

  it('a suppressed worsened path does not fail', () => {
    const was = { ...baselineEntry(critical), severity: 'low' as Severity };
    const outcome = gate({ failOn: 'high', baseline: { file: 'b.json', findings: [was, baselineEntry(high)] }, suppressions: { file: 's', suppressions: [suppression({ by: 'finding', value: critical.id })] } });
    expect(outcome.failing).toEqual([]);
    expect(outcome.baseline?.worsened.map((w) => w.id)).toEqual([critical.id]);
  });

  it('lists expired suppressions and names the first active match in file order', () => {
    const expired = suppression({ by: 'finding', value: high.id }, '2026-01-01', 0);
    const first = suppression({ by: 'technique', value: 'iam-passrole-lambda' }, '2026-12-31', 1);
    const second = suppression({ by: 'finding', value: critical.id }, '2026-12-31', 2);
    const outcome = gate({ suppressions: { file: '.blastpath.yaml', suppressions: [expired, first, second] } });
    expect(outcome.suppressions?.expired).toEqual([expired]);
    expect(outcome.suppressions?.applied).toEqual([{ finding: critical.id, suppression: first }]);
  });

  it('a suppressed path is suppressed until the day after it expires, then fails', () => {
    const options: Partial<GateOptions> = { failOn: 'critical', suppressions: { file: 's', suppressions: [suppression({ by: 'finding', value: critical.id }, '2026-06-30')] } };
    expect(applyGate({ findings }, { today: '2026-06-30', ...options }).passed).toBe(true);
    expect(applyGate({ findings }, { today: '2026-07-01', ...options }).passed).toBe(false);
  });

  it.each<[Severity, Severity, boolean]>([
    ['critical', 'critical', true],
    ['critical', 'low', true],
    ['high', 'critical', false],
    ['low', 'medium', false],
    ['medium', 'medium', true],
  ])('atLeast(%s, %s) is %s', (severity, threshold, expected) => {
    expect(atLeast(severity, threshold)).toBe(expected);
  });
});
