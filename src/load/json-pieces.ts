/**
 * Parses a JSON document too large for one string (V8 caps strings near 512 MiB) piece by
 * piece: the top two levels are read byte by byte, and every value below them (one account of
 * a snapshot, one entry of a GAAD list) is decoded and handed to JSON.parse on its own. The
 * result equals JSON.parse of the whole text; only one piece's text is held at a time.
 */
import { InputError, formatJsonPath } from '../core/errors.js';
import { findJsonSyntaxError } from './json-syntax.js';
import { formatBytes } from './limits.js';

/** A key written twice in one object; JSON keeps the last, and so does this parser. */
export interface DuplicateKey {
  /** JSON path of the object holding the key. */
  path: string;
  key: string;
}

/** Receives each piece's bytes and JSON path as it is parsed (for checks that need the text). */
export type PieceListener = (bytes: Uint8Array, path: ReadonlyArray<string | number>) => void;

const enum Mode {
  BeforeRoot,
  Key,
  AfterKey,
  Value,
  AfterValue,
  Piece,
  Done,
}

interface Level {
  container: Record<string, unknown> | unknown[];
  /** Key of this level within its parent (undefined for the root). */
  name?: string | number;
  keys?: Set<string>;
  /** The key whose value comes next (objects). */
  key?: string;
  /** Whether a member was read, so a comma or the end may follow. */
  empty: boolean;
}

const WS = new Uint8Array(256);
for (const c of [0x20, 0x09, 0x0a, 0x0d]) WS[c] = 1;
const DELIMITER = new Uint8Array(256);
for (const c of [0x2c, 0x7d, 0x5d, 0x20, 0x09, 0x0a, 0x0d]) DELIMITER[c] = 1;

/** Sets an own property, `__proto__` included, as JSON.parse does. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Incremental parser: `push` chunks in order, then `end` returns the document. */
export class PieceParser {
  private mode = Mode.BeforeRoot;
  private readonly levels: Level[] = [];
  private root: unknown;
  private offset = 0;
  private readonly decoder = new TextDecoder('utf-8');
  // The piece (or key) being read.
  private parts: Uint8Array[] = [];
  private partBytes = 0;
  private nest = 0;
  private inString = false;
  private escaped = false;
  private scalar = false;
  private readingKey = false;
  private started = false;
  readonly duplicates: DuplicateKey[] = [];

  constructor(
    private readonly file: string,
    private readonly maxPieceBytes: number,
    private readonly onPiece?: PieceListener,
  ) {}

  /** Feeds the next bytes of the document. */
  push(chunk: Uint8Array): void {
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      switch (this.mode) {
        case Mode.BeforeRoot: {
          // A byte-order mark is not JSON, but editors write one: skip it like the whole-file path.
          if (!this.started && chunk[i] === 0xef && chunk[i + 1] === 0xbb && chunk[i + 2] === 0xbf) i += 3;
          this.started = true;
          while (i < n && WS[chunk[i]!]) i++;
          if (i >= n) break;
          const c = chunk[i]!;
          if (c === 0x7b || c === 0x5b) {
            this.root = c === 0x7b ? {} : [];
            this.levels.push({ container: this.root as Level['container'], empty: true, ...(c === 0x7b ? { keys: new Set<string>() } : {}) });
            this.mode = c === 0x7b ? Mode.Key : Mode.Value;
            i++;
          } else {
            this.startPiece();
          }
          break;
        }
        case Mode.Key: {
          while (i < n && WS[chunk[i]!]) i++;
          if (i >= n) break;
          const c = chunk[i]!;
          const level = this.top();
          if (c === 0x7d && level.empty) {
            i++;
            this.close();
          } else if (c === 0x22) {
            this.readingKey = true;
            this.startPiece();
          } else this.fail(i, level.empty ? "expected a double-quoted property name or '}'" : 'expected a double-quoted property name');
          break;
        }
        case Mode.AfterKey: {
          while (i < n && WS[chunk[i]!]) i++;
          if (i >= n) break;
          if (chunk[i] !== 0x3a) this.fail(i, "expected ':' after a property name");
          i++;
          this.mode = Mode.Value;
          break;
        }
        case Mode.Value: {
          while (i < n && WS[chunk[i]!]) i++;
          if (i >= n) break;
          const c = chunk[i]!;
          const level = this.top();
          if (c === 0x5d && Array.isArray(level.container) && level.empty) {
            i++;
            this.close();
          } else if ((c === 0x7b || c === 0x5b) && this.levels.length === 1) {
            // A member of the root that is a container: opened here, its members become pieces.
            const container = c === 0x7b ? {} : [];
            const name = this.memberName(level);
            this.attach(level, container);
            this.levels.push({ container, name, empty: true, ...(c === 0x7b ? { keys: new Set<string>() } : {}) });
            this.mode = c === 0x7b ? Mode.Key : Mode.Value;
            i++;
          } else {
            this.startPiece();
          }
          break;
        }
        case Mode.AfterValue: {
          while (i < n && WS[chunk[i]!]) i++;
          if (i >= n) break;
          const c = chunk[i]!;
          const level = this.top();
          const isArray = Array.isArray(level.container);
          if (c === 0x2c) {
            this.mode = isArray ? Mode.Value : Mode.Key;
            i++;
          } else if (c === (isArray ? 0x5d : 0x7d)) {
            i++;
            this.close();
          } else this.fail(i, `expected ',' or '${isArray ? ']' : '}'}' after ${isArray ? 'an array element' : 'a property value'}`);
          break;
        }
        case Mode.Piece:
          i = this.readPiece(chunk, i);
          break;
        case Mode.Done:
          while (i < n && WS[chunk[i]!]) i++;
          if (i < n) this.fail(i, 'unexpected text after the end of the JSON value');
          break;
      }
    }
    this.offset += n;
  }

  /** The parsed document; throws InputError when the input ended early. */
  end(): unknown {
    if (this.mode === Mode.Piece && this.scalar && !this.inString && this.levels.length === 0) this.finishPiece();
    if (this.mode !== Mode.Done) {
      throw new InputError(`${this.file}: byte ${this.offset}`, 'expected valid JSON: unexpected end of input; the file looks truncated');
    }
    return this.root;
  }

  private top(): Level {
    return this.levels[this.levels.length - 1]!;
  }

  private memberName(level: Level): string | number {
    return Array.isArray(level.container) ? level.container.length : level.key!;
  }

  private path(): Array<string | number> {
    const names = this.levels.slice(1).map((level) => level.name!);
    const level = this.levels[this.levels.length - 1];
    return level ? [...names, this.memberName(level)] : [];
  }

  private attach(level: Level, value: unknown): void {
    level.empty = false;
    if (Array.isArray(level.container)) level.container.push(value);
    else setOwn(level.container, level.key!, value);
  }

  private close(): void {
    this.levels.pop();
    if (this.levels.length === 0) this.mode = Mode.Done;
    else {
      this.top().empty = false;
      this.mode = Mode.AfterValue;
    }
  }

  private startPiece(): void {
    this.mode = Mode.Piece;
    this.parts = [];
    this.partBytes = 0;
    this.nest = 0;
    this.inString = false;
    this.escaped = false;
    this.scalar = true;
  }

  /** Scans piece bytes from `i`; returns where scanning stopped (the piece's end, or the chunk's). */
  private readPiece(chunk: Uint8Array, start: number): number {
    const n = chunk.length;
    let i = start;
    let { nest, inString, escaped } = this;
    let ended = false;
    if (this.partBytes === 0 && !inString && nest === 0) {
      const c = chunk[i]!;
      if (c === 0x7b || c === 0x5b) this.scalar = false;
    }
    for (; i < n; i++) {
      const c = chunk[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 0x5c) escaped = true;
        else if (c === 0x22) {
          inString = false;
          if (nest === 0) {
            i++;
            ended = true;
            break;
          }
        }
      } else if (c === 0x22) {
        if (this.scalar && i > start + 0 && this.partBytes + (i - start) > 0) {
          // A quote right after a number or literal: let JSON.parse say what is wrong.
          ended = true;
          break;
        }
        inString = true;
      } else if (c === 0x7b || c === 0x5b) nest++;
      else if (c === 0x7d || c === 0x5d) {
        if (nest === 0) {
          ended = true;
          break;
        }
        nest--;
        if (nest === 0) {
          i++;
          ended = true;
          break;
        }
      } else if (nest === 0 && DELIMITER[c]) {
        ended = true;
        break;
      }
    }
    this.nest = nest;
    this.inString = inString;
    this.escaped = escaped;
    if (i > start) {
      this.parts.push(chunk.subarray(start, i));
      this.partBytes += i - start;
      if (this.partBytes > this.maxPieceBytes) {
        throw new InputError(
          `${this.file}: ${formatJsonPath(this.path())}`,
          `this entry alone is larger than ${formatBytes(this.maxPieceBytes)} of JSON, more than one string can hold; split the input by account (one file per account, or one get-account-authorization-details output per account) and pass the files or their folder`,
        );
      }
    }
    if (ended) this.finishPiece();
    return i;
  }

  private finishPiece(): void {
    const bytes = this.parts.length === 1 ? this.parts[0]! : concat(this.parts, this.partBytes);
    this.parts = [];
    this.partBytes = 0;
    if (this.readingKey) {
      this.readingKey = false;
      const key = this.parse(bytes, 'a property name') as string;
      const level = this.top();
      if (level.keys!.has(key)) this.duplicates.push({ path: formatJsonPath(this.path().slice(0, -1)), key });
      level.keys!.add(key);
      level.key = key;
      this.mode = Mode.AfterKey;
      return;
    }
    const path = this.path();
    const value = this.parse(bytes, formatJsonPath(path));
    this.onPiece?.(bytes, path);
    if (this.levels.length === 0) {
      this.root = value;
      this.mode = Mode.Done;
      return;
    }
    this.attach(this.top(), value);
    this.mode = Mode.AfterValue;
  }

  private parse(bytes: Uint8Array, where: string): unknown {
    const text = this.decoder.decode(bytes);
    try {
      return JSON.parse(text);
    } catch {
      const problem = findJsonSyntaxError(text);
      const detail = problem ? `${problem.problem} (line ${problem.line}, column ${problem.column} of this entry)` : 'invalid JSON';
      throw new InputError(`${this.file}: ${where}`, `expected valid JSON: ${detail}`);
    }
  }

  private fail(index: number, problem: string): never {
    // 1-based, like line and column numbers.
    throw new InputError(`${this.file}: byte ${this.offset + index + 1}`, `expected valid JSON: ${problem}`);
  }
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
