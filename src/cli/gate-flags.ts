/**
 * The CI gate's flags, shared by every command that analyzes (analyze, scan): `--fail-on`,
 * `--baseline`, `--suppressions`, and the hidden `--now` (or BLASTPATH_NOW) that fixes "today"
 * for suppression expiry, so tests and replays are deterministic.
 *
 * A command adds them with addGateOptions(cmd), turns its parsed flags into gate options with
 * gateOptionsFrom(flags, io), passes those to the pipeline (`gate` of runAnalysis / renderRun),
 * writes the report, then calls exitOnGate(run.gate): exit 1 when the gate failed.
 */
import { Option, type Command } from 'commander';
import { SEVERITIES, type Severity } from '../analyze/finding.js';
import { DEFAULT_SUPPRESSIONS_FILE, loadGateOptions, parseDay, utcToday, type GateOptions, type GateOutcome } from '../gate/index.js';
import { CommandExit } from './exit.js';
import type { CliIo } from './io.js';

/** The gate's flags as commander parses them. */
export interface GateFlags {
  failOn?: Severity;
  baseline?: string;
  suppressions?: string;
  now?: string;
}

/** Adds --fail-on, --baseline, --suppressions and the hidden --now to a command. */
export function addGateOptions(command: Command): Command {
  return command
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding at or above this severity is not in the baseline and not suppressed').choices(SEVERITIES))
    .option('--baseline <file>', 'known findings (written by `blastpath baseline`, or a JSON report): only new ones fail the gate')
    .option('--suppressions <file>', `accepted risks with reason and expiry (default: ${DEFAULT_SUPPRESSIONS_FILE} in the current directory, if present)`)
    .addOption(new Option('--now <date>', 'judge suppression expiry as of this date (YYYY-MM-DD); for tests and replays').hideHelp());
}

/**
 * Reads the baseline and suppressions the flags name. Undefined when there is nothing to gate
 * on: no flag given and no default suppressions file, so plain runs report exactly as before.
 */
export async function gateOptionsFrom(flags: GateFlags, io: CliIo): Promise<GateOptions | undefined> {
  const nowText = flags.now ?? io.env['BLASTPATH_NOW'];
  const today = nowText === undefined ? utcToday(new Date()) : parseDay(nowText, flags.now !== undefined ? '--now' : 'BLASTPATH_NOW');
  const options = await loadGateOptions({
    today,
    cwd: io.cwd ?? process.cwd(),
    ...(flags.failOn ? { failOn: flags.failOn } : {}),
    ...(flags.baseline ? { baselineFile: flags.baseline } : {}),
    ...(flags.suppressions ? { suppressionsFile: flags.suppressions } : {}),
  });
  const active = options.failOn !== undefined || options.baseline !== undefined || options.suppressions !== undefined;
  return active ? options : undefined;
}

/** Ends the command with exit code 1 when the gate ran and failed; the report is already written. */
export function exitOnGate(gate: GateOutcome | undefined): void {
  if (!gate || gate.passed) return;
  const n = gate.failing.length;
  const shown = gate.failing.slice(0, 5).join(', ') + (n > 5 ? `, +${n - 5} more` : '');
  throw new CommandExit(1, `gate failed: ${n} ${n === 1 ? 'finding' : 'findings'} at or above ${gate.failOn ?? 'the threshold'} not in the baseline and not suppressed: ${shown}`);
}
