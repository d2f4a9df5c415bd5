/**
 * Deterministic randomness for the generator: a seeded PRNG (sfc32) whose streams fork by
 * label, and hash-derived tokens for identifiers. The same seed always yields the same bytes,
 * and forking per account keeps one account's choices from shifting every later account.
 */

/** FNV-1a over UTF-16 code units, then murmur3's finalizer so low bits mix well. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export const ALPHABETS = {
  upperAlnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  base32: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  lowerAlnum: 'abcdefghijklmnopqrstuvwxyz0123456789',
  mixedAlnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  hex: '0123456789abcdef',
  digits: '0123456789',
} as const;

/** A token of `length` characters from `alphabet`, a pure function of `seed`. */
export function token(seed: string, length: number, alphabet: string): string {
  let out = '';
  for (let i = 0; out.length < length; i++) {
    let h = hash32(`${seed}#${i}`);
    // Four characters per hash: a 32-bit value carries enough entropy for 36^4.
    for (let k = 0; k < 4 && out.length < length; k++) {
      out += alphabet[h % alphabet.length];
      h = Math.floor(h / alphabet.length);
    }
  }
  return out;
}

/** A UUID-shaped token (version 4 layout), a pure function of `seed`. */
export function uuid(seed: string): string {
  const t = token(seed, 32, ALPHABETS.hex);
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-4${t.slice(13, 16)}-a${t.slice(17, 20)}-${t.slice(20)}`;
}

/** A seeded pseudo-random stream (sfc32); `fork` derives independent streams by label. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(readonly seed: string) {
    this.a = hash32(`${seed}:a`);
    this.b = hash32(`${seed}:b`);
    this.c = hash32(`${seed}:c`);
    this.d = hash32(`${seed}:d`);
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An independent stream for one part of the output. */
  fork(label: string): Rng {
    return new Rng(`${this.seed}/${label}`);
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T {
    if (list.length === 0) throw new Error('Rng.pick: empty list');
    return list[Math.floor(this.next() * list.length)]!;
  }

  /** One value, chosen with the given relative weights. */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let x = this.next() * total;
    for (const [value, w] of entries) {
      if ((x -= w) < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }

  /** `k` distinct elements, in list order. */
  sample<T>(list: readonly T[], k: number): T[] {
    const indexes = list.map((_, i) => i);
    for (let i = 0; i < Math.min(k, list.length); i++) {
      const j = i + Math.floor(this.next() * (indexes.length - i));
      [indexes[i], indexes[j]] = [indexes[j]!, indexes[i]!];
    }
    return indexes
      .slice(0, Math.min(k, list.length))
      .sort((x, y) => x - y)
      .map((i) => list[i]!);
  }

  /** An ISO 8601 timestamp between two years, second precision, UTC. */
  date(fromYear: number, toYear: number): string {
    const start = Date.UTC(fromYear, 0, 1);
    const end = Date.UTC(toYear, 9, 31);
    const ms = start + Math.floor(this.next() * ((end - start) / 1000)) * 1000;
    return new Date(ms).toISOString().replace('.000Z', '+00:00');
  }
}
