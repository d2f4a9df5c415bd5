/**
 * The search numbers edges in the order of their keys (compareStrings), blocks' included
 * (src/analyze/edge-order.ts): merged without making one key per block edge, the order must be
 * the plain sort of every key, also where comparing the source first would differ (`role/x|…`
 * sorts after `role/x-y|…`), where pair edges share a block's prefix, where several blocks share
 * one, where blocks share a target list, and where a node id holds '|'.
 */
import { describe, expect, it } from 'vitest';
import { orderEdges } from '../../src/analyze/edge-order.js';
import { compareStrings } from '../../src/core/hash.js';
import { blockEdgeKey } from '../../src/graph/edge-view.js';
import { edgeKey } from '../../src/graph/edges.js';
import type { BlockShared, EdgeAttrs, EdgeBlock } from '../../src/graph/index.js';

function block(from: string, shared: BlockShared, targets: string[]): EdgeBlock {
  return {
    from,
    shared,
    size: targets.length,
    targetAt: (i) => targets[i]!,
    attrsAt: (): EdgeAttrs => ({ ...shared, actions: [], provenance: [] }),
  };
}

/** The keys in the order orderEdges gives. */
function ordered(graphKeys: string[], blocks: EdgeBlock[], numbering: 'first asked' | 'key order' = 'first asked'): string[] {
  const sorted = [...graphKeys].sort(compareStrings);
  const names = new Map<string, number>();
  // The adjacency numbers nodes in key order (then a target list is sorted by number); any other numbering must give the same order.
  if (numbering === 'key order') for (const id of [...new Set(blocks.flatMap((x) => Array.from({ length: x.size }, (_, i) => x.targetAt(i))))].sort(compareStrings)) names.set(id, names.size);
  const nodeOf = (id: string) => names.get(id) ?? names.set(id, names.size).get(id)!;
  const { block: b, slot, target, blockTargets } = orderEdges(sorted, blocks, nodeOf);
  // Each block's target numbers, in any order.
  const numbers = (list: Iterable<number>) => [...list].sort((x, y) => x - y);
  blocks.forEach((x, i) => expect(numbers(blockTargets[i]!)).toEqual(numbers(Array.from({ length: x.size }, (_, k) => nodeOf(x.targetAt(k))))));
  return Array.from(b, (owner, e) => {
    if (owner < 0) return sorted[slot[e]!]!;
    // The target's number is the one of the block edge's own target.
    expect(target[e]).toBe(nodeOf(blocks[owner]!.targetAt(slot[e]!)));
    return blockEdgeKey(blocks[owner]!, slot[e]!);
  });
}

function allKeys(graphKeys: string[], blocks: EdgeBlock[]): string[] {
  return [...graphKeys, ...blocks.flatMap((b) => Array.from({ length: b.size }, (_, i) => blockEdgeKey(b, i)))].sort(compareStrings);
}

const ESC = (technique: string, conditional = false, confidence = 1): BlockShared => ({ kind: 'escalation', technique, conditional, confidence });

describe('the global edge order with blocks', () => {
  it('a block key is the pair edge key', () => {
    const b = block('role/a', { kind: 'can-assume', technique: 'sts-assume-role', entryPoint: 'x', conditional: false, confidence: 1 }, ['role/b']);
    expect(blockEdgeKey(b, 0)).toBe(edgeKey('role/a', 'role/b', b.shared));
  });

  it('sorts by whole keys, not by source first', () => {
    const blocks = [block('role/x', ESC('t'), ['role/b', 'role/a']), block('role/x-y', ESC('t'), ['role/c'])];
    const graphKeys = ['role/x|escalation:s|role/z', 'role/x-y|escalation:a|role/a', 'role/x|escalation:t|role/aa', 'role/x|escalation:t|role/c'];
    const keys = ordered(graphKeys, blocks);
    expect(keys).toEqual(allKeys(graphKeys, blocks));
    expect(keys.indexOf('role/x-y|escalation:t|role/c')).toBeLessThan(keys.indexOf('role/x|escalation:t|role/a'));
  });

  it('merges blocks of one prefix, and node ids holding the separator', () => {
    const blocks = [block('n', ESC('t', true, 0.5), ['b', 'z']), block('n', ESC('t'), ['c', 'a']), block('n|escalation:t|m', ESC('t'), ['z', 'a'])];
    expect(ordered(['n|escalation:t|bb', 'n|escalation:t|m'], blocks)).toEqual(allKeys(['n|escalation:t|bb', 'n|escalation:t|m'], blocks));
  });

  it('is the plain sort on random graphs and blocks', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const names = ['role/x', 'role/x-y', 'role/x/y', 'role/xy', 'user/x', 'a', 'a|b', 'role/x|escalation:t'];
    const techniques = ['t', 't-2', 'u', ''];
    for (let run = 0; run < 300; run++) {
      const shared = new Map<string, string[]>();
      const blocks: EdgeBlock[] = [];
      const used = new Set<string>();
      const graphKeys: string[] = [];
      for (let k = random(6); k > 0; k--) {
        const from = names[random(names.length)]!;
        const technique = techniques[random(techniques.length)]!;
        // Blocks of a dense account share their target lists: reuse one now and then.
        const listName = `${random(3)}`;
        const list = shared.get(listName) ?? [...new Set(Array.from({ length: 1 + random(5) }, () => names[random(names.length)]!))];
        shared.set(listName, list);
        const targets = list.filter((t) => !used.has(`${from}|escalation:${technique}|${t}`));
        for (const t of targets) used.add(`${from}|escalation:${technique}|${t}`);
        blocks.push(block(from, ESC(technique, random(2) === 0), targets));
      }
      for (let k = random(8); k > 0; k--) {
        const key = `${names[random(names.length)]}|escalation:${techniques[random(techniques.length)]}|${names[random(names.length)]}`;
        if (!used.has(key)) graphKeys.push(key);
        used.add(key);
      }
      expect(ordered(graphKeys, blocks)).toEqual(allKeys(graphKeys, blocks));
      expect(ordered(graphKeys, blocks, 'key order')).toEqual(allKeys(graphKeys, blocks));
    }
  });
});
