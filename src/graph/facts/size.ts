/** How large a loaded snapshot is, read before its facts are built (parallel/count.ts decides threads by it). */
import type { LoadedSnapshot } from './index.js';

/** Principals (IAM users and roles) of every account of the snapshot. */
export function principalCount(input: LoadedSnapshot): number {
  let count = 0;
  const length = (list: unknown) => (Array.isArray(list) ? list.length : 0);
  for (const account of input.snapshot.accounts) count += length(account.iam?.UserDetailList) + length(account.iam?.RoleDetailList);
  return count;
}
