/**
 * Which findings a report shows: `--finding ID` (repeatable) and `--top N`, applied to the
 * ranked result before any reporter runs, so every format (and the terminal view) shows the
 * same subset. The gate always decides on the full result; only the rendering is narrowed.
 */
import type { AnalysisResult } from '../analyze/finding.js';
import { InputError } from '../core/errors.js';

/** A subset of findings to render; both parts are optional and combine (ids first, then top). */
export interface FindingSelection {
  /** Keep only the N highest-scored findings. */
  top?: number;
  /** Keep only these finding ids (`bp-…`); an id the analysis did not produce is an error. */
  findings?: string[];
}

/** True when the selection narrows anything. */
export function isNarrowing(selection: FindingSelection | undefined): selection is FindingSelection {
  return selection !== undefined && (selection.top !== undefined || (selection.findings?.length ?? 0) > 0);
}

/**
 * The result with only the selected findings (order kept: highest score first) and the root
 * causes restricted to them. Throws InputError naming an unknown `--finding` id.
 */
export function selectFindings(result: AnalysisResult, selection: FindingSelection | undefined): AnalysisResult {
  if (!isNarrowing(selection)) return result;
  let findings = result.findings;
  if (selection.findings?.length) {
    const known = new Set(findings.map((f) => f.id));
    const unknown = selection.findings.find((id) => !known.has(id));
    if (unknown !== undefined) throw new InputError(`--finding ${unknown}`, 'no finding with this id in the analysis (ids are listed in every report)');
    const wanted = new Set(selection.findings);
    findings = findings.filter((f) => wanted.has(f.id));
  }
  if (selection.top !== undefined) findings = findings.slice(0, selection.top);
  const kept = new Set(findings.map((f) => f.id));
  const rootCauses = result.rootCauses
    ?.map((cause) => ({ ...cause, findings: cause.findings.filter((id) => kept.has(id)), withAlternatives: cause.withAlternatives.filter((id) => kept.has(id)) }))
    .filter((cause) => cause.findings.length > 0);
  return { ...result, findings, ...(rootCauses ? { rootCauses } : {}) };
}
