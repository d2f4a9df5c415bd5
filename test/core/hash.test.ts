import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareStrings, shortHash, sortByKey, stableStringify } from '../../src/core/hash.js';
import { formatJsonPath } from '../../src/core/errors.js';

describe('stableStringify', () => {
  it('ignores key order at every depth', () => {
    expect(stableStringify({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      stableStringify({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });
  it('keeps array order and drops undefined fields', () => {
    expect(stableStringify([2, 1])).not.toBe(stableStringify([1, 2]));
    expect(stableStringify({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(stableStringify([undefined, 'x'])).toBe('[null,"x"]');
  });

  it('is JSON of the same value, whatever order its keys were inserted in', () => {
    const reversed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversed)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(Object.keys(value).reverse().map((k) => [k, reversed((value as Record<string, unknown>)[k])]))
          : value;
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = stableStringify(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(stableStringify(reversed(value))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('lists keys in code-unit order', () => {
    expect(stableStringify({ b: 1, B: 2, a: { z: 0, _: 1 } })).toBe('{"B":2,"a":{"_":1,"z":0},"b":1}');
  });
});

describe('sortByKey', () => {
  it('sorts by the key, keeps equal keys in input order, and computes each key once', () => {
    const calls: string[] = [];
    const items = [{ id: 'b', n: 1 }, { id: 'a', n: 2 }, { id: 'b', n: 3 }, { id: 'c', n: 4 }];
    const sorted = sortByKey(items, (item) => (calls.push(item.id), item.id));
    expect(sorted.map((i) => i.n)).toEqual([2, 1, 3, 4]);
    expect(calls).toHaveLength(items.length);
    expect(items.map((i) => i.n)).toEqual([1, 2, 3, 4]);
  });
});

describe('shortHash', () => {
  it('is deterministic and truncated', () => {
    expect(shortHash('x')).toBe(shortHash('x'));
    expect(shortHash('x')).toHaveLength(16);
    expect(shortHash('x', 8)).toBe(shortHash('x').slice(0, 8));
    expect(shortHash('x')).not.toBe(shortHash('y'));
  });
});

describe('compareStrings', () => {
  it('orders by code unit, not locale', () => {
    expect(['b', 'B', 'a'].sort(compareStrings)).toEqual(['B', 'a', 'b']);
  });
});

describe('formatJsonPath', () => {
  it('renders indexes, identifiers and odd keys', () => {
    expect(formatJsonPath(['accounts', 0, 'iam', 'RoleDetailList', 3])).toBe('accounts[0].iam.RoleDetailList[3]');
    expect(formatJsonPath(['regions', 'us-east-1', 'a b'])).toBe('regions.us-east-1["a b"]');
    expect(formatJsonPath([])).toBe('(root)');
  });
});
