/**
 * One finding in full, for `--details` and `--top N`: a title row, then labelled rows (impact,
 * entry, the path hop by hop, conditions, techniques, alternatives, score factors), then what a
 * ticket needs: the root cause and what it is, the fix, owners, the ticket key and the id.
 */
import type { Finding, PathNode, SearchLimits } from '../analyze/finding.js';
import type { EntryCredential } from '../identity/index.js';
import { PATH_LOGGING_TEXT } from './logging-words.js';
import type { CauseTicket, FindingTicket } from './ticket.js';
import { sortedSet } from './order.js';
import { pathLines } from './table-path.js';
import type { Theme } from './theme.js';
import { phrase, words, type Line, type Word } from './wrap.js';

/** Finding rows: a label column, then the value, continuation rows aligned under the value. */
const LABEL_WIDTH = 12;
const ROW = { indent: 2, hang: 2 + LABEL_WIDTH + 1 };

/** Numbers as people read them: at most `digits` decimals, no trailing zeros. */
export function num(n: number, digits = 3): string {
  return String(Number(n.toFixed(digits)));
}

/** `3 findings`, `1 finding`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A logical line starting at `indent`, continuation rows two columns further in. */
export function line(indent: number, ...parts: Word[][]): Line {
  return { indent, hang: indent + 2, words: parts.flat() };
}

function row(label: string, value: Word[], theme: Theme): Line {
  // The label is padded only when a value follows, so no row ends in spaces.
  const text = value.length > 0 ? label.padEnd(LABEL_WIDTH) : label;
  return { ...ROW, words: [{ text, paint: theme.dim }, ...value] };
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
  if (c.kind === 'static-secret') return 'static credential of another system, valid until rotated, age unknown';
  return `${c.kind === 'web-identity-session' ? 'web identity session' : 'role session'} of at most ${plural(c.sessionHours ?? 1, 'hour')}`;
}

/** `impact 100 × exposure 1 (anonymous-internet) × …`: each factor stays with its value when the row wraps. */
function factorWords({ factors: x, entry }: Finding): Word[] {
  const parts = [
    `impact ${num(x.impact)}`,
    `exposure ${num(x.exposure)} (${entry.exposure})`,
    `confidence ${num(x.confidence)}`,
    `depth ${num(x.depth)}`,
    `blast radius ${num(x.blastRadius)} (${plural(x.reachableCrownJewels, 'crown jewel')}${x.weightedRadius === undefined ? '' : `, weighted ${num(x.weightedRadius, 2)}`})`,
    ...(x.credential === undefined ? [] : [`credential ${num(x.credential)}`]),
  ];
  return parts.flatMap((p, i) => [...(i > 0 ? words('×') : []), ...phrase(p)]);
}

function ownerText(tags: Record<string, string> | undefined): string | undefined {
  const keys = Object.keys(tags ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${tags![k]}`).join(', ') : undefined;
}

/** What to show of a finding's place in the gate: suppressed, new, worsened, changed route. */
export interface FindingMark {
  text: string;
  warn: boolean;
}

/** The full block of one finding. */
export function findingLines(f: Finding, ticket: FindingTicket, cause: CauseTicket | undefined, mark: FindingMark | undefined, limits: SearchLimits, theme: Theme): Line[] {
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
    mark ? words(`[${mark.text}]`, mark.warn ? theme.warn : theme.dim) : [],
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
  );
  if (ticket.rootCause) {
    const what = cause ? `${cause.title} ` : '';
    lines.push(row('root cause', [...words(what), { text: `(${ticket.rootCause.id})`, paint: theme.dim }], theme));
  }
  lines.push(row('fix', words(ticket.remediation), theme));
  const owners = [
    ...(ownerText(f.entry.ownerTags) ? [`entry ${ownerText(f.entry.ownerTags)}`] : []),
    ...(ownerText(f.target.ownerTags) ? [`target ${ownerText(f.target.ownerTags)}`] : []),
  ];
  if (owners.length) lines.push(row('owners', words(owners.join(' · ')), theme));
  lines.push(row('ticket', [{ text: ticket.ticketKey }, ...words(`· accounts ${ticket.accounts.join(', ') || 'none'}${ticket.regions.length ? ` · regions ${ticket.regions.join(', ')}` : ''}`)], theme));
  lines.push(row('id', [{ text: f.id }], theme));
  return lines;
}
