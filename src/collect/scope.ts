/**
 * Gaps outside a run's scope: services left out with `--services`, SageMaker jobs older than
 * the `--recent-jobs` window, and snapshot sections this version has no collector for. They are
 * recorded like any gap (reports say what was not seen), but `--strict` does not fail on them:
 * only on what blastpath tried to see and could not.
 */
import type { CoverageRecord } from '../snapshot/index.js';

/** Message of the record for a service left out with `--services`. */
export const NOT_REQUESTED = 'not requested (--services)';

/** Message of the record for a snapshot section no collector fills yet. */
export const NOT_SUPPORTED = 'not collected: this version of blastpath has no collector for it (snapshot files can still supply it)';

/**
 * Services whose snapshot sections (src/snapshot/schema-compute.ts) have no collector: their
 * AWS SDK clients are not dependencies yet. The registry test keeps this list apart from the
 * collected services.
 */
export const UNSUPPORTED_SERVICES = ['glue'] as const;

/** Message of the record for jobs beyond the `--recent-jobs` window. */
export function beyondLimit(limit: number): string {
  return `only the ${limit} most recent were collected; older ones exist (--recent-jobs)`;
}

/** Whether a gap is outside the run's scope rather than something that failed. */
export function isOutOfScope(record: CoverageRecord): boolean {
  if (record.outcome !== 'not-collected') return false;
  const message = record.message ?? '';
  return message === NOT_REQUESTED || message === NOT_SUPPORTED || /\(--recent-jobs\)$/.test(message);
}
