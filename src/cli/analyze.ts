/** `blastpath analyze <input...>`: the offline pipeline on snapshot files or AWS CLI output. */
import { writeFile } from 'node:fs/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import { InputError } from '../core/errors.js';
import { limitsFromEnv } from '../load/index.js';
import { runAnalysis } from '../pipeline.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/index.js';
import { analysisTime, AT_HELP } from './at-flag.js';
import { workerCount, WORKERS_HELP } from './workers-flag.js';
import { addGateOptions, exitOnGate, gateOptionsFrom, type GateFlags } from './gate-flags.js';
import { stageProgress } from './progress.js';
import { addSelectOptions, selectionFrom, viewFrom, type SelectFlags } from './select-flags.js';
import type { CliIo } from './io.js';

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 20) throw new InvalidArgumentError('expected a whole number from 1 to 20');
  return parsed;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

interface AnalyzeFlags extends GateFlags, SelectFlags {
  format: ReportFormat;
  output?: string;
  from?: string[];
  allFindings?: boolean;
  maxDepth?: number;
  rules?: string;
  color?: boolean;
  derived?: boolean;
  at?: string;
  allowPartial?: boolean;
  workers?: number;
}

/** Adds the analyze command. */
export function registerAnalyze(cli: Command, io: CliIo): void {
  const command = cli
    .command('analyze')
    .description('Analyze snapshots, `aws iam get-account-authorization-details` output, or directories of them')
    .argument('<input...>', 'snapshot files (.json or .json.gz), GAAD output, or directories')
    .addOption(new Option('-f, --format <format>', 'report format').choices(REPORT_FORMATS).default('table'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--from <arn>', 'what-if: treat this principal or workload as compromised and report only the paths that start at it (repeatable)', collect, [] as string[])
    .option('--all-findings', 'with --from: report every other entry point\'s findings too')
    .option('--max-depth <hops>', 'longest path searched, in hops', positiveInteger)
    .option('--rules <dir>', 'use the rules in this directory instead of the bundled ones')
    .option('--no-derived', 'leave out techniques no public research demonstrates yet (confidence: derived)')
    .option('--at <time>', AT_HELP, analysisTime)
    .option('--workers <n>', WORKERS_HELP, workerCount)
    .option('--no-color', 'plain output even on a terminal')
    .option('--allow-partial', 'analyze even when an account has no IAM data (otherwise an input error: "0 findings" would mean "not looked at")');
  addSelectOptions(addGateOptions(command)).action(async (inputs: string[], flags: AnalyzeFlags) => {
    const gate = await gateOptionsFrom(flags, io);
    const select = selectionFrom(flags);
    const color = flags.format === 'table' && !flags.output && io.isTTY && flags.color !== false && !io.env['NO_COLOR'];
    const progress = stageProgress(io, 'analyzing');
    const run = await runAnalysis({
      inputs,
      onProgress: progress.onProgress,
      format: flags.format,
      color,
      ...(flags.from?.length ? { whatIf: flags.from } : {}),
      ...(flags.allFindings ? { allFindings: true } : {}),
      ...(flags.maxDepth ? { maxDepth: flags.maxDepth } : {}),
      ...(flags.rules ? { rulesDir: flags.rules } : {}),
      ...(flags.derived === false ? { derived: false } : {}),
      ...(flags.at ? { at: flags.at } : {}),
      ...(gate ? { gate } : {}),
      ...(select ? { select } : {}),
      ...viewFrom(flags, io, flags.output !== undefined),
      ...(flags.allowPartial ? { allowPartial: true } : {}),
      ...(flags.workers ? { workers: flags.workers } : {}),
      limits: limitsFromEnv(io.env),
    }).finally(() => progress.finish('analyzed'));
    if (flags.output) {
      try {
        await writeFile(flags.output, run.output);
      } catch (error) {
        throw new InputError(`--output ${flags.output}`, `cannot write: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
      io.stderr(`blastpath: wrote ${run.result.findings.length} findings to ${flags.output}\n`);
    } else {
      io.stdout(run.output);
    }
    exitOnGate(run.gate);
  });
}
