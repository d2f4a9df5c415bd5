/**
 * Each run against the previous one: the runner keeps the last bench/results.json and prints,
 * for every figure in seconds or MiB (and total / JSON.parse) that both runs measured, the new
 * value, the old one and their ratio, so a change shows its effect per stage in one run.
 */
import type { BenchSection } from './types.js';

/** The first column holds the row's label; the others are sizes or operations. */
const label = (row: Record<string, string | number>) => String(Object.values(row)[0] ?? '');
/** Rows worth a ratio: times, sizes in memory, and total over JSON.parse. */
const COMPARABLE = /( s$| s \(| MiB$|total \/ JSON\.parse|^CPU s)/;

function numberOf(value: string | number | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (value === undefined) return undefined;
  const match = /^(-?[\d.]+)×?$/.exec(value.trim());
  return match ? Number(match[1]) : undefined;
}

/** A section comparing `current` with the same-titled sections of `previous`; undefined when nothing compares. */
export function compareSections(previous: readonly BenchSection[], current: readonly BenchSection[], previousNote: string): BenchSection | undefined {
  const rows: Array<Record<string, string | number>> = [];
  for (const section of current) {
    const before = previous.find((p) => p.title === section.title);
    if (!before) continue;
    for (const row of section.rows) {
      const name = label(row);
      if (!COMPARABLE.test(name)) continue;
      const old = before.rows.find((r) => label(r) === name);
      if (!old) continue;
      const out: Record<string, string | number> = { figure: `${section.title.split(' ')[0]}: ${name}` };
      let any = false;
      for (const [column, value] of Object.entries(row).slice(1)) {
        const now = numberOf(value);
        const then = numberOf(old[column]);
        if (now === undefined || then === undefined || then === 0) continue;
        const ratio = now / then;
        out[column] = `${value} / ${old[column]} = ×${ratio >= 0.1 ? ratio.toFixed(2) : ratio.toPrecision(2)}`;
        any = true;
      }
      if (any) rows.push(out);
    }
  }
  if (rows.length === 0) return undefined;
  return { title: 'Against the previous run (now / before = ratio)', rows, notes: [previousNote, 'a ratio below 1 is faster or smaller; the machine is shared, so compare runs made back to back'] };
}
