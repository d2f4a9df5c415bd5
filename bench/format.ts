/**
 * Text for benchmark output: a section as an aligned table (one column per row key, in
 * first-seen order; numbers right-aligned) with its notes under it, and number formats the
 * benchmarks share.
 */
import type { BenchSection } from './types.js';

/** Seconds with a precision that suits the magnitude: 0.004, 0.12, 3.45, 12.3. */
export function seconds(ms: number): string {
  const s = ms / 1000;
  return s >= 10 ? s.toFixed(1) : s >= 1 ? s.toFixed(2) : s >= 0.01 ? s.toFixed(2) : s.toFixed(3);
}

/** MiB from bytes, one decimal. */
export function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}

/** A section as printable text. */
export function renderSection(section: BenchSection): string {
  const columns: string[] = [];
  for (const row of section.rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  const cell = (value: string | number | undefined) => (value === undefined ? '' : String(value));
  const numeric = columns.map((c) => section.rows.every((r) => r[c] === undefined || typeof r[c] === 'number' || /^-?[\d.,]+( ?[a-zA-Z%×]+)?$/.test(String(r[c]))));
  const widths = columns.map((c, i) => Math.max(c.length, ...section.rows.map((r) => cell(r[columns[i]!]).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => (numeric[i] && i > 0 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [`== ${section.title}`, line(columns), line(widths.map((w) => '-'.repeat(w)))];
  for (const row of section.rows) out.push(line(columns.map((c) => cell(row[c]))));
  for (const note of section.notes ?? []) out.push(`  ${note}`);
  return `${out.join('\n')}\n`;
}
