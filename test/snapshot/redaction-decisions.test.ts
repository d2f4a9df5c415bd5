/**
 * Every section of the snapshot format has a redaction decision (src/snapshot/redact-sites.ts):
 * the scan that reaches its credential-shaped values, or why it holds none. tsc checks the
 * registries against the schema's types; this checks them against the schema objects themselves,
 * so a section spread in at run time cannot slip past either.
 */
import { describe, expect, it } from 'vitest';
import { ACCOUNT_REDACTION_DECISIONS, AccountData, REDACTION_DECISIONS, RegionData, SNAPSHOT_REDACTION_DECISIONS, Snapshot } from '../../src/snapshot/index.js';

const sorted = (keys: Iterable<string>) => [...keys].sort();

describe('redaction decisions', () => {
  it('cover every regional section, and nothing else', () => {
    expect(sorted(Object.keys(REDACTION_DECISIONS))).toEqual(sorted(Object.keys(RegionData.shape)));
  });

  it('cover every account-wide section, and nothing else', () => {
    const notSections = new Set(['accountId', 'partition', 'alias', 'regions']);
    expect(sorted(Object.keys(ACCOUNT_REDACTION_DECISIONS))).toEqual(sorted(Object.keys(AccountData.shape).filter((k) => !notSections.has(k))));
  });

  it('cover every snapshot-wide section, and nothing else', () => {
    const notSections = new Set(['schemaVersion', 'collectedAt', 'tool', 'accounts', 'coverage']);
    expect(sorted(Object.keys(SNAPSHOT_REDACTION_DECISIONS))).toEqual(sorted(Object.keys(Snapshot.shape).filter((k) => !notSections.has(k))));
  });

  it('say why when a section holds nothing to redact', () => {
    const decisions = [...Object.values(REDACTION_DECISIONS), ...Object.values(ACCOUNT_REDACTION_DECISIONS), ...Object.values(SNAPSHOT_REDACTION_DECISIONS)];
    const reasons = decisions.flatMap((d) => (typeof d === 'object' && 'none' in d ? [d.none] : []));
    expect(reasons.length).toBeGreaterThan(5);
    expect(reasons.filter((r) => r.trim().length < 20)).toEqual([]);
  });
});
