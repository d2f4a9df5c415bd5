/**
 * Golden files for the report formats. A missing or different golden fails the test; only
 * `UPDATE_GOLDEN=1` rewrites them, and never on CI, so a CI run cannot pass by writing its
 * own expectations.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { ReportFormat } from '../../src/report/index.js';
import { SCENARIOS, type ScenarioName } from './results.js';

export const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'golden');

/** True when this run rewrites goldens instead of comparing against them. */
export const updatingGolden = process.env.UPDATE_GOLDEN === '1';

/** Formats compared as text; the HTML page (1.4 MB with its inlined viz.js) is tested in Chromium instead. */
export type TextFormat = Exclude<ReportFormat, 'html'>;

/** File name suffix per format (`demo.table.txt`, `demo.json`); tsc asks for one when a format is added. */
const SUFFIX: Record<TextFormat, string> = { table: 'table.txt', json: 'json', sarif: 'sarif.json', ocsf: 'ocsf.json', markdown: 'md', dot: 'dot', mermaid: 'mmd', svg: 'svg' };

/** True for the formats with golden files. */
export function isTextFormat(format: ReportFormat): format is TextFormat {
  return format !== 'html';
}

/** One golden-tested rendering: a scenario in a format, with or without color and table details. */
export interface GoldenCase {
  scenario: ScenarioName;
  format: TextFormat;
  color: boolean;
  details: boolean;
  file: string;
}

/** Every scenario in every format, plain; the tables with details too; the colored detailed table of the demo. */
export function goldenCases(formats: readonly TextFormat[]): GoldenCase[] {
  const scenarios = Object.keys(SCENARIOS) as ScenarioName[];
  const plain = scenarios.flatMap((scenario) =>
    formats.map((format) => ({ scenario, format, color: false, details: false, file: `${scenario}.${SUFFIX[format]}` })),
  );
  const details = (['demo', 'conditional'] as const).map((scenario) => ({ scenario, format: 'table' as const, color: false, details: true, file: `${scenario}.table-details.txt` }));
  return [...plain, ...details, { scenario: 'demo', format: 'table', color: true, details: true, file: 'demo.table-color.txt' }];
}

/** Compares `actual` with the golden file, or rewrites it under UPDATE_GOLDEN=1. */
export function expectGolden(file: string, actual: string): void {
  const path = join(GOLDEN_DIR, file);
  if (updatingGolden) {
    if (process.env.CI) throw new Error('UPDATE_GOLDEN=1 is refused on CI: goldens are written locally and committed');
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`golden file ${file} is missing; run UPDATE_GOLDEN=1 npx vitest run test/report and commit it`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
