/**
 * The gate's summary in the terminal table, shown under the header when a baseline,
 * suppressions or a severity threshold were given: the verdict, new / still open / fixed
 * counts, suppressed findings, and every expired suppression (so it gets renewed or removed).
 */
import type { GateOutcome } from '../gate/types.js';
import type { Theme } from './theme.js';
import { words, type Line } from './wrap.js';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Lines of the gate summary; none when there is no gate. */
export function gateLines(gate: GateOutcome | undefined, theme: Theme): Line[] {
  if (!gate) return [];
  const lines: Line[] = [{ indent: 0, hang: 0, words: [] }];
  const line = (...parts: ReturnType<typeof words>[]): Line => ({ indent: 0, hang: 2, words: parts.flat() });
  if (gate.failOn) {
    lines.push(
      gate.passed
        ? line(words('gate passed:', theme.heading), words(`no finding at or above ${gate.failOn} outside the baseline and suppressions`))
        : line(words('gate failed:', theme.severity.critical), words(`${plural(gate.failing.length, 'finding')} at or above ${gate.failOn}, new or worse than the baseline and not suppressed: ${gate.failing.join(', ')}`)),
    );
  }
  if (gate.baseline) {
    const b = gate.baseline;
    lines.push(
      line(
        words(`baseline ${b.file}:`, theme.heading),
        words(`${b.new.length} new, ${b.worsened.length} worsened, ${b.open.length} still open, ${b.changed.length} by a changed route, ${b.fixed.length} fixed`),
      ),
    );
    for (const w of b.worsened) lines.push({ indent: 2, hang: 4, words: words(`worsened: ${w.id} ${w.previousSeverity} → ${w.severity}${w.previousId !== w.id ? ` (was ${w.previousId})` : ''}`, theme.warn) });
    if (b.fixed.length > 0) lines.push({ indent: 2, hang: 4, words: words(`fixed: ${b.fixed.map((e) => e.id).join(', ')}`, theme.dim) });
  }
  if (gate.suppressions) {
    const s = gate.suppressions;
    lines.push(line(words(`suppressions ${s.file}:`, theme.heading), words(`${plural(s.applied.length, 'finding')} suppressed, ${plural(s.expired.length, 'expired suppression')}`, s.expired.length > 0 ? theme.warn : undefined)));
    for (const e of s.expired) {
      lines.push({ indent: 2, hang: 4, words: words(`- expired ${e.expires}: suppressions[${e.index}] ${e.match.by} ${e.match.value}: ${e.reason}`, theme.warn) });
    }
  }
  return lines;
}
