/**
 * The flags that choose which findings a report shows and how the terminal view shows them,
 * shared by every command that reports findings (analyze, scan): `--finding ID`, `--severity`,
 * `--account`, `--target`, `--entry`, `--top N`, and `--details`. They narrow what the report
 * shows, in every format, before it is rendered; the gate still decides on all findings. Picture
 * formats (dot, mermaid, svg) draw the top 10 when nothing is selected.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { SEVERITIES, type Severity } from '../analyze/finding.js';
import type { FindingSelection } from '../report/index.js';

/** The selection flags as commander parses them. */
export interface SelectFlags {
  top?: number;
  finding?: string[];
  severity?: Severity[];
  account?: string[];
  target?: string[];
  entry?: string[];
  details?: boolean;
}

function count(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return parsed;
}

function findingId(value: string, previous: string[] = []): string[] {
  if (!/^bp-[0-9a-f]{16}$/.test(value)) throw new InvalidArgumentError('expected a finding id such as bp-0123456789abcdef');
  return [...previous, value];
}

/** Splits `a,b` and accumulates repeated flags. */
function list(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((v) => v.trim()).filter((v) => v !== '')];
}

function severities(value: string, previous: Severity[] = []): Severity[] {
  const values = list(value);
  const bad = values.find((v) => !(SEVERITIES as readonly string[]).includes(v));
  if (bad !== undefined) throw new InvalidArgumentError(`expected severities from ${SEVERITIES.join(', ')} (comma-separated), got ${JSON.stringify(bad)}`);
  return [...previous, ...(values as Severity[])];
}

function accounts(value: string, previous: string[] = []): string[] {
  const values = list(value);
  const bad = values.find((v) => !/^\d{12}$/.test(v));
  if (bad !== undefined) throw new InvalidArgumentError(`expected 12-digit AWS account ids (comma-separated), got ${JSON.stringify(bad)}`);
  return [...previous, ...values];
}

/** Adds the selection flags and `--details` to a command. */
export function addSelectOptions(command: Command): Command {
  return command
    .option('--top <n>', 'report only the N highest-scored findings (after the filters); the table shows them in full', count)
    .option('--finding <id>', 'report only this finding (repeatable)', findingId)
    .option('--severity <list>', `report only these severities (${SEVERITIES.join(', ')}; comma-separated, repeatable)`, severities)
    .option('--account <id>', 'report only findings whose path touches this account (repeatable)', accounts)
    .option('--target <pattern>', 'report only findings whose target id or name matches (* and ?; repeatable)', list)
    .option('--entry <pattern>', 'report only findings whose entry (id, name, entry point, or the workload it opens) matches (repeatable)', list)
    .option('--details', 'terminal view: every path hop by hop with its fix, after the one-line summary');
}

/** The selection the flags ask for, or undefined when they ask for none. */
export function selectionFrom(flags: SelectFlags): FindingSelection | undefined {
  const selection: FindingSelection = {
    ...(flags.top !== undefined ? { top: flags.top } : {}),
    ...(flags.finding?.length ? { findings: flags.finding } : {}),
    ...(flags.severity?.length ? { severities: flags.severity } : {}),
    ...(flags.account?.length ? { accounts: flags.account } : {}),
    ...(flags.target?.length ? { targets: flags.target } : {}),
    ...(flags.entry?.length ? { entries: flags.entry } : {}),
  };
  return Object.keys(selection).length ? selection : undefined;
}

/** How the table is laid out: the terminal's columns when writing to one (100 otherwise), and `--details`. */
export function viewFrom(flags: SelectFlags, io: { columns?: number }, toFile: boolean): { width?: number; details?: boolean } {
  return {
    ...(!toFile && io.columns !== undefined && io.columns > 0 ? { width: io.columns } : {}),
    ...(flags.details ? { details: true } : {}),
  };
}
