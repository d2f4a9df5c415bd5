/**
 * How large an input may be, checked while it is read and inflated (a 1 MB gzip can inflate to
 * gigabytes), and from what size a file is parsed in pieces instead of as one string (V8 cannot
 * hold a string longer than about 512 MiB).
 */

const MIB = 1024 * 1024;

/** Size limits of one input file. */
export interface ReadLimits {
  /** Bytes of the file as stored (compressed or not). */
  maxFileBytes: number;
  /** Bytes of JSON after inflating. */
  maxJsonBytes: number;
  /** Above this many bytes of JSON the file is parsed piece by piece (one account, one list entry at a time). */
  streamAbove: number;
  /** Largest single piece in that mode: one account, or one entry of a top-level list. */
  maxPieceBytes: number;
}

/**
 * Defaults: 4 GiB of JSON (about four times the largest organization snapshots seen), pieces
 * up to 448 MiB (under V8's string limit with room for the decoder), whole-file parsing up to
 * 256 MiB (JSON.parse of one string is the fastest path and fits comfortably).
 */
export const DEFAULT_LIMITS: ReadLimits = {
  maxFileBytes: 4096 * MIB,
  maxJsonBytes: 4096 * MIB,
  streamAbove: 256 * MIB,
  maxPieceBytes: 448 * MIB,
};

/** Environment variable that overrides maxJsonBytes and maxFileBytes, in MiB. */
export const MAX_INPUT_ENV = 'BLASTPATH_MAX_INPUT_MB';

/** The limits, with `BLASTPATH_MAX_INPUT_MB` applied when it holds a positive whole number. */
export function limitsFromEnv(env: Record<string, string | undefined>, base: ReadLimits = DEFAULT_LIMITS): ReadLimits {
  const value = env[MAX_INPUT_ENV];
  if (value === undefined || !/^\d+$/.test(value.trim()) || Number(value) <= 0) return base;
  const bytes = Number(value) * MIB;
  return { ...base, maxFileBytes: bytes, maxJsonBytes: bytes };
}

/** `1.5 GiB`, `300 MiB`, `12 KiB`: sizes as messages show them. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * MIB) return `${Number((bytes / (1024 * MIB)).toFixed(1))} GiB`;
  if (bytes >= MIB) return `${Number((bytes / MIB).toFixed(1))} MiB`;
  return `${Number((bytes / 1024).toFixed(1))} KiB`;
}

/**
 * Heap an analysis takes per byte of JSON, measured on the generated organizations of
 * `npm run bench` (size M: 71 MB of JSON, about 1 GiB at its peak), with some margin.
 */
export const ANALYSIS_BYTES_PER_JSON_BYTE = 12;

/**
 * Why an input is too large to analyze in this process's heap, or undefined when it fits:
 * better a clear message before the graph is built than V8 running out of memory in it.
 */
export function memoryProblem(jsonBytes: number, heapLimit: number): string | undefined {
  const need = jsonBytes * ANALYSIS_BYTES_PER_JSON_BYTE;
  if (need <= heapLimit) return undefined;
  const mib = Math.ceil((need * 1.25) / MIB / 1024) * 1024;
  return `${formatBytes(jsonBytes)} of JSON needs about ${formatBytes(need)} of memory to analyze, more than this process may use (${formatBytes(heapLimit)}); analyze fewer accounts at a time (one file per account), or raise the limit with NODE_OPTIONS=--max-old-space-size=${mib}`;
}
