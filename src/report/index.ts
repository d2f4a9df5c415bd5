/**
 * The report stage: renders an analysis result as text in one of the registered formats.
 * Reporters are pure (result and metadata in, string out); writing the string is the CLI's job.
 * A new format is one file exporting a `Reporter`, its name in REPORT_FORMATS and one line in
 * REPORTERS (tsc rejects a name without a reporter).
 */
import { InputError } from '../core/errors.js';
import type { Reporter, ReportContext } from './context.js';
import { renderDot } from './dot.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderMermaid } from './mermaid.js';
import { renderOcsf } from './ocsf.js';
import { renderSarif } from './sarif.js';
import { renderSvg } from './svg.js';
import { renderTable } from './table.js';
import { loadTools, type ReportToolName, type ReportTools } from './tools.js';

export type { ReportContext, ReportMeta, Reporter, RuleDoc } from './context.js';
export { FINDINGS_SCHEMA } from './json.js';
export { findingFilter, isNarrowing, selectFindings, selectionWords, type FindingSelection } from './select.js';
export type { Graphviz, ReportTools } from './tools.js';

/** Every output format, in the order `--help` lists them; `table` is the default. */
export const REPORT_FORMATS = ['table', 'json', 'sarif', 'ocsf', 'markdown', 'html', 'dot', 'mermaid', 'svg'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Formats read as markup (HTML, SVG): redaction markers go into them with escaped angle brackets. */
export const MARKUP_FORMATS: ReadonlySet<ReportFormat> = new Set<ReportFormat>(['html', 'svg']);

/** The registry: one reporter per format. */
const REPORTERS: { readonly [F in ReportFormat]: Reporter } = {
  table: renderTable,
  json: renderJson,
  sarif: renderSarif,
  ocsf: renderOcsf,
  markdown: renderMarkdown,
  html: renderHtml,
  dot: renderDot,
  mermaid: renderMermaid,
  svg: renderSvg,
};

/** What a format needs loaded before it renders (see tools.ts); a format not listed needs nothing. */
const REPORT_TOOLS: { readonly [F in ReportFormat]?: readonly ReportToolName[] } = {
  html: ['vizBrowserBundle'],
  svg: ['graphviz'],
};

/** Loads what `format` needs to render (WebAssembly Graphviz, the browser bundle); empty for most. */
export async function loadReportTools(format: ReportFormat): Promise<ReportTools> {
  return loadTools(REPORT_TOOLS[format] ?? []);
}

/** True when `value` names a registered format; for validating a `--format` flag. */
export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/** Renders the result in `format`; throws InputError for a format that is not registered. */
export function renderReport(format: ReportFormat, ctx: ReportContext): string {
  // Callers from plain JS or a CLI flag can pass any string; fail with the list, not a TypeError.
  if (!isReportFormat(format)) {
    throw new InputError(`report: format ${JSON.stringify(format)}`, `expected one of ${REPORT_FORMATS.join(', ')}`);
  }
  return REPORTERS[format](ctx);
}
