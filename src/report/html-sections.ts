/**
 * The parts of the HTML report that do not change with the filters, rendered as escaped HTML:
 * the summary, the root causes with what to change, and the coverage gaps grouped by outcome.
 */
import { SEVERITIES, type AnalysisResult, type RootCause, type StatementIdentity } from '../analyze/finding.js';
import type { GateOutcome } from '../gate/types.js';
import type { ReportMeta, RuleDoc } from './context.js';
import { capabilityOf, policyShortName } from './picture.js';
import type { InputWarning } from '../load/warnings.js';
import { describeGroup, partitionGaps } from '../snapshot/index.js';
import { countBySeverity, sortedSet, sortGaps } from './order.js';

/** Text safe in HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The header line: tool, snapshot time, accounts and sources. */
export function metaLine(meta: ReportMeta): string {
  return escapeHtml(
    `blastpath ${meta.toolVersion} · snapshot collected ${meta.snapshot.collectedAt} · accounts ${sortedSet(meta.snapshot.accounts).join(', ') || 'none'} · sources ${meta.snapshot.sources.join(', ')}`,
  );
}

function gateLine(gate: GateOutcome): string {
  const parts: string[] = [];
  if (gate.failOn) parts.push(gate.passed ? `<b>Gate passed</b> at ${escapeHtml(gate.failOn)}` : `<b>Gate failed</b>: ${plural(gate.failing.length, 'finding')} at or above ${escapeHtml(gate.failOn)} not in the baseline and not suppressed`);
  if (gate.baseline) parts.push(`baseline ${escapeHtml(gate.baseline.file)}: ${gate.baseline.new.length} new, ${gate.baseline.open.length} still open, ${gate.baseline.fixed.length} fixed`);
  if (gate.suppressions) parts.push(`${plural(gate.suppressions.applied.length, 'finding')} suppressed, ${plural(gate.suppressions.expired.length, 'expired suppression')}`);
  return parts.length ? `<p class="note">${parts.join(' · ')}</p>` : '';
}

/** Counts by severity, graph size, search limits, gate verdict and any `--top`/`--finding` narrowing. */
export function summarySection(result: AnalysisResult, gate: GateOutcome | undefined, selectedFrom: number | undefined): string {
  const counts = countBySeverity(result.findings);
  const { stats, limits } = result;
  const cut = [
    limits.alternativesCapped ? `${plural(limits.alternativesCapped, 'entry/target pair')} had more paths than the cap of ${limits.alternativesCap}` : '',
    limits.entriesOutOfBudget ? `${plural(limits.entriesOutOfBudget, 'entry', 'entries')} stopped at the expansion budget (${limits.expansionBudget})` : '',
  ].filter(Boolean);
  return [
    '<section id="summary"><h2>Summary</h2>',
    '<div class="cards">',
    `<div class="card">attack paths<b>${result.findings.length}</b></div>`,
    ...SEVERITIES.map((s) => `<div class="card"><span class="sev sev-${s}">${s}</span><b id="count-${s}">${counts[s]}</b></div>`),
    `<div class="card">coverage gaps<b>${result.gaps.length}</b></div>`,
    '</div>',
    `<p class="muted">searched ${stats.nodes} nodes, ${stats.edges} edges, ${stats.entries} entry points, ${stats.crownJewels} crown jewels; paths up to ${limits.maxDepth} hops${cut.length ? `; ${escapeHtml(cut.join('; '))}` : ''}</p>`,
    selectedFrom !== undefined ? `<p class="note">Showing ${result.findings.length} of ${selectedFrom} findings (selected with --top, --finding or a filter).</p>` : '',
    gate ? gateLine(gate) : '',
    '</section>',
  ].join('\n');
}

function statementText(s: StatementIdentity): string {
  return `${policyShortName(s.policy)}${s.sid ? ` "${s.sid}"` : ''}${s.field ? ` ${s.field}` : ''} (${s.policyKind} ${s.policy})`;
}

function changeText(cause: RootCause, docs: ReadonlyMap<string, RuleDoc>): { what: string; how: string } {
  if (cause.kind === 'statement' && cause.statement) {
    return { what: `Statement ${statementText(cause.statement)}`, how: 'Remove or narrow this statement: every path of the group relies on it.' };
  }
  const hop = cause.hop;
  if (!hop) return { what: cause.id, how: '' };
  const capability = capabilityOf(hop);
  const doc = capability ? docs.get(capability) : undefined;
  const via = hop.provenance.map(statementText).join('; ');
  return {
    what: `${hop.from} → ${hop.to} (${hop.kind}${capability ? ` ${capability}` : ''})${via ? ` via ${via}` : ''}`,
    how: doc?.remediation ?? 'Remove the permission or configuration that makes this hop possible.',
  };
}

/** One row per root cause: what to change, how, and which findings it closes. */
export function rootCauseSection(causes: readonly RootCause[], docs: readonly RuleDoc[]): string {
  if (causes.length === 0) return '<section id="root-causes"><h2>Root causes</h2><p class="muted">No findings, no root causes.</p></section>';
  const byId = new Map(docs.map((d) => [d.id, d]));
  const rows = causes.map((cause) => {
    const { what, how } = changeText(cause, byId);
    const others = cause.withAlternatives.length ? ` (${cause.withAlternatives.length} have other paths too)` : '';
    return `<tr data-root-cause="${escapeHtml(cause.id)}"><td><span class="sev sev-${cause.severity}">${cause.severity}</span></td><td>${escapeHtml(what)}</td><td>${escapeHtml(how)}</td><td>${cause.findings.length}${escapeHtml(others)}<br><span class="id">${cause.findings.map(escapeHtml).join(' ')}</span></td><td class="id">${escapeHtml(cause.id)}</td></tr>`;
  });
  return [
    '<section id="root-causes"><h2>Root causes: what to change</h2>',
    '<table><thead><tr><th>Severity</th><th>Change</th><th>How</th><th>Closes</th><th>Id</th></tr></thead><tbody>',
    ...rows,
    '</tbody></table></section>',
  ].join('\n');
}

/** Coverage gaps grouped by cause, most severe first; each group's calls one by one, folded. */
export function gapSection(result: AnalysisResult): string {
  if (result.gaps.length === 0) return '<section id="gaps"><h2>Coverage gaps</h2><p class="muted">None: every API blastpath reads answered.</p></section>';
  const gaps = sortGaps(result.gaps);
  return [
    `<section id="gaps"><h2>Coverage gaps (${gaps.length})</h2>`,
    '<p>What blastpath could not see or did not collect: paths through these parts are unknown, not absent. Grouped by cause, most severe first.</p>',
    ...partitionGaps(gaps).map(({ group, gaps: members }) => {
      return [
        `<h3>${escapeHtml(describeGroup(group))}</h3>`,
        `<details><summary>${members.length} ${members.length === 1 ? 'call' : 'calls'}</summary>`,
        '<table><thead><tr><th>Account</th><th>Region</th><th>Call</th><th>Resource</th><th>Message</th></tr></thead><tbody>',
        ...members.map((g) => `<tr class="gap"><td>${escapeHtml(g.accountId)}</td><td>${escapeHtml(g.region ?? 'global')}</td><td><code>${escapeHtml(`${g.service}:${g.operation}`)}</code></td><td><code>${escapeHtml(g.resource ?? '')}</code></td><td>${escapeHtml(g.message ?? '')}</td></tr>`),
        '</tbody></table></details>',
      ].join('\n');
    }),
    '</section>',
  ].join('\n');
}

/** Input warnings: what looks wrong in the input files, with file and JSON path. */
export function warningSection(warnings: readonly InputWarning[]): string {
  if (warnings.length === 0) return '';
  return [
    `<section id="input-warnings"><h2>Input warnings (${warnings.length})</h2>`,
    '<p>What looks wrong in the input; the results depend on how it was read.</p>',
    '<table><thead><tr><th>Kind</th><th>File</th><th>Path</th><th>Message</th></tr></thead><tbody>',
    ...warnings.map((w) => `<tr class="input-warning"><td>${escapeHtml(w.kind)}</td><td><code>${escapeHtml(w.file)}</code></td><td><code>${escapeHtml(w.path)}</code></td><td>${escapeHtml(w.message)}</td></tr>`),
    '</tbody></table></section>',
  ].join('\n');
}
