/**
 * Markdown sized for a pull-request comment: the counts and the gate's verdict first, then the
 * new paths (all paths without a baseline), most severe first, each with its hops and the fix;
 * known, suppressed and fixed paths as short tables. Detail stops at a budget well under
 * GitHub's 65,536-character comment limit; what does not fit is counted, never dropped silently.
 */
import { NOT_ANALYZED_MEANING, notAnalyzedText, sortNotAnalyzed } from './not-analyzed.js';
import { SEVERITIES, type Finding } from '../analyze/finding.js';
import type { GateOutcome } from '../gate/types.js';
import type { ReportContext, RuleDoc } from './context.js';
import { fixList, findingTitle, mdCell, mdCode, mdText, pathList } from './markdown-path.js';
import { describeGroup, groupGaps, listSome } from '../snapshot/index.js';
import { PATH_LOGGING_TEXT } from './logging-words.js';
import { pictureMermaid } from './mermaid.js';
import { pictureOf } from './picture.js';
import { countBySeverity, scoreLabel, sortedSet, sortFindings } from './order.js';
import { ticketBook, type TicketBook } from './ticket.js';

/** Characters of detailed findings before the rest is summarized in a table. */
export const MARKDOWN_DETAIL_BUDGET = 40_000;
/** At most this many detailed findings, and this many rows per table. */
export const MARKDOWN_DETAIL_LIMIT = 10;
export const MARKDOWN_ROW_LIMIT = 50;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function counts(findings: readonly Finding[]): string {
  const c = countBySeverity(findings);
  return SEVERITIES.map((s) => `${c[s]} ${s}`).join(', ');
}

function gateLines(gate: GateOutcome): string[] {
  const lines: string[] = [];
  if (gate.failOn) {
    lines.push(
      gate.passed
        ? `**Gate passed**: no finding at or above ${gate.failOn} outside the baseline and suppressions.`
        : `**Gate failed**: ${plural(gate.failing.length, 'finding')} at or above ${gate.failOn}, new or worse than the baseline and not suppressed.`,
    );
  }
  if (gate.baseline) {
    const b = gate.baseline;
    lines.push(
      '',
      '| Baseline | New | Worsened | Still open | Changed route | Fixed |',
      '|---|---|---|---|---|---|',
      `| ${mdCode(b.file)} | ${b.new.length} | ${b.worsened.length} | ${b.open.length} | ${b.changed.length} | ${b.fixed.length} |`,
    );
  }
  if (gate.suppressions) {
    const s = gate.suppressions;
    lines.push('', `Suppressions (${mdCode(s.file)}): ${plural(s.applied.length, 'finding')} suppressed, ${plural(s.expired.length, 'expired suppression')}.`);
    for (const e of s.expired) lines.push(`- expired ${e.expires}: suppressions[${e.index}] ${e.match.by} ${mdCode(e.match.value)}: ${mdText(e.reason)}`);
  }
  return lines;
}

function findingSection(f: Finding, book: TicketBook, docs: ReadonlyMap<string, RuleDoc>, mark: string | undefined): string[] {
  const ticket = book.finding(f);
  const cause = ticket.rootCause;
  const others = cause ? cause.findings.length - 1 : 0;
  const what = cause ? ` · root cause ${mdCode(cause.id)}: ${mdText(book.cause(cause).title)}${others ? ` (fixing it closes ${plural(others, 'other path')})` : ''}` : '';
  return [
    `#### ${findingTitle(f)}${mark ? ` (${mark})` : ''}`,
    '',
    `${mdText(f.target.title)} (${mdCode(f.target.impact)}) · ${mdCode(f.id)} · ticket ${mdCode(ticket.ticketKey)}${what}`,
    '',
    ...(f.logging && f.logging !== 'recorded' ? [`**Logging:** ${mdText(PATH_LOGGING_TEXT[f.logging])}`, ''] : []),
    // GitHub renders the fenced Mermaid block as a drawing in PR comments and Markdown files.
    '```mermaid',
    pictureMermaid(pictureOf([f]), `${f.id}: ${f.entry.label} -> ${f.target.label}`).trimEnd(),
    '```',
    '',
    ...pathList(f),
    '',
    '**Fix**',
    '',
    ...fixList(f, docs, ticket),
    '',
  ];
}

function table(title: string, rows: Array<[Finding, string]>): string[] {
  if (rows.length === 0) return [];
  const shown = rows.slice(0, MARKDOWN_ROW_LIMIT);
  const more = rows.length - shown.length;
  return [
    `### ${title} (${rows.length})`,
    '',
    '| Severity | Score | Entry → target | Id | Note |',
    '|---|---|---|---|---|',
    ...shown.map(([f, note]) => `| ${f.severity} | ${scoreLabel(f)} | ${mdCell(f.entry.label)} → ${mdCell(f.target.label)} | ${mdCode(f.id)} | ${mdCell(note)} |`),
    ...(more > 0 ? ['', `…and ${plural(more, 'more finding')}: see the JSON or SARIF report.`] : []),
    '',
  ];
}

/** Renders the PR-comment markdown. */
export function renderMarkdown(ctx: ReportContext): string {
  const { result, meta, gate } = ctx;
  const docs = new Map((ctx.rules ?? []).map((d) => [d.id, d]));
  const book = ticketBook(ctx);
  const findings = sortFindings(result.findings);
  const suppressed = new Map((gate?.suppressions?.applied ?? []).map((a) => [a.finding, a.suppression]));
  const worsened = new Map((gate?.baseline?.worsened ?? []).map((w) => [w.id, w]));
  // Known findings (by id or by ticket key) that did not get worse are not news.
  const known = new Set([...(gate?.baseline?.open ?? []), ...(gate?.baseline?.changed ?? []).map((c) => c.id)].filter((id) => !worsened.has(id)));
  const open = known;
  const primary = findings.filter((f) => !suppressed.has(f.id) && !known.has(f.id));
  const markOf = (f: Finding) => {
    const w = worsened.get(f.id);
    return w ? `worsened from ${w.previousSeverity}` : undefined;
  };

  const out = [`## blastpath: ${plural(result.findings.length, 'attack path')} (${counts(result.findings)})`, ''];
  if (gate) out.push(...gateLines(gate), '');
  out.push(`Snapshot collected ${meta.snapshot.collectedAt} · accounts ${sortedSet(meta.snapshot.accounts).join(', ') || 'none'} · ${plural(result.gaps.length, 'coverage gap')}`, '');

  const heading = gate?.baseline ? 'New and worsened paths' : 'Paths';
  out.push(`### ${heading} (${primary.length}${primary.length ? `: ${counts(primary)}` : ''})`, '');
  if (primary.length === 0) out.push(gate?.baseline ? 'No new attack paths.' : 'No attack paths found.', '');
  let used = 0;
  let detailed = 0;
  const rest: Finding[] = [];
  for (const f of primary) {
    const section = findingSection(f, book, docs, markOf(f));
    const size = section.join('\n').length;
    // Once one finding goes to the table, all later ones do, so the order stays by score.
    if (rest.length === 0 && detailed < MARKDOWN_DETAIL_LIMIT && used + size <= MARKDOWN_DETAIL_BUDGET) {
      out.push(...section);
      used += size;
      detailed += 1;
    } else rest.push(f);
  }
  out.push(...table(`More ${heading.toLowerCase()}`, rest.map((f) => [f, ''])));
  out.push(...table('Still open (in the baseline)', findings.filter((f) => open.has(f.id) && !suppressed.has(f.id)).map((f) => [f, ''])));
  out.push(...table('Suppressed', findings.filter((f) => suppressed.has(f.id)).map((f) => [f, `${suppressed.get(f.id)?.reason ?? ''} (until ${suppressed.get(f.id)?.expires ?? ''})`])));
  const fixed = gate?.baseline?.fixed ?? [];
  if (fixed.length) {
    out.push(`### Fixed since the baseline (${fixed.length})`, '');
    for (const e of fixed.slice(0, MARKDOWN_ROW_LIMIT)) out.push(`- ${mdCode(e.id)} ${e.severity}: ${mdCode(e.entry)} → ${mdCode(e.target)}`);
    if (fixed.length > MARKDOWN_ROW_LIMIT) out.push(`- …and ${fixed.length - MARKDOWN_ROW_LIMIT} more`);
    out.push('');
  }
  const posture = result.posture ?? [];
  if (posture.length) {
    out.push(`### Posture findings (${posture.length})`, '');
    for (const p of posture) out.push(`- **${p.severity}** ${mdText(p.title)} · ${p.accountId} · ${mdCode(p.rule)}: ${Object.keys(p.evidence).sort().map((k) => `${k} ${(p.evidence[k] ?? []).map(mdCode).join(', ') || 'none'}`).join('; ')}; paths ${p.findings.map(mdCode).join(', ') || 'none found'}. Fix: ${mdText(p.remediation)}`);
    out.push('');
  }
  const groups = groupGaps(result.gaps);
  if (groups.length) {
    out.push(`### Coverage gaps (${result.gaps.length})`, '', 'What blastpath could not see; paths through these parts are unknown. Grouped by cause, most severe first; the JSON report lists every gap.', '');
    for (const g of groups.slice(0, MARKDOWN_ROW_LIMIT)) out.push(`- ${mdText(describeGroup(g))} (accounts ${mdText(listSome(g.accounts, 5, 'accounts'))} · regions ${mdText(listSome(g.regions, 5, 'regions'))})`);
    if (groups.length > MARKDOWN_ROW_LIMIT) out.push(`- …and ${groups.length - MARKDOWN_ROW_LIMIT} more causes`);
    out.push('');
  }
  const warnings = meta.inputWarnings ?? [];
  if (warnings.length) {
    out.push(`### Input warnings (${warnings.length})`, '', 'What looks wrong in the input; the results depend on how it was read.', '');
    for (const w of warnings.slice(0, MARKDOWN_ROW_LIMIT)) out.push(`- ${mdCode(w.kind)} ${mdCode(w.file)} ${mdCode(w.path)}: ${mdText(w.message)}`);
    if (warnings.length > MARKDOWN_ROW_LIMIT) out.push(`- …and ${warnings.length - MARKDOWN_ROW_LIMIT} more (the JSON report lists all)`);
    out.push('');
  }
  const unread = sortNotAnalyzed(result.notAnalyzed ?? []);
  if (unread.length) {
    out.push(`### Collected, not analyzed (${unread.length})`, '', `${NOT_ANALYZED_MEANING[0]!.toUpperCase()}${NOT_ANALYZED_MEANING.slice(1)}.`, '');
    for (const n of unread) out.push(`- ${mdText(notAnalyzedText(n))}`);
    out.push('');
  }
  out.push(`_blastpath ${meta.toolVersion}${meta.rulesVersion ? ` · rules ${meta.rulesVersion}` : ''}_`);
  return `${out.join('\n')}\n`;
}
