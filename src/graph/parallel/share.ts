/**
 * One thread's share of the technique step, and the merge of every thread's share into what one
 * thread would have returned (edges, blocks and places). Threads claim rule groups
 * (partition.ts) from a shared counter as they finish the previous one, so a thread that started
 * late or drew cheap rules takes more; each group's rules are drawn in rule order by one
 * TechniqueRun, whose caches (gate callers, decisions per caller) serve every group that thread
 * draws.
 */
import type { RuleSet } from '../../rules/index.js';
import { edgeKey, EdgeSet, type FoundEdge, type ProvenanceKeys } from '../edges.js';
import type { Facts } from '../facts/index.js';
import { blockFromData, type BlockData, type MadeBlock } from '../made-blocks.js';
import { techniqueEdges, type TechniqueEdges, type TechniqueScope } from '../techniques/index.js';

/** What one thread drew: its pair edges in the order first drawn, its blocks as plain data, and what each rule added. */
export interface ThreadShare {
  entries: Array<[string, FoundEdge]>;
  /** The blocks' data in the order formed (blockFromData rebuilds them), and each block edge's place in this thread's step. */
  blocks: BlockData[];
  positions: number[][];
  /** [rule index, pair edges the rule added, places it took (pairs and block edges)] in the order the thread drew the rules. */
  drawn: Array<[number, number, number]>;
}

/** The hand-out of rule groups: the groups and the index of the next one to claim, shared by every thread. */
export interface Handout {
  groups: readonly (readonly number[])[];
  /** An Int32Array over a SharedArrayBuffer; element 0 is the next group to claim. */
  next: Int32Array;
}

/** The indices of the rules this thread claims, group by group, until none are left. */
function* claimed(handout: Handout): Generator<number> {
  for (;;) {
    const group = handout.groups[Atomics.add(handout.next, 0, 1)];
    if (!group) return;
    yield* group;
  }
}

/** Draws the rule groups this thread claims; `blocks: false` draws every edge pair by pair (as the build's option). */
export function drawShare(facts: Facts, rules: RuleSet, scope: TechniqueScope, keys: ProvenanceKeys, handout: Handout, blocks = true): ThreadShare {
  const drawn: Array<[number, number, number]> = [];
  let size = 0;
  let places = 0;
  const step = techniqueEdges(facts, rules, scope, keys, {
    blocks,
    schedule: {
      rules: claimed(handout),
      drawn(index, set) {
        drawn.push([index, set.size - size, set.places - places]);
        size = set.size;
        places = set.places;
      },
    },
  });
  return { entries: [...step.edges], blocks: step.blocks.map((block) => block.data), positions: step.positions, drawn };
}

/** One rule's part of a share: its pair edges and its blocks, and the places they took on their thread. */
interface RuleSlice {
  share: ThreadShare;
  /** First pair edge in share.entries, first place, first block in share.blocks. */
  entry: number;
  pairs: number;
  place: number;
  places: number;
  block: number;
  blocks: number;
}

/** Per rule index, its slice of the share that drew it. */
function slicesOf(shares: readonly ThreadShare[]): Map<number, RuleSlice> {
  const slices = new Map<number, RuleSlice>();
  for (const share of shares) {
    let entry = 0;
    let place = 0;
    let block = 0;
    for (const [index, pairs, places] of share.drawn) {
      // A block's edges take places in the rule that formed it, its first one first (block-forming.ts).
      let end = block;
      while (end < share.blocks.length && share.positions[end]![0]! < place + places) end++;
      slices.set(index, { share, entry, pairs, place, places, block, blocks: end - block });
      entry += pairs;
      place += places;
      block = end;
    }
  }
  return slices;
}

/**
 * What one thread drawing every rule in order returns: rule by rule, each rule's pair edges and
 * block edges at the places they took on their thread, shifted to follow the earlier rules'. A
 * key is first drawn by one rule, and rules that can share a key were drawn by one thread in
 * rule order, so each edge arrives complete; the same key from two threads (a pair edge or a
 * block's edge) means the partition is wrong, and is an error rather than a silently different
 * graph.
 */
export function mergeShares(shares: readonly ThreadShare[], groups: readonly (readonly number[])[], keys: ProvenanceKeys): TechniqueEdges {
  const slices = slicesOf(shares);
  const expected = groups.reduce((n, group) => n + group.length, 0);
  if (slices.size !== expected) throw new Error(`technique threads drew ${slices.size} of ${expected} rules`);
  const merged = new EdgeSet(keys);
  const blocks: MadeBlock[] = [];
  const positions: number[][] = [];
  const blockKeys = new Set<string>();
  const twice = (key: string) => new Error(`technique threads: edge ${key} drawn on two threads`);
  for (const index of [...slices.keys()].sort((a, b) => a - b)) {
    const { share, entry, pairs, place, places, block, blocks: count } = slices.get(index)!;
    // Which of this rule's places hold a block edge: block (plus one) and edge within it.
    const blockAt = new Int32Array(places);
    const edgeAt = new Int32Array(places);
    for (let b = block; b < block + count; b++) {
      const made = blockFromData(share.blocks[b]!);
      for (let i = 0; i < made.size; i++) {
        const key = edgeKey(made.from, made.targetAt(i), made.shared);
        if (blockKeys.has(key) || merged.get(key)) throw twice(key);
        blockKeys.add(key);
      }
      share.positions[b]!.forEach((at, i) => ((blockAt[at - place] = blocks.length + 1), (edgeAt[at - place] = i)));
      blocks.push(made);
      positions.push(new Array<number>(made.size));
    }
    let next = entry;
    for (let at = 0; at < places; at++) {
      if (blockAt[at]) {
        positions[blockAt[at]! - 1]![edgeAt[at]!] = merged.reserve();
        continue;
      }
      const [key, edge] = share.entries[next++]!;
      if (blockKeys.has(key) || !merged.adopt(key, edge)) throw twice(key);
    }
    if (next !== entry + pairs) throw new Error(`technique threads: rule ${index} sent ${pairs} edges and ${places - pairs} places in blocks that do not add up`);
  }
  return { edges: merged, blocks, positions };
}
