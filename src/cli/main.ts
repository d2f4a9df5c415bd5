/**
 * The command-line program. The only module that prints or chooses exit codes:
 * 0 success, 1 gate failed, 2 usage or input error, 70 internal error (a bug: please report it).
 */
import { Command, CommanderError } from 'commander';
import { BlastpathError, ThreadError } from '../core/errors.js';
import { TOOL_VERSION } from '../version.js';
import type { CliIo } from './io.js';
import { CommandExit } from './exit.js';
import { PROGRESS_DELAY_MS } from './progress.js';

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

type Register = (cli: Command, io: CliIo) => void;

/**
 * Every command, each in its own module, imported only when needed: `blastpath analyze` loads
 * the analysis stages, not the AWS collectors, and `--version` loads neither. Order is the
 * order `--help` lists them in.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  analyze: async () => (await import('./analyze.js')).registerAnalyze,
  can: async () => (await import('./can.js')).registerCan,
  path: async () => (await import('./path.js')).registerPath,
  radius: async () => (await import('./radius.js')).registerRadius,
  baseline: async () => (await import('./baseline.js')).registerBaseline,
  diff: async () => (await import('./diff.js')).registerDiff,
  collect: async () => (await import('./collect.js')).registerCollect,
  scan: async () => (await import('./scan.js')).registerScan,
  export: async () => (await import('./export.js')).registerExport,
  rules: async () => (await import('./rules.js')).registerRules,
  schema: async () => (await import('./schema.js')).registerSchema,
};

/**
 * The commands `argv` needs registered: none for `--version`, the named one for a known
 * command, all of them otherwise (help, or a typo commander should answer with suggestions).
 */
function commandsFor(argv: readonly string[]): string[] {
  const first = argv[2];
  if (first === '--version' || first === '-V') return [];
  if (first !== undefined && Object.hasOwn(COMMANDS, first)) return [first];
  return Object.keys(COMMANDS);
}

async function program(io: CliIo, argv: readonly string[]): Promise<Command> {
  const cli = new Command('blastpath')
    .description('Find chained attack paths through AI deployments on AWS.')
    .version(TOOL_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  const registers = await Promise.all(commandsFor(argv).map((name) => COMMANDS[name]!()));
  for (const register of registers) register(cli, io);
  return cli;
}

/** Runs the CLI on `argv` (as in process.argv) and returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  try {
    await (await program(io, argv)).parseAsync(argv);
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
    if (error instanceof ThreadError) {
      io.stderr(`blastpath: ${error.message}\n`);
      return EXIT.internal;
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
