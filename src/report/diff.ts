/**
 * The diff as JSON (`blastpath.diff/v1`, documented in docs/ci.md), as markdown for a
 * pull-request comment, and as plain text for a terminal. Pure: a PathDiff in, text out.
 */
import type { Finding } from '../analyze/finding.js';
import { fixList, findingTitle, mdCode, mdText, pathList } from './markdown-path.js';
import type { RuleDoc } from './context.js';
import { ticketBook } from './ticket.js';
import type { Cause, OpenedPath, PathDiff, WorsenedPath } from '../gate/diff/types.js';

/** The `schema` value of diff documents. */
export const DIFF_SCHEMA = 'blastpath.diff/v1';

/** Output formats of `blastpath diff`. */
export const DIFF_FORMATS = ['table', 'json', 'markdown'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

type Quote = (text: string) => string;

function statementWords(c: Cause, q: Quote): string {
  if (c.sid !== undefined) return `statement ${q(c.sid)}`;
  if (c.statementIndex !== undefined) return `statement ${c.statementIndex}${c.statementHash ? ` (hash ${c.statementHash})` : ''}`;
  return c.statementHash ? `statement with hash ${c.statementHash}` : 'a statement';
}

function hopWords(c: Cause, q: Quote): string {
  if (!c.hop) return '';
  const capability = c.hop.capability ? ` ${c.hop.capability}` : '';
  return ` (hop ${c.hop.kind}${capability}: ${q(c.hop.from)} → ${q(c.hop.to)})`;
}

/** One cause in words, quoting identifiers with `q`. */
export function causeText(c: Cause, q: Quote): string {
  const policy = c.policy ? q(c.policy) : '';
  const where = c.field !== undefined ? `field ${q(c.field)} of ${policy}` : `${statementWords(c, q)} in ${policy}`;
  switch (c.kind) {
    case 'statement-added':
      return `${statementWords(c, q)} added to policy ${policy}${hopWords(c, q)}`;
    case 'statement-widened':
      return `${statementWords(c, q)} of policy ${policy} widened: same Sid, new content${hopWords(c, q)}`;
    case 'policy-added':
      return `policy ${policy} added, granting with ${statementWords(c, q)}${hopWords(c, q)}`;
    case 'policy-attached':
      return `policy ${policy} attached to ${q(c.node ?? '')}, granting with ${statementWords(c, q)}${hopWords(c, q)}`;
    case 'trust-policy-changed':
      return `trust policy ${policy} changed: ${statementWords(c, q)} now admits the caller${hopWords(c, q)}`;
    case 'endpoint-exposed':
      return `${q(c.hop?.to ?? '')} newly exposed by ${where}${hopWords(c, q)}`;
    case 'configuration-changed':
      return `configuration changed: ${where}${hopWords(c, q)}`;
    case 'node-added':
      return `${q(c.node ?? '')} added${hopWords(c, q)}`;
    case 'entry-added':
      return `${q(c.node ?? '')} became an entry point (${c.entryPoint ?? ''})`;
    case 'crown-jewel-added':
      return `${q(c.node ?? '')} became a crown jewel`;
    case 'unblocked':
      return `every statement granting the hop existed before: a deny, boundary, SCP or condition stopped blocking it${hopWords(c, q)}`;
  }
}

function findingSummary(f: Finding) {
  return {
    id: f.id,
    severity: f.severity,
    score: f.score,
    entry: { node: f.entry.node, entryPoint: f.entry.entryPoint },
    target: { node: f.target.node, impact: f.target.impact },
    techniques: [...f.techniques],
  };
}

function openedJson(o: OpenedPath) {
  return { ...findingSummary(o.finding), ...(o.previousId ? { previousId: o.previousId } : {}), causes: o.causes };
}

function worsenedJson(w: WorsenedPath) {
  return { ...findingSummary(w.finding), previousId: w.previousId, previousSeverity: w.previousSeverity, previousScore: w.previousScore };
}

/** The diff as a JSON document. */
export function renderDiffJson(diff: PathDiff): string {
  const doc = {
    schema: DIFF_SCHEMA,
    old: diff.old,
    new: diff.new,
    summary: { opened: diff.opened.length, closed: diff.closed.length, changed: diff.changed.length, unchanged: diff.unchanged, worsened: diff.worsened.length },
    opened: diff.opened.map(openedJson),
    changed: diff.changed.map(openedJson),
    closed: diff.closed.map(findingSummary),
    worsened: diff.worsened.map(worsenedJson),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function headline(diff: PathDiff): string {
  const n = (k: number, w: string) => `${k} ${k === 1 ? 'path' : 'paths'} ${w}`;
  return `${n(diff.opened.length, 'opened')}, ${n(diff.closed.length, 'closed')}, ${diff.changed.length} changed route, ${diff.worsened.length} worsened, ${diff.unchanged} unchanged`;
}

function openedMarkdown(o: OpenedPath, docs: ReadonlyMap<string, RuleDoc>, book: ReturnType<typeof ticketBook>): string[] {
  const f = o.finding;
  return [
    `#### ${findingTitle(f)}`,
    '',
    `${mdText(f.target.title)} (${mdCode(f.target.impact)}) · ${mdCode(f.id)}${o.previousId ? ` · was ${mdCode(o.previousId)}` : ''}`,
    '',
    '**Opened by**',
    '',
    ...o.causes.map((c) => `- ${causeText(c, mdCode)}`),
    '',
    '**Path**',
    '',
    ...pathList(f),
    '',
    '**Fix**',
    '',
    ...fixList(f, docs, book.finding(f)),
    '',
  ];
}

/** The diff as markdown for a pull-request comment. */
export function renderDiffMarkdown(diff: PathDiff, rules: readonly RuleDoc[] = []): string {
  const docs = new Map(rules.map((d) => [d.id, d]));
  const book = ticketBook({ result: { findings: [...diff.opened, ...diff.changed].map((o) => o.finding) }, rules: [...rules] });
  const out = [`## blastpath diff: ${headline(diff)}`, '', `Old: ${mdCode(diff.old.source)} (${diff.old.findings} findings, ${diff.old.basis}) · new: ${mdCode(diff.new.source)} (${diff.new.findings} findings, ${diff.new.basis})`, ''];
  if (diff.opened.length) out.push(`### Opened (${diff.opened.length})`, '', ...diff.opened.flatMap((o) => openedMarkdown(o, docs, book)));
  if (diff.changed.length) out.push(`### Changed route (${diff.changed.length})`, '', ...diff.changed.flatMap((o) => openedMarkdown(o, docs, book)));
  if (diff.worsened.length) {
    out.push(`### Worsened (${diff.worsened.length})`, '');
    for (const w of diff.worsened) out.push(`- ${findingTitle(w.finding)} · ${mdCode(w.finding.id)} · was ${w.previousSeverity.toUpperCase()} ${w.previousScore}${w.previousId !== w.finding.id ? ` as ${mdCode(w.previousId)}` : ''}`);
    out.push('');
  }
  if (diff.closed.length) {
    out.push(`### Closed (${diff.closed.length})`, '');
    for (const f of diff.closed) out.push(`- ${findingTitle(f)} · ${mdCode(f.id)}`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** The diff as plain text for a terminal or a CI log. */
export function renderDiffTable(diff: PathDiff): string {
  const plain: Quote = (t) => t;
  const title = (f: Finding) => `${f.severity.toUpperCase()} ${f.score} · ${f.entry.label} → ${f.target.label} (${f.target.impact}) · ${f.id}`;
  const out = [`blastpath diff: ${headline(diff)}`, `old ${diff.old.source} (${diff.old.findings} findings, ${diff.old.basis}) · new ${diff.new.source} (${diff.new.findings} findings, ${diff.new.basis})`, ''];
  const section = (name: string, list: OpenedPath[]) => {
    if (!list.length) return;
    out.push(`${name} (${list.length}):`);
    for (const o of list) {
      out.push(`  + ${title(o.finding)}${o.previousId ? ` (was ${o.previousId})` : ''}`);
      for (const c of o.causes) out.push(`      ${c.kind}: ${causeText(c, plain)}`);
    }
    out.push('');
  };
  section('Opened', diff.opened);
  section('Changed route', diff.changed);
  if (diff.worsened.length) {
    out.push(`Worsened (${diff.worsened.length}):`, ...diff.worsened.map((w) => `  ! ${title(w.finding)} (was ${w.previousSeverity.toUpperCase()} ${w.previousScore}${w.previousId !== w.finding.id ? `, ${w.previousId}` : ''})`), '');
  }
  if (diff.closed.length) {
    out.push(`Closed (${diff.closed.length}):`, ...diff.closed.map((f) => `  - ${title(f)}`), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** The registry of diff formats: one renderer per format (tsc rejects a format without one). */
const DIFF_RENDERERS = {
  table: (diff) => renderDiffTable(diff),
  json: (diff) => renderDiffJson(diff),
  markdown: (diff, rules) => renderDiffMarkdown(diff, rules),
} satisfies Record<DiffFormat, (diff: PathDiff, rules: readonly RuleDoc[]) => string>;

/** Renders a diff in `format`; `rules` give the markdown fixes their words. */
export function renderDiff(format: DiffFormat, diff: PathDiff, rules: readonly RuleDoc[] = []): string {
  return DIFF_RENDERERS[format](diff, rules);
}
