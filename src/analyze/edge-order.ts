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
 * block `block[e]`, whose target is node `target[e]` (left 0 for graph edges).
 */
export interface EdgeOrder {
  block: Int32Array;
  slot: Int32Array;
  target: Int32Array;
  /**
   * Per block, its targets' node numbers (in no particular order); blocks with the same target
   * list share one array, so a reader can do per-list work once per list.
   */
  blockTargets: Int32Array[];
}

/**
 * Orders `graphKeys` (sorted with compareStrings) and every block edge into one key order;
 * `nodeOf` numbers a block edge's target (asked once per distinct target list).
 */
export function orderEdges(graphKeys: readonly string[], blocks: readonly EdgeBlock[], nodeOf: (id: string) => number): EdgeOrder {
  let total = graphKeys.length;
  for (const b of blocks) total += b.size;
  const order: EdgeOrder = { block: new Int32Array(total), slot: new Int32Array(total), target: new Int32Array(total), blockTargets: new Array<Int32Array>(blocks.length) };
  const groups = prefixGroups(blocks);
  // A prefix that begins another (only if a node id held '|') would interleave two groups'
  // keys: then sort every key as a string, the plain definition of the order.
  if (!groups) return sortEveryKey(graphKeys, blocks, order, nodeOf);
  const lists = new TargetLists(nodeOf);
  let e = 0;
  let g = 0;
  const graphEdge = () => {
    order.block[e] = -1;
    order.slot[e++] = g++;
  };
  for (const { prefix, members } of groups) {
    // A key below the prefix is below every key that extends it.
    while (g < graphKeys.length && compareStrings(graphKeys[g]!, prefix) < 0) graphEdge();
    // Graph keys with the same prefix (pair edges beside the block) sort by what follows it;
    // most groups have none, and then no target is read here.
    let beside = g < graphKeys.length && graphKeys[g]!.startsWith(prefix);
    const place = (b: number, i: number, node: number) => {
      if (beside) {
        const to = blocks[b]!.targetAt(i);
        while (beside && compareStrings(graphKeys[g]!.slice(prefix.length), to) < 0) {
          graphEdge();
          beside = g < graphKeys.length && graphKeys[g]!.startsWith(prefix);
        }
      }
      order.block[e] = b;
      order.slot[e] = i;
      order.target[e++] = node;
    };
    if (members.length === 1) {
      const b = members[0]!;
      const { sorted, nodes } = lists.of(blocks[b]!);
      order.blockTargets[b] = nodes;
      for (let k = 0; k < sorted.length; k++) place(b, sorted[k]!, nodes[sorted[k]!]!);
      continue;
    }
    // Several blocks of one capability from one node (different confidence or condition):
    // their targets are distinct (blocks.ts), merged by target.
    const pairs = members.flatMap((b) => Array.from({ length: blocks[b]!.size }, (_, i) => ({ b, i, to: blocks[b]!.targetAt(i) })));
    pairs.sort((x, y) => compareStrings(x.to, y.to));
    for (const b of members) order.blockTargets[b] = new Int32Array(blocks[b]!.size);
    for (const { b, i, to } of pairs) {
      const node = nodeOf(to);
      order.blockTargets[b]![i] = node;
      place(b, i, node);
    }
  }
  while (g < graphKeys.length) graphEdge();
  return order;
}

/** Blocks grouped by key prefix, prefixes sorted; undefined when one prefix begins another. */
function prefixGroups(blocks: readonly EdgeBlock[]): Array<{ prefix: string; members: number[] }> | undefined {
  const byPrefix = new Map<string, number[]>();
  blocks.forEach((block, b) => {
    const prefix = blockKeyPrefix(block);
    (byPrefix.get(prefix) ?? byPrefix.set(prefix, []).get(prefix)!).push(b);
  });
  const prefixes = [...byPrefix.keys()].sort(compareStrings);
  for (let i = 1; i < prefixes.length; i++) if (prefixes[i]!.startsWith(prefixes[i - 1]!)) return undefined;
  return prefixes.map((prefix) => ({ prefix, members: byPrefix.get(prefix)! }));
}

/**
 * Each block's edge indexes in target order and its targets' node numbers, made once per
 * distinct target list: the blocks of a dense account share a few lists (every role of the
 * account) among many callers.
 */
class TargetLists {
  private readonly known = new Map<string, Array<{ block: EdgeBlock; sorted: Int32Array; nodes: Int32Array }>>();

  constructor(private readonly nodeOf: (id: string) => number) {}

  of(block: EdgeBlock): { sorted: Int32Array; nodes: Int32Array } {
    const n = block.size;
    if (n === 0) return { sorted: new Int32Array(0), nodes: new Int32Array(0) };
    const signature = `${n}\u0000${block.targetAt(0)}\u0000${block.targetAt(n - 1)}`;
    const candidates = this.known.get(signature) ?? this.known.set(signature, []).get(signature)!;
    for (const seen of candidates) if (sameTargets(seen.block, block)) return seen;
    const targets = Array.from({ length: n }, (_, i) => block.targetAt(i));
    const nodes = Int32Array.from(targets, this.nodeOf);
    const made = { block, sorted: targetOrder(targets, nodes), nodes };
    candidates.push(made);
    return made;
  }
}

/**
 * Indexes of `targets` in compareStrings order. The adjacency numbers nodes in that order, so
 * sorting by node number gives it with integer comparisons; one pass checks it (a caller may
 * number nodes otherwise) and falls back to comparing the strings.
 */
function targetOrder(targets: readonly string[], nodes: Int32Array): Int32Array {
  const byNode = Int32Array.from(nodes.keys()).sort((a, b) => nodes[a]! - nodes[b]!);
  for (let k = 1; k < byNode.length; k++) {
    if (compareStrings(targets[byNode[k - 1]!]!, targets[byNode[k]!]!) >= 0) return byNode.sort((a, b) => compareStrings(targets[a]!, targets[b]!));
  }
  return byNode;
}

function sameTargets(a: EdgeBlock, b: EdgeBlock): boolean {
  if (a.size !== b.size) return false;
  for (let i = 0; i < a.size; i++) if (a.targetAt(i) !== b.targetAt(i)) return false;
  return true;
}

/** The order by its definition: every key made and sorted. */
function sortEveryKey(graphKeys: readonly string[], blocks: readonly EdgeBlock[], order: EdgeOrder, nodeOf: (id: string) => number): EdgeOrder {
  const all = graphKeys.map((key, slot) => ({ key, block: -1, slot }));
  blocks.forEach((block, b) => {
    for (let i = 0; i < block.size; i++) all.push({ key: blockEdgeKey(block, i), block: b, slot: i });
  });
  all.sort((x, y) => compareStrings(x.key, y.key));
  blocks.forEach((block, b) => (order.blockTargets[b] = new Int32Array(block.size)));
  all.forEach(({ block, slot }, e) => {
    order.block[e] = block;
    order.slot[e] = slot;
    if (block >= 0) order.target[e] = order.blockTargets[block]![slot] = nodeOf(blocks[block]!.targetAt(slot));
  });
  return order;
}
