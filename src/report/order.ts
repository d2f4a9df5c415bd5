/**
 * The one ordering every report uses, so the table and the JSON list findings and gaps
 * the same way: findings by unclipped score (highest first) then id, gaps by their fields.
 */
import { SEVERITIES, type CoverageGap, type Finding, type Severity } from '../analyze/finding.js';
import type { Provenance } from '../graph/schema.js';
import { compareStrings } from '../core/hash.js';
import { provenanceKey } from '../graph/edges.js';

/**
 * The score as reports print it: the 0-100 display value, followed by the unclipped value the
 * ranking uses when the cap at 100 hides it (`100 (118.8)`), so two findings shown as 100 still
 * read in their order.
 */
export function scoreLabel(f: Pick<Finding, 'score' | 'rawScore'>): string {
  const shown = String(Math.round(f.score));
  return f.rawScore !== undefined && f.rawScore > 100 ? `${shown} (${f.rawScore.toFixed(1)})` : shown;
}

/**
 * Findings, highest unclipped score first (the 0-100 display score when a finding has none);
 * equal scores by id, so ties never depend on input order.
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => (b.rawScore ?? b.score) - (a.rawScore ?? a.score) || b.score - a.score || compareStrings(a.id, b.id));
}

/** The fields a gap sorts by, in order; absent optional fields sort first. */
const GAP_SORT_KEYS = ['accountId', 'region', 'service', 'operation', 'resource', 'outcome', 'message'] as const;

/** Orders two gaps by account, region, service, operation, resource, outcome, message. */
export function compareGaps(a: CoverageGap, b: CoverageGap): number {
  for (const key of GAP_SORT_KEYS) {
    const order = compareStrings(a[key] ?? '', b[key] ?? '');
    if (order !== 0) return order;
  }
  return 0;
}

/** Gaps in the documented order (see docs/report-json.md). */
export function sortGaps(gaps: readonly CoverageGap[]): CoverageGap[] {
  return [...gaps].sort(compareGaps);
}

/** Finding counts per severity, with every severity present and keys in SEVERITIES order. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

/** A sorted copy of a string set, for arrays whose order carries no meaning. */
export function sortedSet(values: readonly string[] | undefined): string[] {
  return [...new Set(values ?? [])].sort(compareStrings);
}

/** Provenance ordered by its canonical text (condition keys sorted): a total order with no ties to break. */
export function sortProvenance(list: readonly Provenance[]): Provenance[] {
  const sorted = list.map((p) => ({ ...p, conditionKeys: sortedSet(p.conditionKeys) }));
  if (sorted.length < 2) return sorted;
  // provenanceKey writes stableStringify's bytes without sorting keys: reports sort a few records per hop of every finding.
  return sorted
    .map((p) => ({ p, key: provenanceKey(p) }))
    .sort((a, b) => compareStrings(a.key, b.key))
    .map(({ p }) => p);
}
