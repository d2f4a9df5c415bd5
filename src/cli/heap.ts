/**
 * How much heap a run needs, decided before the CLI loads anything else. Node's default heap
 * (about 4 GiB on a 64-bit machine) holds an organization of some 40,000 roles; past that the
 * analysis dies in a garbage-collection crash. The analysis holds about 16 bytes of heap per byte
 * of JSON it reads, so the entry point sums the sizes of the inputs on the command line and, when
 * the default would not do, runs the CLI again in a child process with a large enough
 * `--max-old-space-size` (never more than three quarters of the machine's memory). Small inputs
 * pay nothing. A `--max-old-space-size` the user set (in NODE_OPTIONS or on node's command line)
 * is always kept.
 */
import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Heap bytes the analysis holds per byte of input JSON (sizes M and L measured 15-16). */
export const HEAP_PER_INPUT_BYTE = 16;
/** Heap a run needs whatever its input: modules, rules, scratch space. */
const BASE_HEAP_MIB = 256;
/** Environment variable marking the child run, so it never re-runs itself. */
export const HEAP_SET_ENV = 'BLASTPATH_HEAP_SET';
/** The files of a directory argument the loader reads (it does not recurse). */
const INPUT_FILE = /\.json(\.gz)?$/;

const MIB = 2 ** 20;

/** What the decision needs to know about this process and machine. */
export interface HeapContext {
  /** V8's current heap limit, bytes. */
  heapLimit: number;
  /** Physical memory, bytes. */
  totalMemory: number;
  /** node's own flags (process.execArgv) and NODE_OPTIONS: a user-set limit wins. */
  nodeFlags: string;
  /** Set in the child run. */
  alreadySet: boolean;
}

/**
 * The `--max-old-space-size` value (MiB) to run with, or undefined to run in this process:
 * needed = 16 × input bytes + 256 MiB; a child run when that exceeds 90 % of the current limit.
 */
export function plannedHeapMib(inputBytes: number, context: HeapContext): number | undefined {
  if (context.alreadySet || context.nodeFlags.includes('--max-old-space-size')) return undefined;
  const needed = HEAP_PER_INPUT_BYTE * inputBytes + BASE_HEAP_MIB * MIB;
  if (needed <= 0.9 * context.heapLimit) return undefined;
  const ceiling = 0.75 * context.totalMemory;
  // A quarter more than the estimate: the estimate is a median, and GC needs room to work.
  const planned = Math.min(Math.max(1.25 * needed, context.heapLimit), ceiling);
  return planned > context.heapLimit ? Math.floor(planned / MIB) : undefined;
}

/** Commands that read snapshot files named on the command line (collect and scan read AWS). */
const INPUT_COMMANDS = new Set(['analyze', 'can', 'baseline', 'diff', 'export']);

/** Bytes of JSON a command line (process.argv.slice(2)) reads; 0 for commands that read none. */
export function commandInputBytes(args: readonly string[]): number {
  return INPUT_COMMANDS.has(args[0] ?? '') ? inputBytes(args.slice(1)) : 0;
}

/**
 * Bytes of JSON the arguments name: every argument that is an existing file counts (a `.gz`
 * file by its uncompressed size), directories by their `.json` and `.json.gz` files. Options
 * and their values that are not files count nothing; an output file that already exists counts
 * too, which only makes the limit larger, never the run slower.
 */
export function inputBytes(args: readonly string[]): number {
  let total = 0;
  for (const arg of args) total += pathBytes(arg, true);
  return total;
}

function pathBytes(path: string, top: boolean): number {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 0;
  }
  if (stats.isFile()) return path.endsWith('.gz') ? gunzippedSize(path, stats.size) : stats.size;
  if (!stats.isDirectory() || !top) return 0;
  let names: string[];
  try {
    names = readdirSync(path);
  } catch {
    return 0;
  }
  let total = 0;
  for (const name of names) {
    const child = join(path, name);
    if (INPUT_FILE.test(name)) total += pathBytes(child, false);
  }
  return total;
}

/**
 * A gzip file's uncompressed size from its trailer (ISIZE, the size modulo 4 GiB). A trailer
 * smaller than the file (wrapped past 4 GiB, or not gzip) is replaced by ten times the file.
 */
function gunzippedSize(path: string, size: number): number {
  const trailer = Buffer.alloc(4);
  try {
    const fd = openSync(path, 'r');
    try {
      if (size < 18 || readSync(fd, trailer, 0, 4, size - 4) !== 4) return 10 * size;
    } finally {
      closeSync(fd);
    }
  } catch {
    return 10 * size;
  }
  const isize = trailer.readUInt32LE(0);
  return isize >= size ? isize : 10 * size;
}
