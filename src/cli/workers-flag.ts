/** `--workers <n>`: threads deriving technique edges (analyze, export), shared by the commands that take it. */
import { InvalidArgumentError } from 'commander';

/** Most threads a user may ask for: each holds a copy of the facts. */
export const MAX_WORKERS = 64;

/** Parses a whole number of threads from 1 (the main thread alone) to MAX_WORKERS. */
export function workerCount(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > MAX_WORKERS) throw new InvalidArgumentError(`expected a whole number from 1 to ${MAX_WORKERS}`);
  return parsed;
}

/** The option's help text. */
export const WORKERS_HELP =
  'threads deriving technique edges, this one included (default 1: no worker thread; more pays only with idle cores, see docs/performance.md)';
