/**
 * Fuzz: seeded structural mutations of a demo snapshot, through `blastpath analyze`. Every input
 * ends in a report (exit 0) or one clear line naming the file (exit 2): no crash, no hang.
 * Replay a failure with the FUZZ_SEED it prints.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeInChild, fuzz, FUZZ_SEED, problems, report } from './harness.js';
import { mutate } from './mutate.js';

const demo = JSON.parse(readFileSync('fixtures/demo/data-platform.snapshot.json', 'utf8'));

describe('fuzz: snapshot mutations', () => {
  it('300 mutated snapshots: exit 0 or 2, one-line errors naming the file, no crash, no hang', async () => {
    const tally = await fuzz(demo, 300, 1);
    report('snapshot', tally);
    expect(tally.crashes + tally.hangs).toBe(0);
    // Both sides of the contract are exercised.
    expect(tally.accepted).toBeGreaterThan(30);
    expect(tally.clearErrors).toBeGreaterThan(30);
  }, 120_000);

  it('a few of them through the real binary in a child process, with a hard time limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'blastpath-fuzz-child-'));
    for (let i = 0; i < 4; i++) {
      const { text, what } = mutate(demo, FUZZ_SEED * 7 + i);
      const file = join(dir, `child-${i}.json`);
      writeFileSync(file, text);
      const outcome = await analyzeInChild(file, 'json');
      expect(problems(file, outcome, 'json'), `FUZZ_SEED=${FUZZ_SEED} child ${i}: ${what.join('; ')}`).toEqual([]);
    }
  }, 120_000);
});
