/**
 * `--top N` and `--finding ID`, shared by every command that reports findings (analyze, scan):
 * they narrow what the report shows, in every format, before it is rendered; the gate still
 * decides on all findings. Picture formats (dot, mermaid, svg) draw the top 10 when neither
 * flag is given.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { FindingSelection } from '../report/index.js';

/** The selection flags as commander parses them. */
export interface SelectFlags {
  top?: number;
  finding?: string[];
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

/** Adds --top and --finding to a command. */
export function addSelectOptions(command: Command): Command {
  return command
    .option('--top <n>', 'report only the N highest-scored findings', count)
    .option('--finding <id>', 'report only this finding (repeatable)', findingId);
}

/** The selection the flags ask for, or undefined when they ask for none. */
export function selectionFrom(flags: SelectFlags): FindingSelection | undefined {
  if (flags.top === undefined && !flags.finding?.length) return undefined;
  return { ...(flags.top !== undefined ? { top: flags.top } : {}), ...(flags.finding?.length ? { findings: flags.finding } : {}) };
}
