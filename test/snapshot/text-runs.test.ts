/** The start finders against their definitions, written the slow way, on random short texts. */
import { describe, expect, it } from 'vitest';
import { charClass, startsBefore } from '../../src/snapshot/text-runs.js';

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const ALPHABET = 'aaab--- @x"';
describe('text-runs finders', () => {
  const next = random(11);
  const texts = Array.from({ length: 3000 }, () => Array.from({ length: Math.floor(next() * 60) }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join(''));

  it('startsBefore offers every start character in the stretch before each end character', () => {
    const stop = charClass([], ' "@');
    const letters = charClass(['a-z']);
    for (const text of texts) {
      const expected: number[] = [];
      for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
        let from = at;
        while (from > 0 && !' "@'.includes(text[from - 1]!)) from--;
        for (let p = from; p < at; p++) if (/[a-z]/.test(text[p]!)) expected.push(p);
      }
      expect(startsBefore(text, '@', stop, letters), text).toEqual(expected);
    }
  });
});
