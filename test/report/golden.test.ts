import { existsSync, readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReportTools, REPORT_FORMATS, renderReport, type ReportTools } from '../../src/report/index.js';
import { expectGolden, GOLDEN_DIR, goldenCases, isTextFormat, updatingGolden } from './golden.js';
import { SCENARIOS } from './results.js';

const cases = goldenCases(REPORT_FORMATS.filter(isTextFormat));
let tools: ReportTools = {};
beforeAll(async () => {
  tools = await loadReportTools('svg');
});
// Listed before any test runs, so goldens written by this run cannot satisfy the check below.
const presentAtStart = existsSync(GOLDEN_DIR) ? new Set(readdirSync(GOLDEN_DIR)) : new Set<string>();

describe('golden files', () => {
  it('exist for every scenario and format before the run starts', () => {
    if (updatingGolden) {
      // Rewriting is a local act; on CI the helper refuses it outright.
      expect(process.env.CI ?? '').toBe('');
      return;
    }
    expect(cases.map((c) => c.file).filter((f) => !presentAtStart.has(f))).toEqual([]);
  });

  it('have no strays: every file in golden/ belongs to a case', () => {
    const known = new Set(cases.map((c) => c.file));
    expect([...presentAtStart].filter((f) => !known.has(f))).toEqual([]);
  });

  it.each(cases)('$file', ({ scenario, format, color, details, file }) => {
    const text = renderReport(format, { ...SCENARIOS[scenario](), color, details, tools });
    expectGolden(file, text);
  });
});
