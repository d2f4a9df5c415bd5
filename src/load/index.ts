/**
 * The loading stage: offline inputs (blastpath snapshots, raw `aws iam
 * get-account-authorization-details` output, gzipped or not, files or directories) become one
 * validated, merged and redacted Snapshot. Nothing after this stage sees a secret value.
 */
import { resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { compareStrings } from '../core/hash.js';
import {
  mergeSnapshots,
  redactSnapshot,
  validateSnapshot,
  type DetectedCredential,
  type Snapshot,
  type SnapshotSource,
} from '../snapshot/index.js';
import { isAuthorizationDetails, snapshotFromAuthorizationDetails } from './gaad.js';
import { DEFAULT_LIMITS, type ReadLimits } from './limits.js';
import { lintSnapshot } from './lint.js';
import { expandPath, readInput, type DuplicateScan, type ReadFile } from './read.js';
import { sortWarnings, type InputWarning } from './warnings.js';

export type { ReadFile } from './read.js';
export { DEFAULT_LIMITS, MAX_INPUT_ENV, limitsFromEnv, memoryProblem, type ReadLimits } from './limits.js';
export { INPUT_WARNING_KINDS, type InputWarning, type InputWarningKind } from './warnings.js';
export { missingIam } from './partial.js';

/** Options for loadInputs. */
export interface LoadOptions {
  /** Reads a whole file (default: streamed from disk); lets tests simulate I/O failures. */
  readFile?: ReadFile;
  /** Size limits per file (default DEFAULT_LIMITS; the CLI applies BLASTPATH_MAX_INPUT_MB). */
  limits?: ReadLimits;
}

/** What the load stage hands on: one redacted snapshot, the credentials it held, the files read. */
export interface LoadedInput {
  snapshot: Snapshot;
  credentials: DetectedCredential[];
  /** Files read, sorted, each once. */
  sources: string[];
  /** Per account id, the files that hold it (sorted); reports anchor a finding to its account's file. */
  accountSources?: Record<string, string[]>;
  /** What looks wrong in the inputs, sorted (see sortWarnings); reports list every one. Absent: none. */
  warnings?: InputWarning[];
  /** Bytes of JSON read over all files, after inflating; absent for inputs not read from files. */
  jsonBytes?: number;
}

/** Loads, validates, merges and redacts the given files and directories; throws InputError. */
export async function loadInputs(paths: readonly string[], options: LoadOptions = {}): Promise<LoadedInput> {
  if (paths.length === 0) throw new InputError('(inputs)', 'expected at least one input file or directory');
  const files = uniqueFiles((await Promise.all(paths.map(expandPath))).flat());
  const snapshots: SnapshotSource[] = [];
  const warnings: InputWarning[] = [];
  const scans: Array<{ file: string; scan: Promise<DuplicateScan> }> = [];
  let jsonBytes = 0;
  const read = { limits: options.limits ?? DEFAULT_LIMITS, ...(options.readFile ? { readFile: options.readFile } : {}) };
  for (const file of files) {
    const { data, duplicates, jsonBytes: bytes } = await readInput(file, read);
    scans.push({ file, scan: duplicates });
    jsonBytes += bytes;
    const linted = lintSnapshot(toSnapshot(data, file), file, !isSnapshotDocument(data));
    snapshots.push({ source: file, snapshot: linted.snapshot });
    warnings.push(...linted.warnings);
  }
  const { snapshot, credentials } = redactSnapshot(mergeSnapshots(snapshots));
  // Large files were scanned for duplicate keys on a worker thread meanwhile.
  for (const { file, scan } of scans) warnings.push(...duplicateWarnings(file, await scan));
  return { snapshot, credentials, sources: files, accountSources: accountSources(snapshots), warnings: sortWarnings(warnings), jsonBytes };
}

function isSnapshotDocument(data: unknown): boolean {
  return typeof data === 'object' && data !== null && !Array.isArray(data) && 'schemaVersion' in data;
}

function duplicateWarnings(file: string, scan: DuplicateScan): InputWarning[] {
  const warnings = scan.found.map(
    (d): InputWarning => ({ kind: 'duplicate-key', file, path: d.path, message: `key ${JSON.stringify(d.key)} appears more than once in this object; the last one is used` }),
  );
  if (scan.incomplete) warnings.push({ kind: 'unchecked', file, path: '(root)', message: 'the check for duplicate keys did not finish for part of this file' });
  return warnings;
}

/** Which files hold each account; files are already sorted, so each list is too. */
function accountSources(snapshots: readonly SnapshotSource[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const { source, snapshot } of snapshots) {
    for (const { accountId } of snapshot.accounts) {
      const list = (out[accountId] ??= []);
      if (!list.includes(source)) list.push(source);
    }
  }
  return out;
}

/** Recognizes the format of one parsed document and turns it into a snapshot. */
export function toSnapshot(data: unknown, file: string): Snapshot {
  const isRecord = typeof data === 'object' && data !== null && !Array.isArray(data);
  if (isRecord && 'schemaVersion' in data) return validateSnapshot(data, file);
  if (isRecord && isAuthorizationDetails(data as Record<string, unknown>)) {
    return snapshotFromAuthorizationDetails(data as Record<string, unknown>, file);
  }
  throw new InputError(
    `${file}: (root)`,
    'expected a blastpath snapshot (schemaVersion) or the output of aws iam get-account-authorization-details',
  );
}

/** Each file once (a directory and a file inside it may both be given), sorted by name. */
function uniqueFiles(files: string[]): string[] {
  const byPath = new Map<string, string>();
  for (const file of [...files].sort(compareStrings)) {
    if (!byPath.has(resolve(file))) byPath.set(resolve(file), file);
  }
  return [...byPath.values()].sort(compareStrings);
}
