/** Writing a command's output: to `--output` when given (with a one-line note on stderr), else stdout. */
import { writeFile } from 'node:fs/promises';
import { InputError } from '../core/errors.js';
import type { CliIo } from './io.js';

/** Writes `text` to `file`, or to stdout when no file is given; `note` is what stderr says after a file write. */
export async function writeOutput(io: CliIo, file: string | undefined, text: string, note: string): Promise<void> {
  if (!file) {
    io.stdout(text);
    return;
  }
  try {
    await writeFile(file, text);
  } catch (error) {
    throw new InputError(`--output ${file}`, `cannot write: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  io.stderr(`blastpath: ${note}\n`);
}
