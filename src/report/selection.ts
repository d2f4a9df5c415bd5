/**
 * Which findings a report shows: filters by severity, account, target and entry, then the first N
 * by score. A view, never a verdict: the gate judges every finding (src/pipeline.ts runs it
 * first), and root causes keep what they close across all findings.
 */
import type { AnalysisResult, Finding, Severity } from '../analyze/finding.js';
import { SYNTHETIC_ENTRY_KINDS, findingAccounts } from '../analyze/routing.js';
import { globMatcher } from '../core/glob.js';
import { sortFindings } from './order.js';

/** The filters; an absent or empty list lets everything through. */
export interface FindingSelection {
  /** Only these severities. */
  severities?: Severity[];
  /** Only findings whose path touches one of these accounts. */
  accounts?: string[];
  /** Patterns (`*`, `?`) matched against the target's node id and label. */
  targets?: string[];
  /** Patterns matched against the entry's node id, label and entry-point id, and the node it first reaches. */
  entries?: string[];
  /** At most this many, highest score first. */
  top?: number;
}

const any = (patterns: readonly string[] | undefined) => {
  const tests = (patterns ?? []).map(globMatcher);
  return (values: readonly string[]) => tests.length === 0 || tests.some((t) => values.some(t));
};

/** The filters in words, as the flags that set them; empty when none is set. */
export function selectionWords(sel: FindingSelection): string[] {
  const list = (flag: string, values: readonly (string | number)[] | undefined) => (values?.length ? [`${flag} ${values.join(',')}`] : []);
  return [...list('--severity', sel.severities), ...list('--account', sel.accounts), ...list('--target', sel.targets), ...list('--entry', sel.entries), ...(sel.top !== undefined ? [`--top ${sel.top}`] : [])];
}

/** A predicate for the filters other than `top`. */
export function findingFilter(sel: FindingSelection): (f: Finding) => boolean {
  const severities = new Set(sel.severities ?? []);
  const accounts = new Set(sel.accounts ?? []);
  const target = any(sel.targets);
  const entry = any(sel.entries);
  return (f) => {
    if (severities.size && !severities.has(f.severity)) return false;
    if (accounts.size && !findingAccounts(f).some((a) => accounts.has(a))) return false;
    if (!target([f.target.node, f.target.label])) return false;
    // An entry that stands for outsiders is named by what it opens: `--entry acme-chat-api`.
    const door = SYNTHETIC_ENTRY_KINDS.has(f.entry.kind) ? f.path.nodes[1] : undefined;
    return entry([f.entry.node, f.entry.label, f.entry.entryPoint, ...(door ? [door.id, door.label] : [])]);
  };
}

/**
 * The result narrowed to the selection, with root causes trimmed to the findings shown, and the
 * words a report shows for it; the result itself when nothing is selected.
 */
export function selectFindings(result: AnalysisResult, sel: FindingSelection): { result: AnalysisResult; selection?: { total: number; filters: string[] } } {
  const filters = selectionWords(sel);
  if (filters.length === 0) return { result };
  const kept = sortFindings(result.findings.filter(findingFilter(sel)));
  const findings = sel.top !== undefined ? kept.slice(0, sel.top) : kept;
  const shown = new Set(findings.map((f) => f.id));
  const rootCauses = result.rootCauses
    ?.map((c) => ({ ...c, findings: c.findings.filter((id) => shown.has(id)), withAlternatives: c.withAlternatives.filter((id) => shown.has(id)) }))
    .filter((c) => c.findings.length > 0);
  return {
    result: { ...result, findings, ...(rootCauses ? { rootCauses } : {}) },
    selection: { total: result.findings.length, filters },
  };
}
