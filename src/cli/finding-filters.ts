/**
 * The flags that choose which findings a report shows, shared by every command that reports
 * findings (analyze, scan; any later format or command reuses them): `--severity`, `--account`,
 * `--target`, `--entry`, `--top N`, and `--details` for the terminal view. They narrow the report,
 * never the gate.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { SEVERITIES, type Severity } from '../analyze/finding.js';
import type { FindingSelection } from '../report/index.js';

/** The flags as commander parses them. */
export interface FindingFilterFlags {
  severity?: Severity[];
  account?: string[];
  target?: string[];
  entry?: string[];
  top?: number;
  details?: boolean;
}

/** Splits `a,b` and accumulates repeated flags. */
function list(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((v) => v.trim()).filter((v) => v !== '')];
}

function severities(value: string, previous: Severity[] | undefined): Severity[] {
  const values = list(value, []);
  const bad = values.find((v) => !(SEVERITIES as readonly string[]).includes(v));
  if (bad !== undefined) throw new InvalidArgumentError(`expected severities from ${SEVERITIES.join(', ')} (comma-separated), got ${JSON.stringify(bad)}`);
  return [...(previous ?? []), ...(values as Severity[])];
}

function accounts(value: string, previous: string[] | undefined): string[] {
  const values = list(value, []);
  const bad = values.find((v) => !/^\d{12}$/.test(v));
  if (bad !== undefined) throw new InvalidArgumentError(`expected 12-digit AWS account ids (comma-separated), got ${JSON.stringify(bad)}`);
  return [...(previous ?? []), ...values];
}

function count(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a whole number of findings, 1 or more');
  return parsed;
}

/** Adds the filter flags to a command. */
export function addFindingFilterOptions(command: Command): Command {
  return command
    .addOption(new Option('--severity <list>', `show only these severities (${SEVERITIES.join(', ')}; comma-separated, repeatable)`).argParser(severities))
    .addOption(new Option('--account <id>', 'show only findings whose path touches this account (repeatable)').argParser(accounts))
    .addOption(new Option('--target <pattern>', 'show only findings whose target id or name matches (* and ?; repeatable)').argParser(list))
    .addOption(new Option('--entry <pattern>', 'show only findings whose entry (id, name, entry point, or the workload it opens) matches (repeatable)').argParser(list))
    .addOption(new Option('--top <n>', 'show only the N highest-scoring findings, in full').argParser(count))
    .option('--details', 'terminal view: every path hop by hop with its fix, after the summary');
}

/** The selection the flags describe. */
export function selectionFrom(flags: FindingFilterFlags): FindingSelection {
  return {
    ...(flags.severity?.length ? { severities: flags.severity } : {}),
    ...(flags.account?.length ? { accounts: flags.account } : {}),
    ...(flags.target?.length ? { targets: flags.target } : {}),
    ...(flags.entry?.length ? { entries: flags.entry } : {}),
    ...(flags.top !== undefined ? { top: flags.top } : {}),
  };
}

/** Columns of the terminal the table is laid out in: the terminal's, else 100 (a pipe, a file, CI). */
export function tableWidth(columns: number | undefined, toFile: boolean): number | undefined {
  return !toFile && columns !== undefined && columns > 0 ? columns : undefined;
}
