/**
 * Remediation sentences name what to change without turning into a dump: up to NAME_LIST_MAX
 * names are spelled out, the rest counted (the structured fix keeps every one).
 */
import { describe, expect, it } from 'vitest';
import { NAME_LIST_MAX, nameList } from '../../src/posture/finding.js';

const names = (n: number) => Array.from({ length: n }, (_, i) => `job-${i + 1}`);

describe('nameList', () => {
  it('joins short lists with commas and "and"', () => {
    expect(nameList([])).toBe('');
    expect(nameList(['a'])).toBe('`a`');
    expect(nameList(['a', 'b', 'c'])).toBe('`a`, `b` and `c`');
  });

  it('spells out exactly NAME_LIST_MAX names', () => {
    const text = nameList(names(NAME_LIST_MAX));
    expect(text.endsWith(`and \`job-${NAME_LIST_MAX}\``)).toBe(true);
    expect(text).not.toContain('more');
  });

  it('counts the names past NAME_LIST_MAX instead of listing them', () => {
    const text = nameList(names(57));
    expect(text).toBe(`${names(NAME_LIST_MAX).map((n) => `\`${n}\``).join(', ')} and ${57 - NAME_LIST_MAX} more`);
    expect(text).not.toContain(`job-${NAME_LIST_MAX + 1}\``);
  });
});
