import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { isReportFormat, loadReportTools, REPORT_FORMATS, renderReport, type ReportFormat } from '../../src/report/index.js';
import { findingsDocument, renderJson } from '../../src/report/json.js';
import { renderTable } from '../../src/report/table.js';
import { SCENARIOS } from './results.js';

describe('report registry', () => {
  it.each(REPORT_FORMATS)('%s renders non-empty text ending in a newline', async (format) => {
    const text = renderReport(format, { ...SCENARIOS.demo(), color: false, tools: await loadReportTools(format) });
    expect(text.length).toBeGreaterThan(0);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('dispatches to the reporter of each format', () => {
    const ctx = { ...SCENARIOS.conditional(), color: false };
    expect(renderReport('table', ctx)).toBe(renderTable(ctx));
    expect(renderReport('json', ctx)).toBe(renderJson(ctx));
  });

  it.each([
    ['table', true],
    ['json', true],
    ['sarif', true],
    ['markdown', true],
    ['xml', false],
    ['TABLE', false],
    ['', false],
  ])('isReportFormat(%j) is %s', (value, expected) => {
    expect(isReportFormat(value)).toBe(expected);
  });

  it('rejects an unregistered format with an InputError naming the choices', () => {
    const ctx = { ...SCENARIOS.empty(), color: false };
    expect(() => renderReport('xml' as ReportFormat, ctx)).toThrow(InputError);
    expect(() => renderReport('xml' as ReportFormat, ctx)).toThrow(/table, json/);
  });

  it('does not read the environment for color: the flag alone decides', () => {
    const ctx = { ...SCENARIOS.demo(), color: false };
    const saved = { FORCE_COLOR: process.env.FORCE_COLOR, NO_COLOR: process.env.NO_COLOR };
    try {
      process.env.FORCE_COLOR = '3';
      expect(renderReport('table', ctx)).not.toContain('\u001b[');
      delete process.env.FORCE_COLOR;
      process.env.NO_COLOR = '1';
      expect(renderReport('table', { ...ctx, color: true })).toContain('\u001b[');
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});

describe('docs/report-json.md', () => {
  const doc = readFileSync(new URL('../../docs/report-json.md', import.meta.url), 'utf8');

  /** Every key path the demo and conditional documents contain, e.g. `findings[].path.edges[].residual`. */
  function keyPaths(value: unknown, prefix = ''): Set<string> {
    const out = new Set<string>();
    if (Array.isArray(value)) for (const item of value) for (const p of keyPaths(item, `${prefix}[]`)) out.add(p);
    else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const path = prefix ? `${prefix}.${k}` : k;
        out.add(path);
        // bySeverity keys are the severities; document them once, not as fields.
        if (!path.endsWith('bySeverity') && !path.endsWith('.detail') && !path.endsWith('.ownerTags')) for (const p of keyPaths(v, path)) out.add(p);
      }
    }
    return out;
  }

  it('documents every field the v2 document can contain', () => {
    const paths = new Set<string>();
    for (const make of [SCENARIOS.demo, SCENARIOS.conditional, SCENARIOS.empty]) {
      for (const p of keyPaths(findingsDocument({ ...make(), color: false, selectedFrom: 9, selectionFilters: ['--top 1'] }))) paths.add(p);
    }
    const missing = [...paths].filter((p) => !doc.includes(`\`${p}\``));
    expect(missing).toEqual([]);
  });

  it('names the schema id it documents', () => {
    expect(doc).toContain('`blastpath.findings/v2`');
  });

  it('has an example that parses, with the same top-level and finding keys as real output', () => {
    const example = JSON.parse(doc.slice(doc.indexOf('```json') + 7, doc.indexOf('```', doc.indexOf('```json') + 7)));
    const real = findingsDocument({ ...SCENARIOS.demo(), color: false });
    expect(Object.keys(example)).toEqual(Object.keys(real));
    expect(Object.keys(example.findings[0])).toEqual(Object.keys(real.findings[0] ?? {}));
    expect(example.summary.findings).toBe(example.findings.length);
  });
});
