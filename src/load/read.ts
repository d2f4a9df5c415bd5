/**
 * Turns input paths into parsed JSON documents: expands directories, reads files, gunzips,
 * parses. Every failure is an InputError that names the file (and for JSON, line:column).
 */
import { readdir, readFile as fsReadFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { InputError } from '../core/errors.js';
import { compareStrings } from '../core/hash.js';
import { findJsonSyntaxError, lineAndColumn } from './json-syntax.js';

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

/** Reads, decompresses and parses one input file. */
export async function readJsonFile(file: string, readFile: ReadFile = fsReadFile): Promise<unknown> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw cannotRead(file, error);
  }
  return parseJson(decode(file, bytes), file);
}

/** Gunzips when the name ends in `.gz` or the bytes start with gzip's magic number; then UTF-8. */
function decode(file: string, bytes: Uint8Array): string {
  const gzipped = file.endsWith('.gz') || (bytes[0] === 0x1f && bytes[1] === 0x8b);
  let plain = bytes;
  if (gzipped) {
    try {
      plain = gunzipSync(bytes);
    } catch (error) {
      throw new InputError(`${file}: (root)`, `expected gzip-compressed JSON: ${(error as Error).message}`);
    }
  }
  return new TextDecoder('utf-8').decode(plain).replace(/^\uFEFF/, '');
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
