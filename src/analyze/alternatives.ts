/**
 * Counting the distinct simple paths from an entry to each (crown jewel, impact), up to the
 * depth cap. Enumeration is bounded twice: per target by the alternatives cap, and per entry
 * by an expansion budget; either cut is reported, never silent.
 */
import type { EntryRecord } from '../graph/index.js';
import { firstHopAllowed, type SearchSpace } from './search.js';
import { impactOf } from './terminal.js';

/** Expansions one entry's enumeration may make before it stops and reports a cap. */
export const EXPANSION_BUDGET = 200_000;

/** Path counts per `node|access`, and whether any count was cut. */
export interface PathCounts {
  counts: Map<string, number>;
  /** Keys whose count reached the cap or whose entry ran out of budget. */
  capped: Set<string>;
  /** True when the entry's enumeration stopped at the expansion budget. */
  outOfBudget: boolean;
}

/**
 * Counts simple paths from `entry`, each count capped at `cap`. `onPath` is scratch space of
 * one byte per node, all zero, left all zero on return (reused across entries).
 */
export function countPaths(space: SearchSpace, entry: EntryRecord, cap: number, onPath = new Uint8Array(space.adj.nodeIds.length)): PathCounts {
  const { adj, maxDepth } = space;
  const counts = new Map<string, number>();
  const capped = new Set<string>();
  const start = adj.nodeIndex.get(entry.node);
  if (start === undefined) return { counts, capped, outOfBudget: false };
  let expansions = 0;
  let outOfBudget = false;

  const visit = (node: number, depth: number): void => {
    onPath[node] = 1;
    for (let i = adj.outStart[node]!; i < adj.outStart[node + 1]! && !outOfBudget; i++) {
      const edge = adj.outEdges[i]!;
      if (depth === 0 && !firstHopAllowed(space, entry, edge)) continue;
      const target = adj.edgeTarget[edge]!;
      if (onPath[target] || depth + 1 + space.toJewel[target]! > maxDepth) continue;
      if (++expansions > EXPANSION_BUDGET) {
        outOfBudget = true;
        break;
      }
      const impact = impactOf(adj.edgeAttrs[edge]!, adj.nodeAttrs[target]!, space.jewels.get(adj.nodeIds[target]!));
      if (impact) {
        const key = `${adj.nodeIds[target]}|${impact.access}`;
        const count = (counts.get(key) ?? 0) + 1;
        counts.set(key, Math.min(count, cap));
        if (count >= cap) capped.add(key);
      }
      if (depth + 1 < maxDepth) visit(target, depth + 1);
    }
    onPath[node] = 0;
  };
  visit(start, 0);
  if (outOfBudget) for (const key of counts.keys()) capped.add(key);
  return { counts, capped, outOfBudget };
}
