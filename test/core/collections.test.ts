import { describe, expect, it } from 'vitest';
import { groupBy } from '../../src/core/collections.js';

describe('groupBy', () => {
  it('groups by key, keeping each group and the keys in first-seen order', () => {
    const groups = groupBy(['b1', 'a1', 'b2', 'c1', 'a2'], (s) => s[0]);
    expect([...groups.keys()]).toEqual(['b', 'a', 'c']);
    expect(groups.get('a')).toEqual(['a1', 'a2']);
    expect(groups.get('b')).toEqual(['b1', 'b2']);
  });

  it('is empty for no items', () => {
    expect(groupBy([], () => 'x').size).toBe(0);
  });
});
