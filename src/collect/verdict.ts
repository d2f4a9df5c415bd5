/**
 * Whether a finished collection can be trusted as it is. A run whose endpoint died after the
 * first call still writes a valid snapshot; without this verdict it would exit 0 and a CI gate
 * would pass on an empty account. Two things make a run incomplete without `--strict`: an
 * account whose IAM could not be read, and one cause of failure behind too many calls.
 */
import { describeGroup, groupGaps, type GapGroup, type Snapshot } from '../snapshot/index.js';
import type { CoverageReason } from '../snapshot/index.js';

/** More than this share of a run's calls failing for one cause makes the run incomplete. */
export const FAILED_SHARE_LIMIT = 0.2;

/** Causes of calls that were tried and failed; the others were chosen (scope) or are partial by nature. */
const FAILURES: ReadonlySet<CoverageReason> = new Set([
  'connection-failed',
  'timeout',
  'credentials',
  'invalid-response',
  'server-error',
  'denied',
  'throttled',
  'not-implemented',
  'failed',
]);

/** What makes a collection incomplete; empty lists when it is not. */
export interface CollectionVerdict {
  /** Accounts in the snapshot without an IAM section although IAM was collected. */
  missingIam: string[];
  /** Causes behind more than FAILED_SHARE_LIMIT of the calls, most severe first. */
  dominant: GapGroup[];
  /** True when no account at all could be collected. */
  noAccounts: boolean;
}

/** Judges a finished run from its snapshot, its call count and whether IAM was in scope. */
export function judgeCollection(snapshot: Snapshot, calls: number, iamRequested: boolean): CollectionVerdict {
  const missingIam = iamRequested ? snapshot.accounts.filter((account) => account.iam === undefined).map((account) => account.accountId) : [];
  const gaps = snapshot.coverage.filter((record) => record.outcome !== 'ok');
  const dominant = groupGaps(gaps).filter((group) => FAILURES.has(group.reason) && group.count > FAILED_SHARE_LIMIT * Math.max(calls, 1));
  return { missingIam, dominant, noAccounts: snapshot.accounts.length === 0 };
}

/** True when the verdict finds nothing wrong. */
export function isComplete(verdict: CollectionVerdict): boolean {
  return verdict.missingIam.length === 0 && verdict.dominant.length === 0 && !verdict.noAccounts;
}

/** The verdict's problems, one line each, for stderr. */
export function verdictLines(verdict: CollectionVerdict, calls: number): string[] {
  const lines: string[] = [];
  if (verdict.noAccounts) lines.push('no account could be collected');
  if (verdict.missingIam.length > 0) lines.push(`IAM could not be read in ${verdict.missingIam.length === 1 ? 'account' : 'accounts'} ${verdict.missingIam.join(', ')}`);
  for (const group of verdict.dominant) {
    lines.push(`${describeGroup(group)} (more than ${Math.round(FAILED_SHARE_LIMIT * 100)}% of the ${calls} calls)`);
  }
  return lines;
}
