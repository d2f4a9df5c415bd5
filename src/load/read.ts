/**
 * Turns input paths into parsed JSON documents: expands directories, reads files, gunzips,
 * parses, within size limits. Every failure is an InputError that names the file (and for
 * JSON, line:column, or the entry of a file parsed in pieces).
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError } from '../core/errors.js';
import { compareStrings } from '../core/hash.js';
import { DuplicateKeyChecker } from './duplicate-keys.js';
import { PieceParser, type DuplicateKey } from './json-pieces.js';
import { findJsonSyntaxError, lineAndColumn } from './json-syntax.js';
import { DEFAULT_LIMITS, MAX_INPUT_ENV, formatBytes, type ReadLimits } from './limits.js';

/** Reads a whole file; injectable so tests can simulate unreadable files. */
export type ReadFile = (path: string) => Promise<Uint8Array>;

const INPUT_FILE = /\.json(\.gz)?$/;

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is not a directory',
};

/** `<file>: cannot read: <reason>` for a failed file system call. */
export function cannotRead(file: string, error: unknown): InputError {
  const code = (error as { code?: unknown } | null)?.code;
  const reason = typeof code === 'string' ? (REASONS[code] ?? code) : String((error as Error)?.message ?? error);
  return new InputError(`${file}: cannot read`, reason);
}

/**
 * The input files a path stands for: itself, or a directory's `*.json` and `*.json.gz`
 * files, sorted by name (not recursive). A path that cannot be inspected is returned as is,
 * so reading it reports the problem.
 */
export async function expandPath(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true }).catch((error: unknown) => {
    throw cannotRead(path, error);
  });
  const names = entries
    .filter((entry) => !entry.isDirectory() && INPUT_FILE.test(entry.name))
    .map((entry) => entry.name)
    .sort(compareStrings);
  if (names.length === 0) throw new InputError(path, 'expected a directory with at least one *.json or *.json.gz file');
  return names.map((name) => join(path, name));
}

/** A parsed input file and the duplicate keys found in it (a scan that may still run on a worker). */
export interface ReadResult {
  data: unknown;
  duplicates: Promise<DuplicateScan>;
  /** Bytes of JSON read (after inflating). */
  jsonBytes: number;
}

/** The duplicate keys of one file; `incomplete` when part of the file could not be scanned. */
export interface DuplicateScan {
  found: DuplicateKey[];
  incomplete: boolean;
}

/** How readJsonFile reads: an injected whole-file reader (tests), and the size limits. */
export interface ReadOptions {
  readFile?: ReadFile;
  limits?: ReadLimits;
}

/**
 * Reads, decompresses and parses one input file, checking its size while reading and inflating.
 * Files up to `streamAbove` bytes of JSON are parsed whole; larger ones piece by piece.
 */
export async function readInput(file: string, options: ReadOptions = {}): Promise<ReadResult> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const duplicates = new DuplicateKeyChecker(file);
  const parts: Uint8Array[] = [];
  let total = 0;
  let pieces: PieceParser | undefined;
  try {
    for await (const chunk of inflated(file, sourceChunks(file, options.readFile), limits)) {
      total += chunk.length;
      if (pieces) {
        pieces.push(chunk);
        continue;
      }
      parts.push(chunk);
      if (total > limits.streamAbove) {
        pieces = new PieceParser(file, limits.maxPieceBytes, (bytes, path) => duplicates.check(bytes, path));
        for (const part of parts) pieces.push(part);
        parts.length = 0;
      }
    }
  } catch (error) {
    // Stops the worker a large file's pieces were already sent to.
    await duplicates.abort();
    throw error;
  }
  const scan = async (before: DuplicateKey[]): Promise<DuplicateScan> => ({ found: [...before, ...(await duplicates.result())], incomplete: duplicates.incomplete });
  if (pieces) {
    try {
      return { data: pieces.end(), duplicates: scan(pieces.duplicates), jsonBytes: total };
    } catch (error) {
      await duplicates.abort();
      throw error;
    }
  }
  // One part may be the caller's own buffer (an injected reader); a joined copy is ours to hand over.
  const joined = parts.length !== 1;
  const bytes = joined ? Buffer.concat(parts, total) : parts[0]!;
  const data = parseJson(new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, ''), file);
  duplicates.check(bytes, [], joined);
  return { data, duplicates: scan([]), jsonBytes: total };
}

/** The file's bytes as stored: streamed from disk, or the injected reader's one buffer. */
async function* sourceChunks(file: string, readFile: ReadFile | undefined): AsyncGenerator<Uint8Array> {
  if (readFile) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (error) {
      throw cannotRead(file, error);
    }
    yield bytes;
    return;
  }
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: CHUNK_BYTES })) yield chunk as Buffer;
  } catch (error) {
    throw cannotRead(file, error);
  }
}

const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * The JSON bytes: the source as is, or gunzipped when the name ends in `.gz` or the bytes start
 * with gzip's magic number. Both sizes are checked as the bytes go by, so a file that inflates
 * to gigabytes stops at the limit instead of filling memory.
 */
async function* inflated(file: string, source: AsyncGenerator<Uint8Array>, limits: ReadLimits): AsyncGenerator<Uint8Array> {
  let stored = 0;
  const counted = async function* (first: Uint8Array | undefined) {
    if (first) yield first;
    for await (const chunk of source) {
      stored += chunk.length;
      if (stored > limits.maxFileBytes) throw tooLarge(file, 'the file', limits.maxFileBytes);
      yield chunk;
    }
  };
  const head = await source.next();
  const first = head.done ? undefined : head.value;
  stored = first?.length ?? 0;
  if (stored > limits.maxFileBytes) throw tooLarge(file, 'the file', limits.maxFileBytes);
  const gzipped = file.endsWith('.gz') || (first !== undefined && first[0] === 0x1f && first[1] === 0x8b);
  if (!gzipped) {
    yield* counted(first);
    return;
  }
  let plain = 0;
  const gunzip = createGunzip({ chunkSize: 1024 * 1024 });
  const input = Readable.from(counted(first));
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  try {
    for await (const chunk of gunzip) {
      plain += (chunk as Buffer).length;
      if (plain > limits.maxJsonBytes) throw tooLarge(file, 'its inflated JSON', limits.maxJsonBytes);
      yield chunk as Buffer;
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${file}: (root)`, `expected gzip-compressed JSON: ${(error as Error).message}`);
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}

/** Reads and parses one input file; the document only (`readInput` also reports duplicate keys). */
export async function readJsonFile(file: string, readFile?: ReadFile): Promise<unknown> {
  const { data, duplicates } = await readInput(file, readFile ? { readFile } : {});
  void duplicates;
  return data;
}

function tooLarge(file: string, what: string, limit: number): InputError {
  return new InputError(
    `${file}: (root)`,
    `${what} is larger than the limit of ${formatBytes(limit)}; split the input by account (one file per account) and pass the files or their folder, or raise the limit with ${MAX_INPUT_ENV}`,
  );
}

/** JSON.parse with errors that say where: `<file>:<line>:<column>`. */
export function parseJson(text: string, file: string): unknown {
  if (text.trim() === '') throw new InputError(`${file}: (root)`, 'expected JSON, but the file is empty');
  try {
    return JSON.parse(text);
  } catch {
    // The SyntaxError's message is not used: V8 quotes the input there, which may hold a secret.
    const problem = findJsonSyntaxError(text) ?? { ...lineAndColumn(text, text.trimEnd().length), problem: 'invalid JSON' };
    throw new InputError(`${file}:${problem.line}:${problem.column}`, `expected valid JSON: ${problem.problem}`);
  }
}
