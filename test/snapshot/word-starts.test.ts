/** wordStarts against its definition written with regexes, on random texts of the three alphabets. */
import { describe, expect, it } from 'vitest';
import { wordStarts } from '../../src/snapshot/word-starts.js';

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Starts of the maximal runs of `alphabet` (a regex class) whose length `keep` accepts. */
function runs(text: string, alphabet: string, keep: (start: number, length: number) => boolean): number[] {
  const found: number[] = [];
  for (const match of text.matchAll(new RegExp(`${alphabet}+`, 'g'))) if (keep(match.index, match[0].length)) found.push(match.index);
  return found;
}

/** Alphabets whose runs meet and cut each other: key-id, base64-only, token-only and outside characters. */
const ALPHABETS = ['AKIS90', 'AKIS9xs/+', 'AKIS9xs-_', 'AKIS9xs-_/+', ' :é'];

/** Run lengths around the patterns' own (15, 20, 40). */
const LENGTHS = [14, 15, 16, 17, 19, 20, 21, 36, 39, 40, 41];

describe('wordStarts', () => {
  it('finds exactly the token, secret-key and key-id runs, at every length and offset', () => {
    const next = random(5);
    const hits = { tokens: 0, secretKeys: 0, keyIds: 0 };
    for (let i = 0; i < 6000; i++) {
      let text = '';
      const pieces = Math.floor(next() * 8);
      for (let p = 0; p < pieces; p++) {
        const alphabet = ALPHABETS[Math.floor(next() * ALPHABETS.length)]!;
        const length = next() < 0.4 ? 1 + Math.floor(next() * 3) : LENGTHS[Math.floor(next() * LENGTHS.length)]!;
        if (next() < 0.3) text += `${next() < 0.5 ? ':' : 'x'}AKIA`;
        for (let k = 0; k < length; k++) text += alphabet[Math.floor(next() * alphabet.length)];
      }
      const acceptToken = (start: number) => text[start] === 's';
      const found = wordStarts(text, acceptToken);
      expect(found.tokens, text).toEqual(runs(text, '[A-Za-z0-9_-]', (s, n) => n >= 15 && acceptToken(s)));
      expect(found.secretKeys, text).toEqual(runs(text, '[A-Za-z0-9/+]', (_s, n) => n === 40));
      for (const kind of ['tokens', 'secretKeys', 'keyIds'] as const) hits[kind] += found[kind].length;
      expect(found.keyIds, text).toEqual(runs(text, '[A-Z0-9]', (s, n) => n === 20 && /^A[KS]IA/.test(text.slice(s))));
    }
    // The cases reach every kind of run, so a finder that found nothing would fail.
    expect(Math.min(...Object.values(hits)), JSON.stringify(hits)).toBeGreaterThan(40);
  });
});
