/**
 * The cause of a coverage gap (`reason`). Collection records it as it classifies each failure;
 * snapshots written before the field existed, and hand-made ones, get it derived here from the
 * outcome and the message, so every loaded gap has a cause reports can group by.
 */
import { COVERAGE_REASONS, type CoverageReason, type CoverageRecord } from './schema.js';

/** Message patterns of `failed` records, checked in order; the first match names the cause. */
const FAILED_PATTERNS: ReadonlyArray<readonly [RegExp, CoverageReason]> = [
  [/\b(ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|ECONNABORTED|EPIPE|socket hang up|connection refused)\b/i, 'connection-failed'],
  [/\b(ETIMEDOUT|TimeoutError|timed out)\b/i, 'timeout'],
  [/credentials|ExpiredToken|RequestExpired|could not assume|ProviderError/i, 'credentials'],
  [/malformed|does not fit the snapshot format|Deserializ|Unexpected token|not valid JSON/i, 'invalid-response'],
  [/NotImplemented|not (yet )?implemented|UnknownOperation|InvalidAction/i, 'not-implemented'],
  [/IsTruncated|NextToken|--recent-jobs|--max-items/, 'partial'],
  [/InternalError|InternalFailure|ServiceUnavailable|\b50\d\b/, 'server-error'],
];

/** Message patterns of `not-collected` records. */
const NOT_COLLECTED_PATTERNS: ReadonlyArray<readonly [RegExp, CoverageReason]> = [
  [/^not requested \(--services\)/, 'not-requested'],
  [/not implemented|does not offer this operation/i, 'not-implemented'],
  [/no collector for it/, 'not-supported'],
  [/--recent-jobs|^collected in .* only/, 'partial'],
  [/region|not offered|no endpoint/i, 'region-unavailable'],
];

/** The reason of a record without one, from its outcome and message. */
export function deriveReason(record: { outcome: string; message?: string | undefined }): CoverageReason {
  const message = record.message ?? '';
  const first = (patterns: ReadonlyArray<readonly [RegExp, CoverageReason]>, fallback: CoverageReason) =>
    patterns.find(([pattern]) => pattern.test(message))?.[1] ?? fallback;
  switch (record.outcome) {
    case 'denied':
      return 'denied';
    case 'throttled':
      return 'throttled';
    case 'not-collected':
      return first(NOT_COLLECTED_PATTERNS, 'not-collected');
    default:
      // Hand-made inputs write outcomes as AWS error codes (`AccessDenied`, `Throttling`).
      if (/denied|forbidden|unauthori[sz]ed/i.test(record.outcome)) return 'denied';
      if (/throttl|too ?many ?requests/i.test(record.outcome)) return 'throttled';
      if (/timeout|timed ?out/i.test(record.outcome)) return 'timeout';
      return first(FAILED_PATTERNS, 'failed');
  }
}

/** The record's reason: the recorded one, else the derived one. Undefined for `ok` records. */
export function reasonOf(record: { outcome: string; message?: string | undefined; reason?: CoverageReason | undefined }): CoverageReason | undefined {
  if (record.outcome === 'ok') return undefined;
  return record.reason ?? deriveReason(record);
}

/** The record with its reason filled in (the same object when nothing changes). */
export function withReason<T extends CoverageRecord>(record: T): T {
  if (record.outcome === 'ok' || record.reason !== undefined) return record;
  return { ...record, reason: deriveReason(record) };
}

/** Position of a reason in the severity order (0 is the most severe). */
export function reasonRank(reason: CoverageReason | undefined): number {
  const index = reason === undefined ? -1 : COVERAGE_REASONS.indexOf(reason);
  return index < 0 ? COVERAGE_REASONS.length : index;
}
