/**
 * Typed errors raised at the boundaries of the pipeline. Only the CLI prints them and
 * chooses exit codes; every message starts with *where* the problem is.
 */

/** Base class: every error blastpath raises on purpose. */
export class BlastpathError extends Error {
  override readonly name: string = 'BlastpathError';
}

/** Bad user input: a snapshot, AWS CLI output or flag that cannot be used as given. */
export class InputError extends BlastpathError {
  override readonly name = 'InputError';
  /**
   * @param where file and JSON path, e.g. `gaad.json: RoleDetailList[3].RoleName`
   * @param expected what should have been there
   */
  constructor(
    readonly where: string,
    readonly expected: string,
  ) {
    super(`${where}: ${expected}`);
  }
}

/** A rule file under rules/ (or a user's --rules directory) that does not validate. */
export class RuleError extends BlastpathError {
  override readonly name = 'RuleError';
  constructor(
    readonly file: string,
    readonly field: string,
    readonly expected: string,
  ) {
    super(`rules: ${file}: ${field}: ${expected}`);
  }
}

/** Formats a JSON path the way our messages show it: `accounts[0].iam.RoleDetailList[3]`. */
export function formatJsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$-]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out || '(root)';
}

/**
 * A worker thread of the graph build failed (out of memory, a bug): the message says what the
 * thread reported and how to build on one thread instead. Not the user's input, and no stack.
 */
export class ThreadError extends BlastpathError {
  override readonly name = 'ThreadError';
}
