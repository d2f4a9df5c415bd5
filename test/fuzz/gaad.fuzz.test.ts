/**
 * Fuzz: seeded structural mutations of `aws iam get-account-authorization-details` output,
 * through `blastpath analyze` (see snapshot.fuzz.test.ts for the contract).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fuzz, report } from './harness.js';

const gaad = JSON.parse(readFileSync('fixtures/inputs/gaad-123456789012.json', 'utf8'));

describe('fuzz: GAAD mutations', () => {
  it('300 mutated GAAD documents: exit 0 or 2, one-line errors naming the file, no crash, no hang', async () => {
    const tally = await fuzz(gaad, 300, 2);
    report('gaad', tally);
    expect(tally.crashes + tally.hangs).toBe(0);
    expect(tally.accepted).toBeGreaterThan(30);
    expect(tally.clearErrors).toBeGreaterThan(30);
  }, 120_000);
});
