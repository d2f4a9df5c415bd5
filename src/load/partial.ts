/**
 * Whether a loaded snapshot can carry an analysis: without IAM an account has no principals,
 * so "0 findings" would mean "not looked at", not "safe". Commands refuse such input unless
 * told `--allow-partial`.
 */
import { describeGroup, groupGaps, type Snapshot } from '../snapshot/index.js';

/** Accounts of the snapshot without an IAM section, each with what its coverage says about why. */
export function missingIam(snapshot: Snapshot): Array<{ accountId: string; why?: string }> {
  return snapshot.accounts
    .filter((account) => account.iam === undefined)
    .map((account) => {
      const gaps = snapshot.coverage.filter((record) => record.accountId === account.accountId && record.outcome !== 'ok' && record.service === 'iam');
      const [worst] = groupGaps(gaps.length > 0 ? gaps : snapshot.coverage.filter((record) => record.accountId === account.accountId && record.outcome !== 'ok'));
      return { accountId: account.accountId, ...(worst ? { why: describeGroup(worst) } : {}) };
    });
}
