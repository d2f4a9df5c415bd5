/**
 * Finds keys written twice in one JSON object. JSON.parse keeps the last silently, so a
 * snapshot edited by hand can lose a statement or a role without anyone noticing. This is a
 * byte scanner over text JSON.parse already accepted: it tracks only what it needs (strings,
 * nesting, the keys of each open object), not the grammar. Keys are compared by hash first and
 * decoded only on a hash match, so a large snapshot costs one pass over its bytes.
 */
import { formatJsonPath } from '../core/errors.js';
import type { DuplicateKey } from './json-pieces.js';

/** At most this many duplicates are reported per file: the first ones say enough. */
export const MAX_DUPLICATES = 100;

/** Objects with more keys than this switch from a linear search to a map. */
const LINEAR_KEYS = 32;

const utf8 = new TextDecoder('utf-8');

/** The key as JSON means it (escapes resolved). */
function keyText(bytes: Uint8Array, start: number, end: number, escaped: boolean): string {
  const raw = utf8.decode(bytes.subarray(start, end));
  return escaped ? (JSON.parse(`"${raw}"`) as string) : raw;
}

/** FNV-1a over UTF-16 code units, so escaped and plain spellings of one key hash alike. */
function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  return h >>> 0;
}

/** Keys of the open objects, on one shared stack; each object remembers where its keys start. */
class KeyStack {
  hashes: number[] = [];
  starts: number[] = [];
  ends: number[] = [];
  escapes: boolean[] = [];
}

interface Frame {
  isObject: boolean;
  /** Index of this object's first key on the KeyStack. */
  base: number;
  /** Arrays: index of the current element. Objects: where the current key's bytes are (decoded only for a report). */
  index: number;
  keyStart: number;
  keyEnd: number;
  keyEscaped: boolean;
  map?: Map<string, true>;
}

/** Duplicate keys in valid JSON `bytes`, with the JSON path of each object (prefixed by `base`). */
export function findDuplicateKeys(bytes: Uint8Array, base: ReadonlyArray<string | number> = []): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const frames: Frame[] = [];
  const keys = new KeyStack();
  const n = bytes.length;
  let expectKey = false;
  const report = (key: string) => {
    if (found.length >= MAX_DUPLICATES) return;
    const path = frames.slice(0, -1).map((f) => (f.isObject ? keyText(bytes, f.keyStart, f.keyEnd, f.keyEscaped) : f.index));
    found.push({ path: formatJsonPath([...base, ...path]), key });
  };
  for (let i = 0; i < n; i++) {
    const c = bytes[i]!;
    if (c === 0x22) {
      const start = i + 1;
      let j: number;
      if (!expectKey) {
        // A value: only its end matters. Jump from quote to quote; an escaped one has an odd run of backslashes before it.
        j = bytes.indexOf(0x22, start);
        while (j > 0) {
          let k = j - 1;
          while (bytes[k] === 0x5c) k--;
          if ((j - 1 - k) % 2 === 0) break;
          j = bytes.indexOf(0x22, j + 1);
        }
        i = j < 0 ? n : j;
        continue;
      }
      let escaped = false;
      let plain = true;
      let h = 0x811c9dc5;
      for (j = start; j < n; j++) {
        const d = bytes[j]!;
        if (d === 0x22) break;
        if (d === 0x5c) {
          escaped = true;
          j++;
        } else if (d >= 0x80) plain = false;
        else h = Math.imul(h ^ d, 0x01000193);
      }
      if (expectKey) {
        expectKey = false;
        const frame = frames[frames.length - 1]!;
        const exotic = escaped || !plain;
        const text = exotic ? keyText(bytes, start, j, escaped) : undefined;
        const hash = text === undefined ? h >>> 0 : hashText(text);
        const count = keys.hashes.length - frame.base;
        if (frame.map) {
          const key = text ?? keyText(bytes, start, j, false);
          if (frame.map.has(key)) report(key);
          frame.map.set(key, true);
        } else {
          let duplicate: string | undefined;
          for (let k = frame.base; k < keys.hashes.length; k++) {
            if (keys.hashes[k] !== hash) continue;
            const current = text ?? keyText(bytes, start, j, false);
            if (keyText(bytes, keys.starts[k]!, keys.ends[k]!, keys.escapes[k]!) === current) duplicate = current;
          }
          if (duplicate !== undefined) report(duplicate);
          keys.hashes.push(hash);
          keys.starts.push(start);
          keys.ends.push(j);
          keys.escapes.push(escaped);
          if (count + 1 > LINEAR_KEYS) {
            // Many keys (a map of tags, variables): a Map keeps the check linear.
            frame.map = new Map();
            for (let k = frame.base; k < keys.hashes.length; k++) frame.map.set(keyText(bytes, keys.starts[k]!, keys.ends[k]!, keys.escapes[k]!), true);
          }
        }
        frame.keyStart = start;
        frame.keyEnd = j;
        frame.keyEscaped = escaped;
      }
      i = j;
    } else if (c === 0x7b) {
      frames.push({ isObject: true, base: keys.hashes.length, index: 0, keyStart: 0, keyEnd: 0, keyEscaped: false });
      expectKey = true;
    } else if (c === 0x5b) {
      frames.push({ isObject: false, base: keys.hashes.length, index: 0, keyStart: 0, keyEnd: 0, keyEscaped: false });
    } else if (c === 0x7d || c === 0x5d) {
      const frame = frames.pop();
      if (frame?.isObject) {
        keys.hashes.length = frame.base;
        keys.starts.length = frame.base;
        keys.ends.length = frame.base;
        keys.escapes.length = frame.base;
      }
    } else if (c === 0x2c) {
      const frame = frames[frames.length - 1];
      if (frame?.isObject) expectKey = true;
      else if (frame) frame.index += 1;
    }
  }
  return found;
}
