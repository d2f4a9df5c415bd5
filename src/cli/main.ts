/**
 * The command-line program. The only module that prints or chooses exit codes:
 * 0 success, 1 gate failed, 2 usage or input error, 70 internal error (a bug: please report it).
 */
import { Command, CommanderError } from 'commander';
import { BlastpathError } from '../core/errors.js';
import { TOOL_VERSION } from '../version.js';
import type { CliIo } from './io.js';
import { registerAnalyze } from './analyze.js';
import { registerCan } from './can.js';
import { registerCollect } from './collect.js';
import { registerBaseline } from './baseline.js';
import { registerDiff } from './diff.js';
import { CommandExit } from './exit.js';
import { registerExport } from './export.js';
import { PROGRESS_DELAY_MS } from './progress.js';
import { registerRules } from './rules.js';
import { registerPath } from './path.js';
import { registerRadius } from './radius.js';
import { registerScan } from './scan.js';
import { registerSchema } from './schema.js';

export type { CliIo } from './io.js';

export const EXIT = { ok: 0, gateFailed: 1, usage: 2, incomplete: 3, internal: 70 } as const;

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
  ...(process.stdout.isTTY && process.stdout.columns ? { columns: process.stdout.columns } : {}),
  env: process.env,
  stderrIsTTY: process.stderr.isTTY === true,
  progressDelayMs: PROGRESS_DELAY_MS,
};

function program(io: CliIo): Command {
  const cli = new Command('blastpath')
    .description('Find chained attack paths through AI deployments on AWS.')
    .version(TOOL_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerAnalyze(cli, io);
  registerCan(cli, io);
  registerPath(cli, io);
  registerRadius(cli, io);
  registerBaseline(cli, io);
  registerDiff(cli, io);
  registerCollect(cli, io);
  registerScan(cli, io);
  registerExport(cli, io);
  registerRules(cli, io);
  registerSchema(cli, io);
  return cli;
}

/** Runs the CLI on `argv` (as in process.argv) and returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  try {
    await program(io).parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommandExit) {
      if (error.message) io.stderr(`blastpath: ${error.message}\n`);
      return error.code;
    }
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
