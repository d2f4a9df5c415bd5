/**
 * The terminal table for security engineers: a header, one block per finding (highest score
 * first) with the path explained hop by hop, every coverage gap, and the search limits when
 * a cap was hit. Rows fit in TABLE_WIDTH columns; identifiers wrap but are never cut short.
 */
import type { CoverageGap, Finding, PathNode, SearchLimits } from '../analyze/finding.js';
import type { EntryCredential } from '../identity/index.js';
import { SEVERITIES } from '../analyze/finding.js';
import type { ReportContext } from './context.js';
import { countBySeverity, sortedSet, sortFindings, sortGaps } from './order.js';
import { nodeWords, pathLines } from './table-path.js';
import { gateLines } from './table-gate.js';
import { PATH_LOGGING_TEXT } from './logging-words.js';
import { postureLines } from './table-posture.js';
import { makeTheme, type Theme } from './theme.js';
import { layout, phrase, words, type Line, type Word } from './wrap.js';

/** Width the table is laid out for: readable in a split terminal and in CI logs. */
export const TABLE_WIDTH = 100;

/** Finding rows: a label column, then the value, continuation rows aligned under the value. */
const LABEL_WIDTH = 12;
const ROW = { indent: 2, hang: 2 + LABEL_WIDTH + 1 };

/** Numbers as people read them: at most `digits` decimals, no trailing zeros. */
function num(n: number, digits = 3): string {
  return String(Number(n.toFixed(digits)));
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function line(indent: number, ...parts: Word[][]): Line {
  return { indent, hang: indent + 2, words: parts.flat() };
}

function row(label: string, value: Word[], theme: Theme): Line {
  // The label is padded only when a value follows, so no row ends in spaces.
  const text = value.length > 0 ? label.padEnd(LABEL_WIDTH) : label;
  return { ...ROW, words: [{ text, paint: theme.dim }, ...value] };
}

const blank: Line = { indent: 0, hang: 0, words: [] };

function header({ result, meta }: ReportContext, theme: Theme): Line[] {
  const counts = countBySeverity(result.findings);
  const bySeverity = SEVERITIES.map((s) => `${counts[s]} ${s}`).join(', ');
  const rules = meta.rulesVersion === undefined ? '' : ` (rules ${meta.rulesVersion})`;
  const { stats } = result;
  return [
    line(0, words(`blastpath ${meta.toolVersion}${rules}`, theme.heading), words(`· snapshot collected ${meta.snapshot.collectedAt}`)),
    line(0, words(`accounts ${sortedSet(meta.snapshot.accounts).join(', ') || 'none'}`), words(`· sources ${sortedSet(meta.snapshot.sources).join(', ') || 'none'}`)),
    line(
      0,
      words(`${plural(result.findings.length, 'finding')}: ${bySeverity}`, theme.heading),
      words(`· ${plural(result.gaps.length, 'coverage gap')}`, result.gaps.length > 0 ? theme.warn : undefined),
    ),
    line(0, words(`searched ${plural(stats.nodes, 'node')}, ${plural(stats.edges, 'edge')}, ${plural(stats.entries, 'entry point')}, ${plural(stats.crownJewels, 'crown jewel')}`, theme.dim)),
  ];
}

/** `label (account)` for the title row: the kind is shown in the path below. */
function endWords(node: PathNode | undefined, fallback: string, theme: Theme): Word[] {
  const label = phrase(node?.label ?? fallback, theme.node);
  if (!node?.accountId) return label;
  return [...label.map((w) => ({ ...w, keep: true })), { text: `(${node.accountId})` }];
}

/** An assumed entry is a hypothesis, not an observation: say so where the entry is named. */
function assumedWords(f: Finding, theme: Theme): Word[] {
  return f.entry.assumed ? words('· assumed: the snapshot cannot show whether it exists', theme.warn) : [];
}

function alternativesText(f: Finding, limits: SearchLimits): string {
  if (f.alternatives === 0) return 'none';
  const paths = plural(f.alternatives, 'other path');
  return f.alternativesCapped ? `at least ${paths} (search stops at ${limits.alternativesCap})` : paths;
}

/** `access key, created 2021-03-15 (2058 days), last used 2022-08-30 (794 days ago)` */
function credentialText(c: EntryCredential): string {
  const day = (iso: string | undefined) => iso?.slice(0, 10) ?? '';
  if (c.kind === 'access-key') {
    if (!c.createdAt) return 'access key, age unknown';
    const use = c.lastUsedAt ? `last used ${day(c.lastUsedAt)} (${plural(c.unusedDays ?? 0, 'day')} ago)` : c.unusedDays !== undefined ? 'never used' : 'last use not collected';
    return `access key, created ${day(c.createdAt)} (${plural(c.ageDays ?? 0, 'day')}), ${use}`;
  }
  if (c.kind === 'unknown') return 'unknown';
  return `${c.kind === 'web-identity-session' ? 'web identity session' : 'role session'} of at most ${plural(c.sessionHours ?? 1, 'hour')}`;
}

/** `impact 100 × exposure 1 × …`: each factor stays with its value when the row wraps. */
function factorWords({ factors: x }: Finding): Word[] {
  const parts = [
    `impact ${num(x.impact)}`,
    `exposure ${num(x.exposure)}`,
    `confidence ${num(x.confidence)}`,
    `depth ${num(x.depth)}`,
    `blast radius ${num(x.blastRadius)} (${plural(x.reachableCrownJewels, 'crown jewel')}${x.weightedRadius === undefined ? '' : `, weighted ${num(x.weightedRadius, 2)}`})`,
    ...(x.credential === undefined ? [] : [`credential ${num(x.credential)}`]),
  ];
  return parts.flatMap((p, i) => [...(i > 0 ? words('×') : []), ...phrase(p)]);
}

function findingLines(f: Finding, limits: SearchLimits, theme: Theme): Line[] {
  const nodes = f.path.nodes;
  const paint = theme.severity[f.severity];
  const title = line(
    0,
    [
      { text: f.severity.toUpperCase(), paint },
      { text: 'score', paint: theme.dim },
      { text: num(f.score, 1), paint },
      // The unclipped value the ranking uses, when the 0-100 display hides it.
      ...(f.rawScore !== undefined && f.rawScore !== f.score ? [{ text: `(${num(f.rawScore, 2)})`, paint: theme.dim }] : []),
    ],
    words('·'),
    endWords(nodes[0], f.entry.label, theme),
    words('→'),
    endWords(nodes[nodes.length - 1], f.target.label, theme),
  );
  const sensitivity = sortedSet(f.target.sensitivity);
  const lines = [
    title,
    row('impact', [...words(`${f.target.title} (${f.target.impact})`), ...(sensitivity.length > 0 ? words(`· sensitivity ${sensitivity.join(', ')}`) : [])], theme),
    row('entry', [...words(f.entry.title), ...words(`(${f.entry.entryPoint})`, theme.technique), ...assumedWords(f, theme)], theme),
    ...(f.entry.credential && f.entry.credential.kind !== 'none' ? [row('credential', words(credentialText(f.entry.credential)), theme)] : []),
    row('path', [], theme),
    ...pathLines(f, theme),
  ];
  if (f.logging) lines.push(row('logging', words(PATH_LOGGING_TEXT[f.logging], f.logging === 'recorded' ? undefined : theme.warn), theme));
  const residual = sortedSet(f.residualConditions);
  if (residual.length > 0) {
    lines.push(row('conditional', words(`holds only if these can be met: ${residual.join(', ')}`, theme.warn), theme));
  }
  lines.push(
    row('techniques', f.techniques.length > 0 ? words(f.techniques.join(', '), theme.technique) : words('none'), theme),
    row('alternatives', words(alternativesText(f, limits)), theme),
    row('factors', factorWords(f), theme),
    row('id', [{ text: f.id }], theme),
  );
  return lines;
}

function gapLines(gaps: readonly CoverageGap[], theme: Theme): Line[] {
  if (gaps.length === 0) return [line(0, words('Coverage gaps:', theme.heading), words('none'))];
  const lines = [line(0, words(`Coverage gaps (${gaps.length}):`, theme.heading), words('what blastpath could not see; paths through these parts are unknown'))];
  for (const g of sortGaps(gaps)) {
    const where = [g.accountId, g.region ?? 'global', `${g.service}:${g.operation}`, ...(g.resource ? [g.resource] : [])];
    lines.push({ indent: 2, hang: 6, words: [...words(`- ${where.join(' ')}`), ...words(g.outcome, theme.warn)] });
    if (g.message) lines.push({ indent: 6, hang: 6, words: words(g.message, theme.dim) });
  }
  return lines;
}

function limitsLines(limits: SearchLimits, theme: Theme): Line[] {
  if (limits.alternativesCapped === 0 && !limits.entriesOutOfBudget) return [];
  const text = `alternatives were cut at ${limits.alternativesCap} for ${plural(limits.alternativesCapped, 'entry/target pair')} (max depth ${limits.maxDepth}); more paths may exist.`;
  const budget = limits.entriesOutOfBudget
    ? ` Path counting stopped at ${limits.expansionBudget ?? 'its'} expansions for ${plural(limits.entriesOutOfBudget, 'entry', 'entries')}; their counts are lower bounds.`
    : '';
  return [blank, line(0, words('Search limits:', theme.heading), words(text + budget, theme.warn))];
}

function noFindingLines({ result }: ReportContext): Line[] {
  const { stats, limits, gaps } = result;
  const found = `No attack paths found from ${plural(stats.entries, 'entry point')} to ${plural(stats.crownJewels, 'crown jewel')} within ${limits.maxDepth} hops.`;
  const them = gaps.length === 1 ? 'it' : 'them';
  const caveat = gaps.length > 0 ? ` The snapshot has ${plural(gaps.length, 'coverage gap')}: paths through ${them} could exist.` : '';
  return [line(0, words(found + caveat))];
}

/** Renders the terminal table; plain text without ANSI codes when `ctx.color` is false. */
export function renderTable(ctx: ReportContext): string {
  const theme = makeTheme(ctx.color);
  const { findings, gaps, limits } = ctx.result;
  const lines: Line[] = [...header(ctx, theme), ...gateLines(ctx.gate, theme), blank];
  if (findings.length === 0) lines.push(...noFindingLines(ctx), blank);
  for (const f of sortFindings(findings)) lines.push(...findingLines(f, limits, theme), blank);
  lines.push(...postureLines(ctx.result.posture ?? [], theme), ...gapLines(gaps, theme), ...limitsLines(limits, theme));
  return `${lines.flatMap((l) => layout(l, TABLE_WIDTH)).join('\n')}\n`;
}
