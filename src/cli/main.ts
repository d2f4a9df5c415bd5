/**
 * The command-line program. The only module that prints or chooses exit codes:
 * 0 success, 2 usage or input error, 70 internal error (a bug: please report it).
 */
import { Command, CommanderError } from 'commander';
import { BlastpathError } from '../core/errors.js';
import { TOOL_VERSION } from '../version.js';
import { registerAnalyze } from './analyze.js';
import { registerSchema } from './schema.js';

export const EXIT = { ok: 0, gateFailed: 1, usage: 2, incomplete: 3, internal: 70 } as const;

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  env: Record<string, string | undefined>;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
  env: process.env,
};

function program(io: CliIo): Command {
  const cli = new Command('blastpath')
    .description('Find chained attack paths through AI deployments on AWS.')
    .version(TOOL_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerAnalyze(cli, io);
  registerSchema(cli, io);
  return cli;
}

/** Runs the CLI on `argv` (as in process.argv) and returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  try {
    await program(io).parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; commander has already printed usage errors.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof BlastpathError) {
      io.stderr(`blastpath: ${error.message}\n`);
      return EXIT.usage;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`blastpath: internal error (please report it with the command you ran):\n${detail}\n`);
    return EXIT.internal;
  }
}
