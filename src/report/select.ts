/**
 * Which findings a report shows: `--finding ID`, then the filters `--severity`, `--account`,
 * `--target` and `--entry`, then `--top N` by score, applied to the ranked result before any
 * reporter runs, so every format (and the terminal view) shows the same subset. The gate always
 * decides on the full result; only the rendering is narrowed. Root causes keep what they close
 * across all findings (`pathsThrough`).
 */
import type { AnalysisResult, Finding, Severity } from '../analyze/finding.js';
import { findingAccounts } from '../analyze/routing.js';
import { isOutsider } from '../kinds.js';
import { InputError } from '../core/errors.js';
import { globMatcher } from '../core/glob.js';

/** A subset of findings to render; every part is optional, and they combine (all must hold). */
export interface FindingSelection {
  /** Keep only the N highest-scored findings (after the other parts). */
  top?: number;
  /** Keep only these finding ids (`bp-…`); an id the analysis did not produce is an error. */
  findings?: string[];
  /** Only these severities. */
  severities?: Severity[];
  /** Only findings whose path touches one of these accounts. */
  accounts?: string[];
  /** Patterns (`*`, `?`) matched against the target's node id and label. */
  targets?: string[];
  /** Patterns matched against the entry's node id, label and entry-point id, and for an entry that stands for outsiders, the node it opens. */
  entries?: string[];
}

/** The selection in words, as the flags that set it; empty when it narrows nothing. */
export function selectionWords(sel: FindingSelection): string[] {
  const list = (flag: string, values: readonly string[] | undefined) => (values?.length ? [`${flag} ${values.join(',')}`] : []);
  return [
    ...list('--finding', sel.findings),
    ...list('--severity', sel.severities),
    ...list('--account', sel.accounts),
    ...list('--target', sel.targets),
    ...list('--entry', sel.entries),
    ...(sel.top !== undefined ? [`--top ${sel.top}`] : []),
  ];
}

/** True when the selection narrows anything. */
export function isNarrowing(selection: FindingSelection | undefined): selection is FindingSelection {
  return selection !== undefined && selectionWords(selection).length > 0;
}

const matchesAny = (patterns: readonly string[] | undefined) => {
  const tests = (patterns ?? []).map(globMatcher);
  return (values: readonly string[]) => tests.length === 0 || tests.some((t) => values.some(t));
};

/** A predicate for the filters (severity, account, target, entry). */
export function findingFilter(sel: FindingSelection): (f: Finding) => boolean {
  const severities = new Set(sel.severities ?? []);
  const accounts = new Set(sel.accounts ?? []);
  const target = matchesAny(sel.targets);
  const entry = matchesAny(sel.entries);
  return (f) => {
    if (severities.size && !severities.has(f.severity)) return false;
    if (accounts.size && !findingAccounts(f).some((a) => accounts.has(a))) return false;
    if (!target([f.target.node, f.target.label])) return false;
    // An entry that stands for outsiders is named by what it opens: `--entry acme-chat-api`.
    const door = isOutsider(f.entry.kind) ? f.path.nodes[1] : undefined;
    return entry([f.entry.node, f.entry.label, f.entry.entryPoint, ...(door ? [door.id, door.label] : [])]);
  };
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
  findings = findings.filter(findingFilter(selection));
  if (selection.top !== undefined) findings = findings.slice(0, selection.top);
  const kept = new Set(findings.map((f) => f.id));
  const rootCauses = result.rootCauses
    ?.map((cause) => ({ ...cause, findings: cause.findings.filter((id) => kept.has(id)), withAlternatives: cause.withAlternatives.filter((id) => kept.has(id)) }))
    .filter((cause) => cause.findings.length > 0);
  return { ...result, findings, ...(rootCauses ? { rootCauses } : {}) };
}
