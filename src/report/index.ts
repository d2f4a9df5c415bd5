/**
 * The report stage: renders an analysis result as text in one of the registered formats.
 * Reporters are pure (result and metadata in, string out); writing the string is the CLI's job.
 * A new format is one file exporting a `Reporter`, its name in REPORT_FORMATS and one line in
 * REPORTERS (tsc rejects a name without a reporter).
 */
import { InputError } from '../core/errors.js';
import type { Reporter, ReportContext } from './context.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderOcsf } from './ocsf.js';
import { renderSarif } from './sarif.js';
import { renderTable } from './table.js';

export type { ReportContext, ReportMeta, Reporter, RuleDoc } from './context.js';
export { FINDINGS_SCHEMA } from './json.js';
export { findingFilter, selectFindings, selectionWords, type FindingSelection } from './selection.js';

/** Every output format, in the order `--help` lists them; `table` is the default. */
export const REPORT_FORMATS = ['table', 'json', 'sarif', 'ocsf', 'markdown'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The registry: one reporter per format. */
const REPORTERS: { readonly [F in ReportFormat]: Reporter } = {
  table: renderTable,
  json: renderJson,
  sarif: renderSarif,
  ocsf: renderOcsf,
  markdown: renderMarkdown,
};

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
