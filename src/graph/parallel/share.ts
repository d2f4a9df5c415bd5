/**
 * One thread's share of the technique step, and the merge of every thread's share into the
 * EdgeSet one thread would have drawn. Threads claim rule groups (partition.ts) from a shared
 * counter as they finish the previous one, so a thread that started late or drew cheap rules
 * takes more; each group's rules are drawn in rule order by one TechniqueRun, whose caches
 * (gate callers, decisions per caller) serve every group that thread draws.
 */
import type { RuleSet } from '../../rules/index.js';
import { EdgeSet, type FoundEdge, type ProvenanceKeys } from '../edges.js';
import type { Facts } from '../facts/index.js';
import { techniqueEdges, type TechniqueScope } from '../techniques/index.js';

/** What one thread drew: its edges in the order first drawn, and per rule how many of them it added. */
export interface ThreadShare {
  entries: Array<[string, FoundEdge]>;
  /** [rule index, edges the rule added] in the order the thread drew the rules. */
  drawn: Array<[number, number]>;
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

/** Draws the rule groups this thread claims. */
export function drawShare(facts: Facts, rules: RuleSet, scope: TechniqueScope, keys: ProvenanceKeys, handout: Handout): ThreadShare {
  const drawn: Array<[number, number]> = [];
  let size = 0;
  const edges = techniqueEdges(facts, rules, scope, keys, {
    rules: claimed(handout),
    drawn(index, set) {
      drawn.push([index, set.size - size]);
      size = set.size;
    },
  });
  return { entries: [...edges], drawn };
}

/**
 * The technique EdgeSet of one thread drawing every rule in order: each rule's new edges, rule
 * by rule. A key is first drawn by one rule, and rules that can share a key were drawn by one
 * thread in rule order, so each edge arrives complete; the same key from two threads means the
 * partition is wrong, and is an error rather than a silently different graph.
 */
export function mergeShares(shares: readonly ThreadShare[], groups: readonly (readonly number[])[], keys: ProvenanceKeys): EdgeSet {
  const slices = new Map<number, { entries: Array<[string, FoundEdge]>; start: number; count: number }>();
  for (const share of shares) {
    let start = 0;
    for (const [index, count] of share.drawn) {
      slices.set(index, { entries: share.entries, start, count });
      start += count;
    }
  }
  const expected = groups.reduce((n, group) => n + group.length, 0);
  if (slices.size !== expected) throw new Error(`technique threads drew ${slices.size} of ${expected} rules`);
  const merged = new EdgeSet(keys);
  for (const index of [...slices.keys()].sort((a, b) => a - b)) {
    const { entries, start, count } = slices.get(index)!;
    for (let i = start; i < start + count; i++) {
      const [key, edge] = entries[i]!;
      if (!merged.adopt(key, edge)) throw new Error(`technique threads: edge ${key} drawn on two threads`);
    }
  }
  return merged;
}
