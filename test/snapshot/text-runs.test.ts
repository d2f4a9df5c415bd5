/** The start finders against their definitions, written the slow way, on random short texts. */
import { describe, expect, it } from 'vitest';
import { charClass, literalAfterRun, runStarts, runStartsAccepted, startsBefore } from '../../src/snapshot/text-runs.js';

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const ALPHABET = 'aaab--- @x"';
const member = charClass(['a-b'], '-');
const inClass = (c: string | undefined) => c !== undefined && (c === 'a' || c === 'b' || c === '-');

/** Maximal runs of the class, as [start, end). */
function runs(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (let i = 0; i < text.length; i++) {
    if (!inClass(text[i]) || inClass(text[i - 1])) continue;
    let end = i;
    while (inClass(text[end])) end++;
    found.push([i, end]);
  }
  return found;
}

describe('text-runs finders', () => {
  const next = random(11);
  const texts = Array.from({ length: 3000 }, () => Array.from({ length: Math.floor(next() * 60) }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join(''));

  it('runStarts finds exactly the runs whose length is in range', () => {
    for (const text of texts) {
      for (const [min, max] of [[1, Infinity], [3, Infinity], [4, 4], [7, 9]] as const) {
        expect(runStarts(text, member, min, max), text).toEqual(runs(text).filter(([s, e]) => e - s >= min && e - s <= max).map(([s]) => s));
      }
    }
  });

  it('runStartsAccepted offers every start of a run at least min long to accept', () => {
    for (const text of texts) {
      const offered = runStartsAccepted(text, member, 5, () => true);
      for (const [s, e] of runs(text)) if (e - s >= 5) expect(offered, text).toContain(s);
      expect([...offered].sort((a, b) => a - b)).toEqual(offered);
      expect(runStartsAccepted(text, member, 5, (s) => text[s] === 'b')).toEqual(offered.filter((s) => text[s] === 'b'));
    }
  });

  it('literalAfterRun finds every occurrence of a literal that starts with a repeated character', () => {
    for (const text of texts) {
      const expected = [...text.matchAll(/(?=---a)/g)].map((m) => m.index);
      expect(literalAfterRun(text, '---a', 3), text).toEqual(expected);
    }
  });

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
