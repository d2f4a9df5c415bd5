/**
 * The HTML report's posture findings and identity cards: static sections (they do not change
 * with the finding filters), escaped like the others. Each card lists what the identity unlocks
 * by class, who shares it, how its credential lives, whether its actions are logged, its blast
 * radius and the paths and posture findings about it.
 */
import type { AnalysisResult, IdentityCard } from '../analyze/finding.js';
import { escapeHtml } from './html-sections.js';
import { credentialWords } from './table-posture.js';

const ids = (list: readonly string[]) => (list.length ? `<span class="id">${list.map(escapeHtml).join(' ')}</span>` : '<span class="muted">none</span>');

/** Posture findings: rule, subject, evidence and the paths each concerns. */
export function postureSection(result: AnalysisResult): string {
  const posture = result.posture ?? [];
  if (posture.length === 0) return '';
  const rows = posture.map((p) => {
    const evidence = Object.keys(p.evidence).sort().map((k) => `${escapeHtml(k)}: ${(p.evidence[k] ?? []).map((v) => `<code>${escapeHtml(v)}</code>`).join(', ') || 'none'}`).join('<br>');
    return `<tr data-posture="${escapeHtml(p.id)}"><td><span class="sev sev-${p.severity}">${p.severity}</span></td><td>${escapeHtml(p.title)}<br><code>${escapeHtml(p.rule)}</code></td><td><code>${escapeHtml(p.subject)}</code></td><td>${evidence}</td><td>${ids(p.findings)}</td><td>${escapeHtml(p.remediation)}</td></tr>`;
  });
  return [
    `<section id="posture"><h2>Posture findings (${posture.length})</h2>`,
    '<p>Weaknesses that are no path by themselves but change what the paths mean.</p>',
    '<table><thead><tr><th>Severity</th><th>Rule</th><th>Subject</th><th>Evidence</th><th>Paths</th><th>Fix</th></tr></thead><tbody>',
    ...rows,
    '</tbody></table></section>',
  ].join('\n');
}

function cardRow(c: IdentityCard): string {
  const unlocks = c.capabilities.length ? c.capabilities.map((k) => `${k} (${c.reaches[k].length})`).join(', ') : 'nothing in the snapshot';
  const shared = c.workloads.length ? `${c.workloads.length} (${c.workloadKinds.map(escapeHtml).join(', ')})` : '0';
  const logged = c.logging ? `${c.logging.recorded} of ${c.logging.recorded + c.logging.eventHistoryOnly + c.logging.unrecorded + c.logging.unknown}` : 'not known';
  return `<tr data-identity="${escapeHtml(c.id)}"><td><code>${escapeHtml(c.label)}</code> (${escapeHtml(c.kind)}, ${escapeHtml(c.accountId ?? '-')})</td><td>${escapeHtml(unlocks)}</td><td>${shared}</td><td>${escapeHtml(credentialWords(c.credential))}${c.bedrockApiKeys ? `<br>${escapeHtml(credentialWords(c.bedrockApiKeys))}` : ''}</td><td>${logged}</td><td>${c.radius ? `${c.radius.weighted} (${c.radius.crownJewels})` : 'on no path'}</td><td>${ids(c.findings)}</td><td>${ids(c.posture)}</td></tr>`;
}

/** Identity cards of the identities on a path or with a posture finding, widest radius first. */
export function identitySection(result: AnalysisResult): string {
  const cards = (result.identities ?? []).filter((c) => c.findings.length > 0 || c.posture.length > 0).sort((a, b) => (b.radius?.weighted ?? 0) - (a.radius?.weighted ?? 0) || (a.id < b.id ? -1 : 1));
  if (cards.length === 0) return '';
  return [
    `<section id="identities"><h2>Identity cards (${cards.length} of ${result.identities?.length ?? 0})</h2>`,
    '<p>Non-human identities on a path or with a posture finding: what each unlocks (model, data, tools, identity), how many workloads share it, how its credential lives, how many of its actions a trail records, and its blast radius.</p>',
    '<table><thead><tr><th>Identity</th><th>Unlocks</th><th>Workloads</th><th>Credential</th><th>Actions logged</th><th>Radius (jewels)</th><th>Paths</th><th>Posture</th></tr></thead><tbody>',
    ...cards.map(cardRow),
    '</tbody></table></section>',
  ].join('\n');
}
