/**
 * A command that has written its output but must end with a non-zero exit code (the gate
 * failed: 1) throws CommandExit; main() prints its message, if any, and returns the code.
 */
export class CommandExit extends Error {
  override readonly name = 'CommandExit';
  /**
   * @param code the exit code (see EXIT in main.ts)
   * @param message one line for stderr, without the `blastpath: ` prefix; empty for none
   */
  constructor(
    readonly code: number,
    message = '',
  ) {
    super(message);
  }
}
