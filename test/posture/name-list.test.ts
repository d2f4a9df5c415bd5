/**
 * Remediation sentences name what to change without turning into a dump: up to NAME_LIST_MAX
 * names are spelled out, the rest counted (the structured fix keeps every one).
 */
import { describe, expect, it } from 'vitest';
import { MultiDirectedGraph } from 'graphology';
import type { BuiltGraph } from '../../src/graph/index.js';
import { NAME_LIST_MAX, nameList, nameOf, nodeNames } from '../../src/posture/finding.js';

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

describe('nodeNames', () => {
  // Half the ids are nodes with a label of their own, half are not (named from their ARN).
  const graph = new MultiDirectedGraph();
  const ids = Array.from({ length: 2 * NAME_LIST_MAX + 3 }, (_, i) => `arn:aws:lambda:us-east-1:111111111111:function:fn-${i}`);
  ids.forEach((id, i) => i % 2 === 0 && graph.addNode(id, { label: `label-${i}` }));
  const input = { built: { graph, blocks: [] } as unknown as BuiltGraph };

  it('is nameList over every id\'s name, for lists shorter than, equal to and longer than NAME_LIST_MAX', () => {
    for (const n of [0, 1, NAME_LIST_MAX - 1, NAME_LIST_MAX, NAME_LIST_MAX + 1, ids.length]) {
      const list = ids.slice(0, n);
      expect(nodeNames(input, list)).toBe(nameList(list.map((id) => nameOf(input, id))));
    }
    expect(nodeNames(input, ids)).toContain('`label-0`, `fn-1`');
  });
});
