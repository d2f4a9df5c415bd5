/**
 * How many threads draw technique edges when the user does not say (`analyze --workers`). A
 * worker costs a copy of the snapshot and its own facts (start-up, a clone, about the facts'
 * memory again), so small inputs stay on one thread; the technique step grows with principals
 * times rules, which is what decides, with the cores other processes leave idle.
 */
import { availableParallelism, loadavg } from 'node:os';
import type { RuleSet } from '../../rules/index.js';

/**
 * Principal × technique-rule pairs from which workers are started by default: about 1,000
 * principals with today's ~125 rules (the dense D1 account, a size-S organization), where the
 * technique step takes a second or more. The demo has about 40 principals.
 */
export const AUTO_MIN_PAIRS = 100_000;

/** At most this many threads by default: each holds its own facts (about 250 MiB at size M). */
export const AUTO_MAX_THREADS = 4;

/** The machine as the default sees it: cores, and the processes already running on them. */
export interface Machine {
  cores: number;
  /** The one-minute load average (0 where the system does not report it). */
  load: number;
}

/** This machine, now. */
export function thisMachine(): Machine {
  return { cores: availableParallelism(), load: loadavg()[0] ?? 0 };
}

/**
 * Threads for the technique step: the requested number, or by size and the machine's idle
 * cores. A thread beyond the first only helps on a core nothing else uses: on the shared 2-core
 * machine at load 10, a second thread added 30 % of CPU (its copy of the facts, the transfer)
 * and no speed.
 */
export function techniqueThreads(requested: number | undefined, principals: number, rules: RuleSet, machine: Machine = thisMachine()): number {
  if (requested !== undefined) return requested;
  const active = rules.techniques.filter((t) => !t.deprecated).length;
  if (principals * active < AUTO_MIN_PAIRS) return 1;
  const idle = Math.max(0, Math.floor(machine.cores - machine.load));
  return Math.max(1, Math.min(machine.cores, AUTO_MAX_THREADS, 1 + idle));
}
