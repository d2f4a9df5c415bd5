/** Runs the CLI in-process with captured output. */
import { main, type CliIo } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `blastpath <args>` with no TTY and no colour unless asked. */
export async function runCli(args: string[], options: { isTTY?: boolean; env?: Record<string, string>; progressDelayMs?: number; stderrIsTTY?: boolean; columns?: number } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    isTTY: options.isTTY ?? false,
    env: options.env ?? {},
    // No progress unless a test asks (as for any CliIo without progressDelayMs).
    ...(options.progressDelayMs !== undefined ? { progressDelayMs: options.progressDelayMs } : {}),
    stderrIsTTY: options.stderrIsTTY ?? false,
    ...(options.columns !== undefined ? { columns: options.columns } : {}),
  };
  const code = await main(['node', 'blastpath', ...args], io);
  return { code, stdout, stderr };
}
