/**
 * Stable serialization and hashing: the basis of deterministic finding ids and
 * statement fingerprints. Object keys are sorted, so key order in input never matters.
 */
import * as crypto from 'node:crypto';

/** JSON.stringify with object keys sorted recursively. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  // Built with one string and plain loops: provenance records and statements are serialized by
  // the hundred thousand at scale, and intermediate entry arrays dominated the cost.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + stableStringify(value[i]);
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort(compareStrings);
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + stableStringify(item);
    first = false;
  }
  return out + '}';
}

/** The items sorted by a string key computed once per item (not once per comparison). */
export function sortByKey<T>(items: readonly T[], key: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, key: key(item) }))
    .sort((a, b) => compareStrings(a.key, b.key))
    .map(({ item }) => item);
}

/**
 * One-shot SHA-256 to hex: crypto.hash (Node 20.12 and later) hashes without a Hash object and
 * is about twice as fast; createHash on older Node 20 releases.
 */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'hex') : (text) => crypto.createHash('sha256').update(text).digest('hex');

/** Hex SHA-256 of a string, truncated to `length` characters. */
export function shortHash(text: string, length = 16): string {
  return sha256Hex(text).slice(0, length);
}

/** Byte-wise string comparison, independent of locale (localeCompare is not stable across machines). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
