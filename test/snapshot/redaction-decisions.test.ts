/**
 * Every section of the snapshot format has a redaction decision (src/snapshot/redaction.ts):
 * the redaction that reaches its credential-shaped values, or why it keeps none. tsc checks the
 * registry against the schema's types; this checks it against the schema objects themselves, so
 * a section spread in at run time cannot slip past either.
 */
import { describe, expect, it } from 'vitest';
import { ACCOUNT_SECTIONS, AccountData, REGION_SECTIONS, RegionData, SNAPSHOT_SECTIONS, Snapshot } from '../../src/snapshot/index.js';

const sorted = (keys: Iterable<string>) => [...keys].sort();

describe('redaction decisions', () => {
  it('cover every regional section, and nothing else', () => {
    expect(sorted(Object.keys(REGION_SECTIONS))).toEqual(sorted(Object.keys(RegionData.shape)));
  });

  it('cover every account-wide section, and nothing else', () => {
    const notSections = new Set(['accountId', 'partition', 'alias', 'regions']);
    expect(sorted(Object.keys(ACCOUNT_SECTIONS))).toEqual(sorted(Object.keys(AccountData.shape).filter((k) => !notSections.has(k))));
  });

  it('cover every snapshot-wide section, and nothing else', () => {
    const notSections = new Set(['schemaVersion', 'collectedAt', 'tool', 'accounts', 'coverage']);
    expect(sorted(Object.keys(SNAPSHOT_SECTIONS))).toEqual(sorted(Object.keys(Snapshot.shape).filter((k) => !notSections.has(k))));
  });

  it('say why when a section keeps nothing to redact', () => {
    const reasons = [...Object.values(REGION_SECTIONS), ...Object.values(ACCOUNT_SECTIONS), ...Object.values(SNAPSHOT_SECTIONS)].flatMap((d) => ('nothingToRedact' in d ? [d.nothingToRedact] : []));
    expect(reasons.filter((r) => r.trim().length < 20)).toEqual([]);
  });
});
