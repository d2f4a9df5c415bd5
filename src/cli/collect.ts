/**
 * `blastpath collect -o snapshot.json[.gz]`: live collection from AWS into a snapshot file,
 * with progress on stderr. Also the collection flags and run helper that `scan` shares.
 */
import { Command, InvalidArgumentError } from 'commander';
// The collector (and the AWS SDK behind it) is imported when a command runs, not here:
// it takes seconds to load, and `analyze` or `--help` should not wait for it.
import type { CollectOptions, CollectResult } from '../collect/index.js';
import { resolveOptions } from '../collect/options.js';
import { formatProgressEvent, formatProgressLine, type ProgressListener } from '../collect/progress.js';
import { CollectionInterrupted } from '../collect/engine/retry.js';
import { isOutOfScope } from '../collect/scope.js';
import { SERVICE_NAMES } from '../collect/service-names.js';
import { isComplete, judgeCollection, verdictLines, FAILED_SHARE_LIMIT } from '../collect/verdict.js';
import { checkWritable, writeSnapshot } from '../collect/write.js';
import { describeGroup, groupGaps, redactText, type CoverageRecord } from '../snapshot/index.js';
import { CommandExit } from './exit.js';
import { statusPrinter } from './progress.js';
import type { CliIo } from './io.js';

/** The collection flags as commander parses them. */
export interface CollectFlags {
  profile?: string;
  regions?: string[];
  services?: string[];
  orgRole?: string;
  accounts?: string[];
  endpointUrl?: string;
  concurrency?: number;
  timeout?: number;
  maxAttempts?: number;
  recentJobs?: number;
  strict?: boolean;
  allowPartial?: boolean;
}

/** Exit code of a run stopped by Ctrl-C (128 + SIGINT), as shells expect. */
const INTERRUPTED = 130;

/** A comma-separated list; an empty one is an error, never "everything". */
const list = (value: string, previous: string[] = []) => {
  const items = value.split(',').map((v) => v.trim()).filter(Boolean);
  if (items.length === 0) throw new InvalidArgumentError('expected a comma-separated list with at least one item');
  return [...previous, ...items];
};

function integer(min: number, max: number) {
  return (value: string) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return parsed;
  };
}

/** Adds the flags that choose what to collect and how; shared by `collect` and `scan`. */
export function addCollectOptions(command: Command): Command {
  return command
    .option('--profile <name>', 'AWS profile from your AWS config (default: the standard credential chain)')
    .option('--regions <list>', 'regions to collect, comma-separated (default: every region enabled for the account)', list)
    .option('--services <list>', `services to collect, comma-separated: ${SERVICE_NAMES.join(', ')}`, list)
    .option('--org-role <name>', 'role to assume in each member account of the organization (from the management or a delegated-admin account)')
    .option('--accounts <list>', 'only these account ids, comma-separated (with --org-role)', list)
    .option('--endpoint-url <url>', 'send every call to this endpoint (an AWS-compatible emulator); AWS_ENDPOINT_URL works too')
    .option('--concurrency <n>', 'calls in flight per service and region (default 8)', integer(1, 64))
    .option('--timeout <seconds>', 'timeout of each call attempt (default 30)', integer(1, 600))
    .option('--max-attempts <n>', 'attempts per call when throttled or failing transiently (default 5)', integer(1, 20))
    .option('--recent-jobs <n>', 'most recent SageMaker training and processing jobs to collect, 0 for all (default 100)', integer(0, 100_000))
    .option('--strict', 'exit 3 when anything could not be collected (a coverage gap)')
    .option(
      '--allow-partial',
      `accept an incomplete collection (IAM unreadable, or one cause behind more than ${Math.round(FAILED_SHARE_LIMIT * 100)}% of the calls), which otherwise exits 3`,
    );
}

/**
 * Runs `work` with Ctrl-C (SIGINT) and SIGTERM turned into an abort signal, for the whole
 * command: an interrupted collection writes nothing, and a write already under way finishes
 * (it is atomic) instead of the process dying in the middle of it.
 */
export async function withInterrupt<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await work(controller.signal);
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

/** The collect options the flags stand for. */
function collectOptions(flags: CollectFlags): CollectOptions {
  // The SDK reads credentials and endpoints from the process environment, so endpoint
  // addressing decisions must read the same one (not the CLI's injectable env).
  return {
    env: process.env,
    ...(flags.profile ? { profile: flags.profile } : {}),
    ...(flags.regions ? { regions: flags.regions } : {}),
    ...(flags.services ? { services: flags.services } : {}),
    ...(flags.orgRole ? { orgRole: flags.orgRole } : {}),
    ...(flags.accounts ? { accounts: flags.accounts } : {}),
    ...(flags.endpointUrl ? { endpoint: flags.endpointUrl } : {}),
    ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
    ...(flags.timeout ? { timeoutMs: flags.timeout * 1000 } : {}),
    ...(flags.maxAttempts ? { maxAttempts: flags.maxAttempts } : {}),
    ...(flags.recentJobs !== undefined ? { recentJobs: flags.recentJobs } : {}),
  };
}

/**
 * Checks the flags and the files a run will write before any call goes out: minutes of
 * collection must not end in "cannot write" or in a bad flag noticed late.
 */
export async function checkBeforeCollecting(flags: CollectFlags, outputs: ReadonlyArray<string | undefined>): Promise<void> {
  resolveOptions(collectOptions(flags));
  for (const file of outputs) if (file) await checkWritable(file);
}

/** Runs a collection for the flags, with progress on stderr; `signal` stops it. */
export async function runCollection(flags: CollectFlags, io: CliIo, signal: AbortSignal): Promise<CollectResult> {
  const progress = progressPrinter(io);
  try {
    // Node 20 is supported (package.json engines): the SDK's notice that its releases after
    // January 2027 will need Node 22 says nothing about this run, and would precede every
    // collection. Only that one warning is switched off, and only when the user has not chosen.
    process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
    const options: CollectOptions = { ...collectOptions(flags), signal, onProgress: progress.listener };
    const { collect } = await import('../collect/index.js');
    const result = await collect(options);
    progress.finish('collected');
    io.stderr(summary(result.snapshot.coverage, result.stats));
    return result;
  } catch (error) {
    progress.finish('stopped');
    if (error instanceof CollectionInterrupted) throw new CommandExit(INTERRUPTED, 'interrupted: collection stopped, nothing was written');
    throw error;
  }
}

/** Exit code of an incomplete collection (`--strict`, or IAM unreadable / one cause dominant). */
export const INCOMPLETE = 3;

/**
 * Without `--allow-partial`, a collection that could not read IAM, or where one cause failed
 * more than FAILED_SHARE_LIMIT of the calls, ends with exit 3 (after its output is written).
 * `iamOnly` limits the check to unreadable IAM: scan asks first, before analyzing.
 */
export function exitOnIncomplete(flags: CollectFlags, result: CollectResult, io: CliIo, what: string, iamOnly = false): void {
  if (flags.allowPartial) return;
  const judged = judgeCollection(result.snapshot, result.stats.calls, !flags.services || flags.services.includes('iam'));
  const verdict = iamOnly ? { ...judged, dominant: [] } : judged;
  if (isComplete(verdict)) return;
  for (const line of verdictLines(verdict, result.stats.calls)) io.stderr(redactText(`blastpath: incomplete: ${line}\n`));
  throw new CommandExit(INCOMPLETE, `incomplete collection: ${what}; --allow-partial accepts it`);
}

/**
 * Ends with exit 3 under `--strict` when the snapshot has gaps (after its output is written).
 * Gaps outside the run's scope (`--services`, `--recent-jobs`, sections no collector fills) do not count.
 */
export function exitOnGaps(flags: CollectFlags, coverage: readonly CoverageRecord[]): void {
  const gaps = coverage.filter((record) => record.outcome !== 'ok' && !isOutOfScope(record)).length;
  if (flags.strict && gaps > 0) throw new CommandExit(3, `incomplete: ${gaps} coverage ${gaps === 1 ? 'gap' : 'gaps'} (--strict)`);
}

/** Collection progress through the shared status printer: every account on a log, the counters on a terminal. */
function progressPrinter(io: CliIo): { listener: ProgressListener; finish: (how: 'collected' | 'stopped') => void } {
  const printer = statusPrinter(io, 'collecting', { delayMs: 0 });
  const listener: ProgressListener = (event, state) => {
    const logLine = formatProgressEvent(event);
    printer.update(formatProgressLine(state), { ...(logLine ? { logLine } : {}), force: event.kind === 'account-done' });
  };
  return { listener, finish: (how) => printer.finish(how) };
}

/** The run in one line, then its gaps grouped by cause, most severe first (at most five groups). */
function summary(coverage: readonly CoverageRecord[], stats: { calls: number; accounts: number; durationMs: number }): string {
  const gaps = coverage.filter((record) => record.outcome !== 'ok');
  const groups = groupGaps(gaps);
  const lines = [
    `blastpath: collected ${stats.accounts} ${stats.accounts === 1 ? 'account' : 'accounts'} with ${stats.calls} calls in ${(stats.durationMs / 1000).toFixed(1)} s; ${gaps.length} coverage ${gaps.length === 1 ? 'gap' : 'gaps'}`,
    ...groups.slice(0, 5).map((group) => `blastpath:   ${describeGroup(group)}`),
    ...(groups.length > 5 ? [`blastpath:   ... and ${groups.length - 5} more causes (see "coverage" in the snapshot)`] : []),
  ];
  // AWS error messages are quoted here: they pass the same output filter as reports.
  return redactText(`${lines.join('\n')}\n`);
}

/** Adds the collect command. */
export function registerCollect(cli: Command, io: CliIo): void {
  const command = cli
    .command('collect')
    .description('Collect a snapshot from AWS (read-only) and write it to a file')
    .requiredOption('-o, --output <file>', 'snapshot file to write (.json, or .json.gz for gzip)');
  addCollectOptions(command).action((flags: CollectFlags & { output: string }) =>
    withInterrupt(async (signal) => {
      await checkBeforeCollecting(flags, [flags.output]);
      const result = await runCollection(flags, io, signal);
      await writeSnapshot(flags.output, result.snapshot);
      io.stderr(`blastpath: wrote ${flags.output}\n`);
      exitOnIncomplete(flags, result, io, `the snapshot was written to ${flags.output}`);
      exitOnGaps(flags, result.snapshot.coverage);
    }),
  );
}
