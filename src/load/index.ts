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
import { expandPath, readJsonFile, type ReadFile } from './read.js';

export type { ReadFile } from './read.js';

/** Options for loadInputs. */
export interface LoadOptions {
  /** Reads a whole file (default: node:fs/promises readFile); lets tests simulate I/O failures. */
  readFile?: ReadFile;
}

/** What the load stage hands on: one redacted snapshot, the credentials it held, the files read. */
export interface LoadedInput {
  snapshot: Snapshot;
  credentials: DetectedCredential[];
  /** Files read, sorted, each once. */
  sources: string[];
  /** Per account id, the files that hold it (sorted); reports anchor a finding to its account's file. */
  accountSources?: Record<string, string[]>;
}

/** Loads, validates, merges and redacts the given files and directories; throws InputError. */
export async function loadInputs(paths: readonly string[], options: LoadOptions = {}): Promise<LoadedInput> {
  if (paths.length === 0) throw new InputError('(inputs)', 'expected at least one input file or directory');
  const files = uniqueFiles((await Promise.all(paths.map(expandPath))).flat());
  const snapshots: SnapshotSource[] = [];
  for (const file of files) {
    snapshots.push({ source: file, snapshot: toSnapshot(await readJsonFile(file, options.readFile), file) });
  }
  const { snapshot, credentials } = redactSnapshot(mergeSnapshots(snapshots));
  return { snapshot, credentials, sources: files, accountSources: accountSources(snapshots) };
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
