/**
 * Baseline files: the findings a team has accepted as known, by stable id. `blastpath baseline`
 * writes one; `--baseline` reads it (or a blastpath JSON report, whose findings count as known).
 * No timestamps and a fixed order, so regenerating an unchanged baseline changes no byte.
 */
import { z } from 'zod';
import { SEVERITIES, type Finding } from '../analyze/finding.js';
import { InputError } from '../core/errors.js';
import { compareStrings } from '../core/hash.js';
import { firstIssue } from '../core/validation.js';
import type { Baseline, BaselineEntry } from './types.js';

/** The `schema` value of baseline files. */
export const BASELINE_SCHEMA = 'blastpath.baseline/v1';

const findingIdText = z.string().regex(/^bp-[0-9a-f]{16}$/, 'expected a finding id such as bp-7f3a9c0e5b8d2146');

const BaselineEntrySchema = z.looseObject({
  id: findingIdText,
  severity: z.enum(SEVERITIES),
  entry: z.string(),
  entryPoint: z.string(),
  target: z.string(),
  impact: z.string(),
});

const BaselineFile = z.looseObject({
  schema: z.literal(BASELINE_SCHEMA),
  findings: z.array(BaselineEntrySchema),
});

/** A findings report used as a baseline: only what a baseline entry needs is read. */
const ReportAsBaseline = z.looseObject({
  schema: z.string().startsWith('blastpath.findings/'),
  findings: z.array(
    z.looseObject({
      id: findingIdText,
      severity: z.enum(SEVERITIES),
      entry: z.looseObject({ node: z.string(), entryPoint: z.string() }),
      target: z.looseObject({ node: z.string(), impact: z.string() }),
    }),
  ),
});

/** The baseline entry of a finding. */
export function baselineEntry(f: Finding): BaselineEntry {
  return { id: f.id, severity: f.severity, entry: f.entry.node, entryPoint: f.entry.entryPoint, target: f.target.node, impact: f.target.impact };
}

/** The text of a baseline file accepting `findings`: entries sorted by id, 2-space JSON, one final newline. */
export function renderBaseline(findings: readonly Finding[]): string {
  const entries = [...new Map(findings.map((f) => [f.id, baselineEntry(f)])).values()].sort((a, b) => compareStrings(a.id, b.id));
  return `${JSON.stringify({ schema: BASELINE_SCHEMA, findings: entries }, null, 2)}\n`;
}

/** Reads a parsed baseline file or findings report; throws InputError naming the file and field. */
export function parseBaseline(data: unknown, file: string): Baseline {
  const isReport = typeof data === 'object' && data !== null && typeof (data as { schema?: unknown }).schema === 'string' && (data as { schema: string }).schema.startsWith('blastpath.findings/');
  if (isReport) {
    const parsed = ReportAsBaseline.safeParse(data);
    if (!parsed.success) throw issue(file, parsed.error);
    const findings = parsed.data.findings.map((f) => ({ id: f.id, severity: f.severity, entry: f.entry.node, entryPoint: f.entry.entryPoint, target: f.target.node, impact: f.target.impact }));
    return { file, findings };
  }
  const parsed = BaselineFile.safeParse(data);
  if (!parsed.success) {
    const hasSchema = typeof data === 'object' && data !== null && 'schema' in data;
    if (!hasSchema) throw new InputError(`${file}: (root)`, `expected a baseline ("schema": "${BASELINE_SCHEMA}") or a blastpath JSON report`);
    throw issue(file, parsed.error);
  }
  const findings = parsed.data.findings.map(({ id, severity, entry, entryPoint, target, impact }) => ({ id, severity, entry, entryPoint, target, impact }));
  return { file, findings };
}

function issue(file: string, error: z.ZodError): InputError {
  const { where, expected } = firstIssue(error);
  return new InputError(`${file}: ${where}`, expected);
}
