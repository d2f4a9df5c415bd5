/**
 * provenanceKey (src/graph/edges.ts) is the canonical serialization of a provenance record
 * without sorting keys per record: the same text as stableStringify, so edges merge and order
 * their records as before; records of another shape fall back to stableStringify.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stableStringify } from '../../src/core/hash.js';
import { ProvenanceKeys, provenanceKey } from '../../src/graph/edges.js';
import type { Provenance } from '../../src/graph/index.js';

const text = fc.string({ maxLength: 12 });

const recordArb: fc.Arbitrary<Provenance> = fc
  .record(
    {
      policy: text,
      policyKind: fc.constantFrom('identity', 'boundary', 'resource', 'trust', 'scp', 'configuration'),
      statementIndex: fc.nat(20),
      sid: text,
      statementHash: text,
      action: text,
      resource: text,
      conditionKeys: fc.array(text, { maxLength: 3 }),
      field: text,
    },
    { requiredKeys: ['policy', 'policyKind', 'conditionKeys'] },
  )
  .map((r) => r as Provenance);

describe('provenanceKey', () => {
  it('is stableStringify of every provenance record, whatever its key order', () => {
    fc.assert(
      fc.property(recordArb, fc.boolean(), (record, reversed) => {
        const copy = reversed ? (Object.fromEntries(Object.entries(record).reverse()) as unknown as Provenance) : record;
        expect(provenanceKey(copy)).toBe(stableStringify(record));
      }),
      { numRuns: 500 },
    );
  });

  it('falls back to stableStringify for other fields and values', () => {
    const base: Provenance = { policy: 'p', policyKind: 'identity', conditionKeys: [] };
    const extra = { ...base, note: 'x' } as unknown as Provenance;
    const nested = { ...base, conditionKeys: [{ a: 1 }] } as unknown as Provenance;
    const skipped = { ...base, sid: undefined };
    for (const record of [extra, nested, skipped]) expect(provenanceKey(record)).toBe(stableStringify(record));
    expect(provenanceKey(extra)).toContain('"note":"x"');
  });

  it('orders a few records as the keyed stable sort does, keeping the first of equal contents', () => {
    // Few distinct records, repeated as copies (equal keys, other objects): lists of 2 to 12 take both sort paths.
    const small = fc.array(recordArb, { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(small, fc.array(fc.nat(), { minLength: 2, maxLength: 12 }), (records, picks) => {
        const list = picks.map((i) => ({ ...records[i % records.length]! }));
        const keyed = list.map((p) => ({ key: provenanceKey(p), p })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
        const expected = keyed.filter((k, i) => i === 0 || k.key !== keyed[i - 1]!.key).map((k) => k.p);
        const sorted = new ProvenanceKeys().sort(list);
        expect(sorted.length).toBe(expected.length);
        sorted.forEach((p, i) => expect(p).toBe(expected[i]));
      }),
      { numRuns: 500 },
    );
  });
});
