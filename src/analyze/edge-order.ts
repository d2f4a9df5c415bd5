/**
 * The global edge numbering of the search: every edge key, graphology's and the blocks', in
 * compareStrings order. Edge order breaks ties in the search, so a block edge must take the
 * place its pair edge's key would. Block keys are not made one string per pair to be sorted (a
 * dense account has millions): a block's keys share one prefix (`from|kind:capability|`), so
 * they sort as its targets do; blocks with the same prefix are merged by target, and the
 * graph's sorted keys are merged in by comparing against the prefix, then the target.
 */
import { compareStrings } from '../core/hash.js';
import type { EdgeBlock } from '../graph/blocks.js';
import { blockEdgeKey, blockKeyPrefix } from '../graph/edge-view.js';

/**
 * Edge e of the order is graph key `slot[e]` when `block[e]` is -1, else edge `slot[e]` of
 * block `block[e]`.
 */
export interface EdgeOrder {
  block: Int32Array;
  slot: Int32Array;
}

/** Orders `graphKeys` (sorted with compareStrings) and every block edge into one key order. */
export function orderEdges(graphKeys: readonly string[], blocks: readonly EdgeBlock[]): EdgeOrder {
  let total = graphKeys.length;
  for (const b of blocks) total += b.size;
  const order: EdgeOrder = { block: new Int32Array(total), slot: new Int32Array(total) };
  const groups = prefixGroups(blocks);
  // A prefix that begins another (only if a node id held '|') would interleave two groups'
  // keys: then sort every key as a string, the plain definition of the order.
  if (!groups) return sortEveryKey(graphKeys, blocks, order);
  let e = 0;
  let g = 0;
  const graphEdge = () => {
    order.block[e] = -1;
    order.slot[e++] = g++;
  };
  for (const { prefix, edges } of groups) {
    // A key below the prefix is below every key that extends it.
    while (g < graphKeys.length && compareStrings(graphKeys[g]!, prefix) < 0) graphEdge();
    for (let k = 0; k < edges.length; k += 2) {
      const target = blocks[edges[k]!]!.targetAt(edges[k + 1]!);
      // Graph keys with the same prefix (pair edges beside the block) sort by what follows it.
      while (g < graphKeys.length && graphKeys[g]!.startsWith(prefix) && compareStrings(graphKeys[g]!.slice(prefix.length), target) < 0) graphEdge();
      order.block[e] = edges[k]!;
      order.slot[e++] = edges[k + 1]!;
    }
  }
  while (g < graphKeys.length) graphEdge();
  return order;
}

/** Blocks grouped by key prefix, prefixes sorted; each group's (block, i) pairs sorted by target. */
function prefixGroups(blocks: readonly EdgeBlock[]): Array<{ prefix: string; edges: Int32Array }> | undefined {
  const byPrefix = new Map<string, number[]>();
  blocks.forEach((block, b) => {
    const prefix = blockKeyPrefix(block);
    (byPrefix.get(prefix) ?? byPrefix.set(prefix, []).get(prefix)!).push(b);
  });
  const prefixes = [...byPrefix.keys()].sort(compareStrings);
  for (let i = 1; i < prefixes.length; i++) if (prefixes[i]!.startsWith(prefixes[i - 1]!)) return undefined;
  const orders = new TargetOrders();
  return prefixes.map((prefix) => {
    const members = byPrefix.get(prefix)!;
    if (members.length === 1) {
      const b = members[0]!;
      const sorted = orders.of(blocks[b]!);
      const edges = new Int32Array(sorted.length * 2);
      for (let k = 0; k < sorted.length; k++) {
        edges[2 * k] = b;
        edges[2 * k + 1] = sorted[k]!;
      }
      return { prefix, edges };
    }
    // Several blocks of one capability from one node (different confidence or condition):
    // their targets are distinct (blocks.ts), merged by target.
    const pairs = members.flatMap((b) => Array.from({ length: blocks[b]!.size }, (_, i) => ({ b, i, to: blocks[b]!.targetAt(i) })));
    pairs.sort((x, y) => compareStrings(x.to, y.to));
    const edges = new Int32Array(pairs.length * 2);
    pairs.forEach(({ b, i }, k) => {
      edges[2 * k] = b;
      edges[2 * k + 1] = i;
    });
    return { prefix, edges };
  });
}

/**
 * Each block's edge indexes in target order, sorted once per distinct target list: the blocks
 * of a dense account share a few lists (every role of the account) among many callers.
 */
class TargetOrders {
  private readonly known = new Map<string, Array<{ block: EdgeBlock; sorted: Int32Array }>>();

  of(block: EdgeBlock): Int32Array {
    const n = block.size;
    if (n === 0) return new Int32Array(0);
    const signature = `${n}\u0000${block.targetAt(0)}\u0000${block.targetAt(n - 1)}`;
    const candidates = this.known.get(signature) ?? this.known.set(signature, []).get(signature)!;
    for (const seen of candidates) if (sameTargets(seen.block, block)) return seen.sorted;
    const targets = Array.from({ length: n }, (_, i) => block.targetAt(i));
    const sorted = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => compareStrings(targets[a]!, targets[b]!));
    candidates.push({ block, sorted });
    return sorted;
  }
}

function sameTargets(a: EdgeBlock, b: EdgeBlock): boolean {
  if (a.size !== b.size) return false;
  for (let i = 0; i < a.size; i++) if (a.targetAt(i) !== b.targetAt(i)) return false;
  return true;
}

/** The order by its definition: every key made and sorted. */
function sortEveryKey(graphKeys: readonly string[], blocks: readonly EdgeBlock[], order: EdgeOrder): EdgeOrder {
  const all = graphKeys.map((key, slot) => ({ key, block: -1, slot }));
  blocks.forEach((block, b) => {
    for (let i = 0; i < block.size; i++) all.push({ key: blockEdgeKey(block, i), block: b, slot: i });
  });
  all.sort((x, y) => compareStrings(x.key, y.key));
  all.forEach(({ block, slot }, e) => {
    order.block[e] = block;
    order.slot[e] = slot;
  });
  return order;
}
