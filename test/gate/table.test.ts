import { describe, expect, it } from 'vitest';
import { applyGate, baselineEntry } from '../../src/gate/index.js';
import { renderReport } from '../../src/report/index.js';
import { SCENARIOS } from '../report/results.js';

describe('table report: gate summary', () => {
  const { result, meta } = SCENARIOS.demo();
  const [high, critical] = result.findings;

  it('adds nothing without a gate', () => {
    expect(renderReport('table', { result, meta, color: false })).not.toMatch(/gate|baseline|suppressions/);
  });

  it('shows the verdict, new / still open / fixed, and expired suppressions', () => {
    const gone = { id: 'bp-00000000000000aa', severity: 'high' as const, entry: 'internet', entryPoint: 'x', target: 't', impact: 'C-X' };
    const gate = applyGate(result, {
      today: '2026-06-01',
      failOn: 'critical',
      baseline: { file: '.blastpath/baseline.json', findings: [baselineEntry(high!), gone] },
      suppressions: { file: '.blastpath.yaml', suppressions: [{ index: 0, match: { by: 'technique', value: 'sts-assume-role' }, reason: 'vendor review', expires: '2026-01-31' }] },
    });
    const text = renderReport('table', { result, meta, color: false, gate });
    // The summary is the block between the header and the first finding; rows wrap at the table width.
    const summary = text.split('\n\n')[1]!.replace(/\s+/g, ' ');
    expect(summary).toContain(`gate failed: 1 finding at or above critical, new or worse than the baseline and not suppressed: ${critical!.id}`);
    expect(summary).toContain('baseline .blastpath/baseline.json: 1 new, 0 worsened, 1 still open, 0 by a changed route, 1 fixed');
    expect(summary).toContain(`fixed: ${gone.id}`);
    expect(summary).toContain('suppressions .blastpath.yaml: 0 findings suppressed, 1 expired suppression');
    expect(summary).toContain('- expired 2026-01-31: suppressions[0] technique sts-assume-role: vendor review');
  });

  it('names each worsened path with its old and new severity', () => {
    const gate = applyGate(result, { today: '2026-06-01', failOn: 'high', baseline: { file: 'b.json', findings: [{ ...baselineEntry(critical!), severity: 'medium' }, baselineEntry(high!)] } });
    const summary = renderReport('table', { result, meta, color: false, gate }).split('\n\n')[1]!.replace(/\s+/g, ' ');
    expect(summary).toContain(`worsened: ${critical!.id} medium → critical`);
    expect(summary).toContain('1 worsened');
    expect(gate.failing).toEqual([critical!.id]);
  });
});
