/**
 * Coverage bookkeeping shared by loaders and merging: a stable order for records, and the
 * rule that a "not collected" gap disappears once another input supplies that data.
 */
import { compareStrings, stableStringify } from '../core/hash.js';
import { withReason } from './coverage-reason.js';
import type { AccountData, CoverageRecord } from './schema.js';

/** Orders coverage records by account, region, service, operation, resource, outcome, message. */
export function compareCoverage(a: CoverageRecord, b: CoverageRecord): number {
  return (
    compareStrings(a.accountId, b.accountId) ||
    compareStrings(a.region ?? '', b.region ?? '') ||
    compareStrings(a.service, b.service) ||
    compareStrings(a.operation, b.operation) ||
    compareStrings(a.resource ?? '', b.resource ?? '') ||
    compareStrings(a.outcome, b.outcome) ||
    compareStrings(a.message ?? '', b.message ?? '') ||
    compareStrings(stableStringify(a), stableStringify(b))
  );
}

/** `service` and `service:Operation` keys for the data an account holds. */
function collectedKeys(account: AccountData): Set<string> {
  const keys = new Set<string>();
  if (account.iam) keys.add('iam:GetAccountAuthorizationDetails');
  if (account.iam?.AccessKeyMetadata) keys.add('iam:ListAccessKeys');
  if (account.s3) keys.add('s3');
  for (const region of Object.values(account.regions)) {
    if (region.SecretsManager) keys.add('secretsmanager');
    if (region.KMS) keys.add('kms');
    if (region.SageMaker) keys.add('sagemaker');
    if (region.Lambda) keys.add('lambda');
  }
  return keys;
}

/**
 * Sorted, de-duplicated coverage without account-wide `not-collected` records that another
 * input contradicts (a GAAD file says "S3 not collected", another file holds the S3 data).
 * Every gap comes out with a `reason` (derived for inputs written before the field existed).
 */
export function normalizeCoverage(records: readonly CoverageRecord[], accounts: readonly AccountData[]): CoverageRecord[] {
  const collected = new Map(accounts.map((account) => [account.accountId, collectedKeys(account)]));
  const unique = new Map<string, CoverageRecord>();
  for (const given of records) {
    const record = withReason(given);
    const keys = collected.get(record.accountId);
    const superseded =
      record.outcome === 'not-collected' &&
      record.region === undefined &&
      keys !== undefined &&
      (keys.has(record.service) || keys.has(`${record.service}:${record.operation}`));
    if (!superseded) unique.set(stableStringify(record), record);
  }
  return [...unique.values()].sort(compareCoverage);
}
