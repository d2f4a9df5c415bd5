/**
 * How many threads draw technique edges when the user does not say (`analyze --workers`). A
 * worker costs a copy of the snapshot and its own facts (start-up, a clone, about the facts'
 * memory again), so small inputs stay on one thread; the technique step grows with principals
 * times rules, which is what decides.
 */
import { availableParallelism } from 'node:os';
import type { RuleSet } from '../../rules/index.js';

/**
 * Principal × technique-rule pairs from which workers are started by default: about 1,000
 * principals with today's ~125 rules (the dense D1 account, a size-S organization), where the
 * technique step takes a second or more. The demo has about 40 principals.
 */
export const AUTO_MIN_PAIRS = 100_000;

/** At most this many threads by default: each holds its own facts (about 250 MiB at size M). */
export const AUTO_MAX_THREADS = 4;

/** Threads for the technique step: the requested number, or by size and the machine's cores. */
export function techniqueThreads(requested: number | undefined, principals: number, rules: RuleSet, cores = availableParallelism()): number {
  if (requested !== undefined) return requested;
  const active = rules.techniques.filter((t) => !t.deprecated).length;
  if (principals * active < AUTO_MIN_PAIRS) return 1;
  return Math.max(1, Math.min(cores, AUTO_MAX_THREADS));
}
