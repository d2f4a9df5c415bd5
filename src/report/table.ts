/**
 * The terminal view, laid out in the terminal's width. First a header (counts, gate), then one
 * line per finding grouped by the door it comes through, then the root causes to fix first; the
 * full path and fix of each finding follow only with `details` (`--details`, or `--top N`).
 * Coverage gaps and search limits always close the report. Identifiers wrap but are never cut.
 */
import type { CoverageGap, Finding, NotAnalyzed, SearchLimits, WhatIfSummary } from '../analyze/finding.js';
import { SEVERITIES } from '../analyze/finding.js';
import type { InputWarning } from '../load/warnings.js';
import type { ReportContext } from './context.js';
import { NOT_ANALYZED_MEANING, notAnalyzedText, sortNotAnalyzed } from './not-analyzed.js';
import { warningGroups, warningLine } from './warnings.js';
import { describeGroup, groupGaps, listSome } from '../snapshot/index.js';
import { countBySeverity, sortedSet, sortFindings } from './order.js';
import { findingLines, line, plural, type FindingMark } from './table-finding.js';
import { gateLines } from './table-gate.js';
import { identityLines, postureLines } from './table-posture.js';
import { rootCauseLines, summaryLines } from './table-summary.js';
import { makeTheme, type Theme } from './theme.js';
import { ticketBook } from './ticket.js';
import { layout, words, type Line } from './wrap.js';

/** Width the table is laid out in when the caller gives none (not a terminal: a CI log, a file). */
export const TABLE_WIDTH = 100;
/** Narrower than this, rows would be mostly wrapping: lay out at this width instead. */
export const MIN_TABLE_WIDTH = 60;

const blank: Line = { indent: 0, hang: 0, words: [] };

/** What narrowed the findings shown, when something did. */
function selectionOf(ctx: ReportContext): { total: number; filters: string[] } | undefined {
  return ctx.selectedFrom !== undefined ? { total: ctx.selectedFrom, filters: ctx.selectionFilters ?? [] } : undefined;
}

function header(ctx: ReportContext, theme: Theme): Line[] {
  const { result, meta } = ctx;
  const selection = selectionOf(ctx);
  const counts = countBySeverity(result.findings);
  const bySeverity = SEVERITIES.map((s) => `${counts[s]} ${s}`).join(', ');
  const rules = meta.rulesVersion === undefined ? '' : ` (rules ${meta.rulesVersion})`;
  const { stats } = result;
  const shown = selection ? `${plural(result.findings.length, 'finding')} shown of ${selection.total}` : plural(result.findings.length, 'finding');
  return [
    line(0, words(`blastpath ${meta.toolVersion}${rules}`, theme.heading), words(`· snapshot collected ${meta.snapshot.collectedAt}`)),
    line(0, words(`accounts ${sortedSet(meta.snapshot.accounts).join(', ') || 'none'}`), words(`· sources ${sortedSet(meta.snapshot.sources).join(', ') || 'none'}`)),
    line(0, words(`${shown}: ${bySeverity}`, theme.heading), words(`· ${plural(result.gaps.length, 'coverage gap')}`, result.gaps.length > 0 ? theme.warn : undefined)),
    ...(selection?.filters.length ? [line(0, words(`selected by ${selection.filters.join(', ')}`, theme.dim))] : []),
    line(0, words(`searched ${plural(stats.nodes, 'node')}, ${plural(stats.edges, 'edge')}, ${plural(stats.entries, 'entry point')}, ${plural(stats.crownJewels, 'crown jewel')}`, theme.dim)),
    ...whatIfLines(result.whatIf, theme),
  ];
}

/** With --from: the compromised principals, then every crown jewel they reach, best first. */
function whatIfLines(whatIf: WhatIfSummary | undefined, theme: Theme): Line[] {
  if (!whatIf) return [];
  const reach = whatIf.reached.length ? `reaches ${plural(whatIf.reached.length, 'crown jewel')}:` : 'reaches no crown jewel';
  return [
    line(0, words(`what-if from ${whatIf.from.join(', ')}`, theme.heading), words(`· ${reach}`)),
    ...whatIf.reached.map((j) => ({ indent: 2, hang: 4, words: [...words(`- ${j.label}`), ...words(`(${j.severity}; ${j.impacts.join(', ')})`, theme.dim)] })),
  ];
}

function gapLines(gaps: readonly CoverageGap[], theme: Theme): Line[] {
  if (gaps.length === 0) return [line(0, words('Coverage gaps:', theme.heading), words('none'))];
  const groups = groupGaps(gaps);
  const heading = `Coverage gaps (${gaps.length}${groups.length < gaps.length ? `, ${plural(groups.length, 'cause')}` : ''}):`;
  const lines = [line(0, words(heading, theme.heading), words('what blastpath could not see; paths through these parts are unknown'))];
  for (const g of groups) {
    lines.push({ indent: 2, hang: 6, words: words(`- ${describeGroup(g)}`) });
    lines.push({ indent: 6, hang: 6, words: words(`accounts ${listSome(g.accounts, 5, 'accounts')} · regions ${listSome(g.regions, 5, 'regions')}`, theme.dim) });
  }
  if (groups.length < gaps.length) lines.push({ indent: 2, hang: 2, words: words('Every gap, one by one: --format json (coverageGaps).', theme.dim) });
  return lines;
}

function warningLines(warnings: readonly InputWarning[], theme: Theme): Line[] {
  if (warnings.length === 0) return [];
  const lines = [blank, line(0, words(`Input warnings (${warnings.length}):`, theme.heading), words('what looks wrong in the input; the results depend on how it was read'))];
  for (const group of warningGroups(warnings, 10)) {
    for (const w of group.shown) lines.push({ indent: 2, hang: 6, words: [...words(`- ${w.kind}`, theme.warn), ...words(warningLine(w))] });
    if (group.more > 0) lines.push({ indent: 2, hang: 6, words: words(`- ... and ${group.more} more ${group.kind} (--format json lists all)`, theme.dim) });
  }
  return lines;
}

/** Collected data no analysis reads; absent from hand-built results, "none" when everything is read. */
function notAnalyzedLines(records: readonly NotAnalyzed[] | undefined, theme: Theme): Line[] {
  if (!records) return [];
  if (records.length === 0) return [line(0, words('Collected, not analyzed:', theme.heading), words('none'))];
  return [
    line(0, words(`Collected, not analyzed (${records.length}):`, theme.heading), words(NOT_ANALYZED_MEANING)),
    ...sortNotAnalyzed(records).map((n) => ({ indent: 2, hang: 4, words: words(`- ${notAnalyzedText(n)}`) })),
  ];
}

function limitsLines(limits: SearchLimits, theme: Theme): Line[] {
  if (limits.alternativesCapped === 0 && !limits.findingsOutOfBudget) return [];
  const text = `alternatives were cut at ${limits.alternativesCap} for ${plural(limits.alternativesCapped, 'entry/target pair')} (max depth ${limits.maxDepth}); more paths may exist.`;
  const budget = limits.findingsOutOfBudget
    ? ` Path counting ran out of its edge budget (${limits.edgeBudget ?? '?'} per finding, ${limits.totalEdgeBudget ?? '?'} in all) for ${plural(limits.findingsOutOfBudget, 'finding')}; their counts are lower bounds.`
    : '';
  return [blank, line(0, words('Search limits:', theme.heading), words(text + budget, theme.warn))];
}

function noFindingLines(ctx: ReportContext): Line[] {
  const { stats, limits, gaps } = ctx.result;
  const selection = selectionOf(ctx);
  if (selection) return [line(0, words(`No finding matches the filters (${selection.total} in all).`))];
  const found = `No attack paths found from ${plural(stats.entries, 'entry point')} to ${plural(stats.crownJewels, 'crown jewel')} within ${limits.maxDepth} hops.`;
  const them = gaps.length === 1 ? 'it' : 'them';
  const caveat = gaps.length > 0 ? ` The snapshot has ${plural(gaps.length, 'coverage gap')}: paths through ${them} could exist.` : '';
  return [line(0, words(found + caveat))];
}

/** Each finding's place in the gate, as the summary and details mark it. */
function marksOf(ctx: ReportContext): (f: Finding) => FindingMark | undefined {
  const gate = ctx.gate;
  const suppressed = new Map((gate?.suppressions?.applied ?? []).map((a) => [a.finding, a.suppression]));
  const worsened = new Map((gate?.baseline?.worsened ?? []).map((w) => [w.id, w]));
  const changed = new Set((gate?.baseline?.changed ?? []).map((c) => c.id));
  const fresh = new Set(gate?.baseline?.new ?? []);
  return (f) => {
    const s = suppressed.get(f.id);
    if (s) return { text: `suppressed until ${s.expires}`, warn: false };
    const w = worsened.get(f.id);
    if (w) return { text: `worsened from ${w.previousSeverity}`, warn: true };
    if (fresh.has(f.id)) return { text: 'new', warn: true };
    if (changed.has(f.id)) return { text: 'route changed', warn: false };
    return undefined;
  };
}

/** Renders the terminal view; plain text without ANSI codes when `ctx.color` is false. */
export function renderTable(ctx: ReportContext): string {
  const theme = makeTheme(ctx.color);
  const width = Math.max(MIN_TABLE_WIDTH, ctx.width ?? TABLE_WIDTH);
  const { gaps, limits } = ctx.result;
  const findings = sortFindings(ctx.result.findings);
  const book = ticketBook(ctx, (t) => t);
  const marks = marksOf(ctx);
  const lines: Line[] = [...header(ctx, theme), ...gateLines(ctx.gate, theme), blank];
  if (findings.length === 0) lines.push(...noFindingLines(ctx), blank);
  else {
    lines.push(...summaryLines(findings, book, marks, width, theme), blank);
    lines.push(...rootCauseLines(findings, book, theme), blank);
    if (ctx.details) {
      for (const f of findings) {
        const ticket = book.finding(f);
        lines.push(...findingLines(f, ticket, ticket.rootCause && book.cause(ticket.rootCause), marks(f), limits, theme), blank);
      }
    } else {
      lines.push(line(0, words('Each path and its fix: --details, or --top N for the first N. Narrow with --severity, --account, --target, --entry.', theme.dim)), blank);
    }
  }
  lines.push(...postureLines(ctx.result.posture ?? [], theme, ctx.details), ...(ctx.details ? identityLines(ctx.result.identities ?? [], theme) : []), ...gapLines(gaps, theme), ...notAnalyzedLines(ctx.result.notAnalyzed, theme), ...warningLines(ctx.meta.inputWarnings ?? [], theme), ...limitsLines(limits, theme));
  return `${lines.flatMap((l) => layout(l, width)).join('\n')}\n`;
}
