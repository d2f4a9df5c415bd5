/**
 * The terminal's first screen: one line per finding (severity, score, target, the rule that
 * decides it, account, and its gate mark), grouped under the door it comes through, then the root
 * causes to fix first, each with what it closes. Columns align when the terminal is wide enough;
 * otherwise rows wrap and nothing is cut.
 */
import type { Finding } from '../analyze/finding.js';
import { homeAccount } from '../analyze/routing.js';
import { isOutsider } from '../kinds.js';
import { compareStrings } from '../core/hash.js';
import { scoreLabel } from './order.js';
import { line, plural, type FindingMark } from './table-finding.js';
import type { Theme } from './theme.js';
import type { TicketBook } from './ticket.js';
import { words, type Line, type Word } from './wrap.js';

/** The door a finding comes through: its entry, and for a synthetic entry the node it reaches first. */
function doorOf(f: Finding): { key: string; words: string } {
  const [first, second] = f.path.nodes;
  const entry = first ?? { id: f.entry.node, label: f.entry.label, kind: f.entry.kind };
  const name = `${entry.label}${'accountId' in entry && entry.accountId ? ` (${entry.accountId})` : ''}`;
  const via = isOutsider(entry.kind) && second ? ` → ${second.label}` : '';
  return { key: `${f.entry.node}|${f.entry.entryPoint}|${via ? second!.id : ''}`, words: `${name}${via}` };
}

/** Findings grouped by door: groups by their best score, then key; rows by score, then id. */
export function groupByDoor(findings: readonly Finding[]): Array<{ door: string; entry: Finding['entry']; findings: Finding[] }> {
  const groups = new Map<string, { door: string; entry: Finding['entry']; findings: Finding[]; key: string }>();
  for (const f of findings) {
    const door = doorOf(f);
    let group = groups.get(door.key);
    if (!group) groups.set(door.key, (group = { door: door.words, entry: f.entry, findings: [], key: door.key }));
    group.findings.push(f);
  }
  // The unclipped score orders, so two findings both shown as 100 still come in their order.
  const byScore = (a: Finding, b: Finding) => (b.rawScore ?? b.score) - (a.rawScore ?? a.score) || b.score - a.score || compareStrings(a.id, b.id);
  for (const g of groups.values()) g.findings.sort(byScore);
  return [...groups.values()].sort((a, b) => byScore(a.findings[0]!, b.findings[0]!) || compareStrings(a.key, b.key));
}

/** Columns of the rows, fitted to the width. */
interface Columns {
  score: number;
  target: number;
  rule: number;
}

function columns(findings: readonly Finding[], book: TicketBook, width: number): Columns {
  const longest = (values: number[]) => Math.max(0, ...values);
  // A clipped score carries its unclipped value: `100 (118.8)`.
  const score = Math.max(3, longest(findings.map((f) => scoreLabel(f).length)));
  // Severity, score and account take 2 + 8 + 1 + score + 1 + 2 + 2 + 12 columns; the rest is shared.
  const room = Math.max(20, width - 28 - score);
  const targets = longest(findings.map((f) => f.target.label.length));
  // The rule column gives way to at most 24 columns of target names; longer names wrap.
  const rule = Math.min(longest(findings.map((f) => book.finding(f).ruleId.length)), room - Math.min(targets, 24) - 2);
  const target = Math.min(targets, room - rule - 2);
  return { score, target: Math.max(target, 1), rule: Math.max(rule, 1) };
}

function row(f: Finding, book: TicketBook, cols: Columns, mark: FindingMark | undefined, theme: Theme): Line {
  const t = book.finding(f);
  const paint = theme.severity[f.severity];
  const out: Word[] = [
    { text: f.severity.toUpperCase().padEnd(8), paint },
    { text: scoreLabel(f).padStart(cols.score), paint },
    { text: '→', paint: theme.dim },
    { text: f.target.label.padEnd(cols.target), paint: theme.node },
    { text: t.ruleId.padEnd(cols.rule), paint: theme.technique },
    { text: homeAccount(f) ?? '-' },
  ];
  if (mark) out.push(...words(`[${mark.text}]`, mark.warn ? theme.warn : theme.dim));
  return { indent: 2, hang: 14 + cols.score, words: out };
}

/** The grouped one-line-per-finding summary. */
export function summaryLines(findings: readonly Finding[], book: TicketBook, marks: (f: Finding) => FindingMark | undefined, width: number, theme: Theme): Line[] {
  if (findings.length === 0) return [];
  const cols = columns(findings, book, width);
  const lines: Line[] = [line(0, words('Findings by entry', theme.heading), words('(severity, score, target, deciding rule, account):', theme.dim))];
  for (const group of groupByDoor(findings)) {
    const assumed = group.entry.assumed ? words('· assumed', theme.warn) : [];
    lines.push(line(0, words(group.door, theme.node), words(`· ${group.entry.entryPoint}`, theme.technique), assumed, words(`· ${plural(group.findings.length, 'finding')}`, theme.dim)));
    for (const f of group.findings) lines.push(row(f, book, cols, marks(f), theme));
  }
  // Exploitable and unlogged: no call on these paths reaches a CloudTrail trail.
  const silent = findings.filter((f) => f.logging === 'silent');
  if (silent.length) lines.push(line(0, words(`Silent: ${plural(silent.length, 'path')} leave no CloudTrail record:`, theme.warn), words(silent.map((f) => f.target.label).join(', '))));
  return lines;
}

/** The root causes of the shown findings, most severe first: what to change, and what that closes. */
export function rootCauseLines(findings: readonly Finding[], book: TicketBook, theme: Theme): Line[] {
  const shown = new Set(findings.map((f) => f.id));
  const causes = book.causes.filter((c) => c.findings.some((id) => shown.has(id)));
  if (causes.length === 0) return [];
  const closes = new Set(causes.flatMap((c) => c.findings.filter((id) => shown.has(id))));
  const lines: Line[] = [line(0, words(`Fix first: ${plural(causes.length, 'root cause')} behind ${plural(closes.size, 'finding')}`, theme.heading))];
  for (const c of causes) {
    const t = book.cause(c);
    lines.push({
      indent: 2,
      hang: 11,
      words: [{ text: c.severity.toUpperCase().padEnd(8), paint: theme.severity[c.severity] }, ...words(t.fix.text), { text: `(${c.id})`, paint: theme.dim }],
    });
  }
  return lines;
}
