/**
 * `--format html`: one self-contained, offline page: summary, findings with filters (severity,
 * account, entry kind, impact, new/open/suppressed) and paging, each shown finding's path drawn
 * with Graphviz (viz.js inlined: no network, no CDN; a Content-Security-Policy forbids any
 * fetch), root causes with what to change, and coverage gaps. Usable at any size: the page
 * carries one small record per finding and draws only the findings on the page being viewed.
 */
import type { ReportContext } from './context.js';
import { HTML_SCRIPT, HTML_STYLE } from './html-client.js';
import { htmlData } from './html-data.js';
import { identitySection, postureSection } from './html-identities.js';
import { escapeHtml, gapSection, metaLine, notAnalyzedSection, rootCauseSection, summarySection, warningSection } from './html-sections.js';
import { SEVERITIES } from '../analyze/finding.js';

/** Nothing is fetched: scripts and styles are inline, WebAssembly is compiled from inline bytes. */
const CSP = "default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'unsafe-inline'; img-src data:";

/** JSON that cannot end its <script> element early. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function findingsSection(baseline: boolean): string {
  const severities = SEVERITIES.map((s) => `<label><input type="checkbox" name="severity" value="${s}" checked> ${s}</label>`).join(' ');
  return [
    '<section id="findings"><h2>Attack paths</h2>',
    '<div class="filters">',
    `<fieldset><legend>severity</legend>${severities}</fieldset>`,
    '<label>account<select id="f-account"><option value="">all accounts</option></select></label>',
    '<label>entry kind<select id="f-entry"><option value="">all entry points</option></select></label>',
    '<label>impact<select id="f-impact"><option value="">all impacts</option></select></label>',
    `<label>status${baseline ? '' : ' (no baseline: all new)'}<select id="f-status"><option value="">new, open and suppressed</option><option value="new">new</option><option value="open">open (in the baseline)</option><option value="suppressed">suppressed</option></select></label>`,
    '</div>',
    '<p id="shown-count" class="muted"></p>',
    '<table><thead><tr><th>Severity</th><th>Score</th><th>Entry → target</th><th>Impact</th><th>Accounts</th><th>Entry kind</th><th>Status</th><th>Id</th></tr></thead>',
    '<tbody id="findings-body"></tbody></table>',
    '<p id="findings-empty" class="muted" hidden>No finding matches these filters.</p>',
    '<div class="pager"><button id="prev" type="button">‹ previous</button><span id="page-of"></span><button id="next" type="button">next ›</button></div>',
    '<noscript><p class="note">The findings table and drawings need JavaScript; the JSON report has the same data.</p></noscript>',
    '</section>',
  ].join('\n');
}

/** Renders the HTML report; needs `ctx.tools.vizBrowserBundle` (loaded by the pipeline for this format). */
export function renderHtml(ctx: ReportContext): string {
  const bundle = ctx.tools?.vizBrowserBundle;
  // A caller that skipped loadReportTools is a bug, not bad input.
  if (bundle === undefined) throw new Error('report html: the viz.js browser bundle was not loaded (load it with loadReportTools("html"))');
  const { result, meta, gate } = ctx;
  const causes = result.rootCauses ?? [];
  const data = htmlData(result.findings, causes, ctx.rules ?? [], gate);
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>blastpath: ${result.findings.length} attack paths</title>`,
    `<style>${HTML_STYLE}</style></head>`,
    '<body>',
    `<header><h1>blastpath: ${result.findings.length} attack ${result.findings.length === 1 ? 'path' : 'paths'}</h1><p>${metaLine(meta)}</p></header>`,
    '<main>',
    summarySection(result, gate, ctx.selectedFrom),
    findingsSection(data.baseline),
    rootCauseSection(causes, ctx.rules ?? []),
    postureSection(result),
    identitySection(result),
    gapSection(result),
    notAnalyzedSection(result),
    warningSection(meta.inputWarnings ?? []),
    `<section><p class="muted">${escapeHtml(`blastpath ${meta.toolVersion}${meta.rulesVersion ? ` · rules ${meta.rulesVersion}` : ''}`)} · drawn with Graphviz (viz.js)</p></section>`,
    '</main>',
    `<script type="application/json" id="bp-data">${scriptJson(data)}</script>`,
    `<script>${bundle}</script>`,
    `<script>${HTML_SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
