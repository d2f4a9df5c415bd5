/** `blastpath baseline -o FILE <input...>`: records today's findings as known, for `--baseline`. */
import { InvalidArgumentError, type Command } from 'commander';
import { renderBaseline } from '../gate/index.js';
import { limitsFromEnv } from '../load/index.js';
import { analyzeInputs } from '../pipeline.js';
import { redactText } from '../snapshot/index.js';
import type { CliIo } from './io.js';
import { writeOutput } from './write-output.js';

interface BaselineFlags {
  output?: string;
  maxDepth?: number;
  rules?: string;
  derived?: boolean;
  allowPartial?: boolean;
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 20) throw new InvalidArgumentError('expected a whole number from 1 to 20');
  return parsed;
}

/** Adds the baseline command. */
export function registerBaseline(cli: Command, io: CliIo): void {
  cli
    .command('baseline')
    .description('Write a baseline: the current findings, by stable id, that `--baseline` treats as known')
    .argument('<input...>', 'what `analyze` takes: snapshot files, GAAD output, or directories')
    .option('-o, --output <file>', 'write the baseline to a file instead of stdout')
    .option('--max-depth <hops>', 'longest path searched, in hops (use the same value as the gated runs)', positiveInteger)
    .option('--rules <dir>', 'use the rules in this directory instead of the bundled ones')
    .option('--no-derived', 'leave out techniques no public research demonstrates yet (as with analyze)')
    .option('--allow-partial', 'accept input where an account has no IAM data (as with analyze)')
    .action(async (inputs: string[], flags: BaselineFlags) => {
      const { result } = await analyzeInputs({
        inputs,
        ...(flags.maxDepth ? { maxDepth: flags.maxDepth } : {}),
        ...(flags.rules ? { rulesDir: flags.rules } : {}),
        ...(flags.derived === false ? { derived: false } : {}),
        ...(flags.allowPartial ? { allowPartial: true } : {}),
        limits: limitsFromEnv(io.env),
      });
      const n = result.findings.length;
      await writeOutput(io, flags.output, redactText(renderBaseline(result.findings)), `wrote a baseline of ${n} ${n === 1 ? 'finding' : 'findings'} to ${flags.output}`);
    });
}
