/** The CLI's view of the process, kept apart from main.ts so that commands can name it without importing the program. */

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  env: Record<string, string | undefined>;
  /** Directory `.blastpath.yaml` is looked up in; the process's working directory when absent. */
  cwd?: string;
  /** Whether stderr is a terminal (live progress is drawn there); false when absent. */
  stderrIsTTY?: boolean;
  /** Columns of the terminal stdout is, when it is one; the table is laid out in 100 otherwise. */
  columns?: number;
  /** Quiet period before analysis progress is shown, in ms (0 for all); none when absent. */
  progressDelayMs?: number;
}
