/**
 * `blastpath scan`: collect from AWS, then analyze, in one go. Output and gate flags are the
 * same as `analyze`'s. The collected snapshot goes through the very loader `analyze` uses, so
 * `scan` and `analyze` of the snapshot it wrote (`--snapshot`) report the same findings.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { writeSnapshot } from '../collect/write.js';
import { limitsFromEnv, loadInputs } from '../load/index.js';
import { analyzeLoaded, renderRun } from '../pipeline.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/index.js';
import { addCollectOptions, checkBeforeCollecting, exitOnGaps, exitOnIncomplete, runCollection, withInterrupt, type CollectFlags } from './collect.js';
import { addGateOptions, exitOnGate, gateOptionsFrom, type GateFlags } from './gate-flags.js';
import { stageProgress } from './progress.js';
import { addSelectOptions, selectionFrom, viewFrom, type SelectFlags } from './select-flags.js';
import type { CliIo } from './io.js';
import { writeOutput } from './write-output.js';

interface ScanFlags extends CollectFlags, GateFlags, SelectFlags {
  format: ReportFormat;
  output?: string;
  snapshot?: string;
  from?: string[];
  maxDepth?: number;
  rules?: string;
  derived?: boolean;
  color?: boolean;
}

/** The name reports give a snapshot that was never written to a file. */
const LIVE_SOURCE = 'live-collection.json';

function depth(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 20) throw new InvalidArgumentError('expected a whole number from 1 to 20');
  return parsed;
}

/** Adds the scan command. */
export function registerScan(cli: Command, io: CliIo): void {
  const command = cli
    .command('scan')
    .description('Collect from AWS (read-only) and analyze in one go')
    .addOption(new Option('-f, --format <format>', 'report format').choices(REPORT_FORMATS).default('table'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--snapshot <file>', 'also save the collected snapshot (.json or .json.gz)')
    .option('--from <arn>', 'what-if: treat this principal or workload as compromised (repeatable)', (v: string, p: string[]) => [...p, v], [] as string[])
    .option('--max-depth <hops>', 'longest path searched, in hops', depth)
    .option('--rules <dir>', 'use the rules in this directory instead of the bundled ones')
    .option('--no-derived', 'leave out techniques no public research demonstrates yet (confidence: derived)')
    .option('--no-color', 'plain output even on a terminal');
  addSelectOptions(addGateOptions(addCollectOptions(command))).action((flags: ScanFlags) =>
    withInterrupt(async (signal) => {
      // Gate files, flags and output paths are checked first: a bad baseline or an unwritable
      // folder should fail before minutes of collection.
      const gate = await gateOptionsFrom(flags, io);
      await checkBeforeCollecting(flags, [flags.snapshot, flags.output]);
      const collected = await runCollection(flags, io, signal);
      if (flags.snapshot) {
        await writeSnapshot(flags.snapshot, collected.snapshot);
        io.stderr(`blastpath: wrote ${flags.snapshot}\n`);
      }
      // Without IAM there is nothing to analyze: stop before writing a report that says "0 findings".
      exitOnIncomplete(flags, collected, io, 'no report was written', true);
      // What analyze would read: the file just written, or the same JSON from memory.
      const loaded = flags.snapshot
        ? await loadInputs([flags.snapshot], { limits: limitsFromEnv(io.env) })
        : await loadInputs([LIVE_SOURCE], { readFile: async () => Buffer.from(JSON.stringify(collected.snapshot)) });
      const progress = stageProgress(io, 'analyzing');
      const analyzed = analyzeLoaded(loaded, {
        onProgress: progress.onProgress,
        ...(flags.from?.length ? { whatIf: flags.from } : {}),
        ...(flags.maxDepth ? { maxDepth: flags.maxDepth } : {}),
        ...(flags.rules ? { rulesDir: flags.rules } : {}),
        ...(flags.derived === false ? { derived: false } : {}),
        ...(flags.allowPartial ? { allowPartial: true } : {}),
      });
      const color = flags.format === 'table' && !flags.output && io.isTTY && flags.color !== false && !io.env['NO_COLOR'];
      const select = selectionFrom(flags);
      const run = await renderRun(analyzed, { format: flags.format, color, onProgress: progress.onProgress, ...(gate ? { gate } : {}), ...(select ? { select } : {}), ...viewFrom(flags, io, flags.output !== undefined) }).finally(() =>
        progress.finish('analyzed'),
      );
      const count = run.result.findings.length;
      await writeOutput(io, flags.output, run.output, `wrote ${count} ${count === 1 ? 'finding' : 'findings'} to ${flags.output}`);
      exitOnGate(run.gate);
      exitOnIncomplete(flags, collected, io, 'the report was written');
      exitOnGaps(flags, collected.snapshot.coverage);
    }),
  );
}
