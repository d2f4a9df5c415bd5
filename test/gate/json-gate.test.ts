import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyGate } from '../../src/gate/index.js';
import { findingsDocument } from '../../src/report/json.js';
import { demoAnalyzed, demoContext } from './contexts.js';

/** Every key path of a value, like `gate.baseline.fixed[].id`. */
function keyPaths(value: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keyPaths(item, `${prefix}[]`, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${k}` : k;
      out.add(path);
      if (!path.endsWith('bySeverity') && !path.endsWith('.detail') && !path.endsWith('.ownerTags')) keyPaths(v, path, out);
    }
  }
  return out;
}

describe('JSON report: gate and root causes', () => {
  it('docs/report-json.md documents every field of a gated document with root causes', async () => {
    const { result } = await demoAnalyzed();
    const [a, b, c] = result.findings;
    // c's risk was known, less severe, under another id: a changed route that worsened.
    const earlier = { id: 'bp-00000000000000bb', severity: 'low' as const, entry: c!.entry.node, entryPoint: c!.entry.entryPoint, target: c!.target.node, impact: c!.target.impact };
    const gate = applyGate(result, {
      today: '2026-11-02',
      failOn: 'critical',
      baseline: { file: 'b.json', findings: [{ id: 'bp-00000000000000aa', severity: 'high', entry: 'e', entryPoint: 'p', target: 't', impact: 'C-X' }, { id: a!.id, severity: a!.severity, entry: '', entryPoint: '', target: '', impact: '' }, earlier] },
      suppressions: {
        file: '.blastpath.yaml',
        suppressions: [
          { index: 0, match: { by: 'finding', value: b!.id }, reason: 'r', expires: '2026-12-31' },
          { index: 1, match: { by: 'node', value: '*' }, reason: 'old', expires: '2020-01-01' },
        ],
      },
    });
    const doc = findingsDocument(await demoContext(gate));
    // Both kinds of root cause, so both shapes are checked.
    const statementCause = { id: 'rc-0000000000000000', kind: 'statement' as const, statement: { policy: 'p', policyKind: 'identity' as const, sid: 's', statementHash: 'h', field: 'f' }, findings: [], severity: 'low' as const, withAlternatives: [] };
    const withStatement = findingsDocument({ ...(await demoContext()), result: { ...result, rootCauses: [statementCause] } });
    const docs = readFileSync('docs/report-json.md', 'utf8');
    const paths = new Set([...keyPaths(doc), ...keyPaths(withStatement)]);
    // The rest of the document is checked by test/report/index.test.ts.
    const ours = [...paths].filter((p) => p.startsWith('gate') || p.startsWith('rootCauses'));
    expect(ours.filter((p) => !docs.includes(`\`${p}\``))).toEqual([]);
    expect(paths.has('gate.baseline.fixed[].impact')).toBe(true);
    expect(paths.has('gate.baseline.worsened[].previousSeverity')).toBe(true);
    expect(paths.has('gate.baseline.changed[].previousId')).toBe(true);
    expect(paths.has('rootCauses[].remediation')).toBe(true);
    expect(paths.has('rootCauses[].hop.provenance[].policy')).toBe(true);
  });

  it('keeps the v1 field order and puts rootCauses and gate last', async () => {
    const { result } = await demoAnalyzed();
    const doc = findingsDocument(await demoContext(applyGate(result, { today: '2026-11-02', failOn: 'high' })));
    expect(Object.keys(doc)).toEqual(['schema', 'tool', 'snapshot', 'summary', 'limits', 'stats', 'findings', 'coverageGaps', 'collectedNotAnalyzed', 'coverageSummary', 'inputWarnings', 'posture', 'identities', 'rootCauses', 'gate']);
  });
});
