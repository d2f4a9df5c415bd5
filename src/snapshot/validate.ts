/**
 * The one gate into the Snapshot type: parses untrusted data against schema v1 and reports
 * the first problem with the file, its JSON path and what was expected there.
 */
import type { z } from 'zod';
import { InputError } from '../core/errors.js';
import { firstIssue } from '../core/validation.js';
import { FAIL, fastParser } from './fast-parse.js';
import { SCHEMA_VERSION, Snapshot } from './schema.js';

/**
 * Validates and normalizes a parsed snapshot document read from `file`; throws InputError. The
 * result shares the parts of `data` validation leaves unchanged: do not change `data` after.
 */
export function validateSnapshot(data: unknown, file: string): Snapshot {
  checkVersion(data, file);
  // Valid input takes the fast path, which builds what zod would; anything else goes to zod for its message.
  const fast = fastParser(Snapshot)(data);
  if (fast !== FAIL) {
    checkUniqueAccounts(fast as Snapshot, file);
    return fast as Snapshot;
  }
  const result = Snapshot.safeParse(data, { reportInput: true });
  if (!result.success) {
    const { where, expected } = firstIssue(result.error);
    throw new InputError(`${file}: ${where}`, keyProblem(result.error.issues[0]) ?? expected);
  }
  checkUniqueAccounts(result.data, file);
  return result.data;
}

/**
 * A record key that fails its own schema (a region name like `US-EAST-1`) arrives as
 * `invalid_key` with the reason nested inside; firstIssue would say only "Invalid key in record".
 */
function keyProblem(issue: z.core.$ZodIssue | undefined): string | undefined {
  if (issue?.code !== 'invalid_key') return undefined;
  return issue.issues[0]?.message;
}

/** A clearer message than "expected 1" when the file was written by a newer blastpath. */
function checkVersion(data: unknown, file: string): void {
  if (typeof data !== 'object' || data === null || !('schemaVersion' in data)) return;
  const version = (data as { schemaVersion: unknown }).schemaVersion;
  if (typeof version === 'number' && version !== SCHEMA_VERSION) {
    throw new InputError(
      `${file}: schemaVersion`,
      `expected ${SCHEMA_VERSION}, received ${version}: this blastpath reads snapshot format v${SCHEMA_VERSION} only`,
    );
  }
}

function checkUniqueAccounts(snapshot: Snapshot, file: string): void {
  const seen = new Map<string, number>();
  snapshot.accounts.forEach((account, index) => {
    const first = seen.get(account.accountId);
    if (first !== undefined) {
      throw new InputError(
        `${file}: accounts[${index}].accountId`,
        `expected each account once, but ${account.accountId} is also accounts[${first}]`,
      );
    }
    seen.set(account.accountId, index);
  });
}
