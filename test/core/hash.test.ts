import { describe, expect, it } from 'vitest';
import { compareStrings, shortHash, stableStringify } from '../../src/core/hash.js';
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
