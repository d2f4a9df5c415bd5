/**
 * Counting the distinct simple paths of each reported finding: from its entry to its crown
 * jewel, ending in an edge that realizes its access, within the depth cap. Counting runs per
 * finding, after ranking, pruned by the target's exact hop labels (./target.ts), so it extends
 * only partial paths that can still end at the target in time: its work follows the paths it
 * finds, not the size of the graph. Two bounds: the count stops at the alternatives cap, and
 * every count draws on an edge budget (per finding, and for the whole analysis); a count the
 * budget cuts is a lower bound, reported as capped, never silent.
 */
import type { EntryRecord } from '../graph/index.js';
import { firstHopAllowed } from './search.js';
import type { SearchSpace } from './space.js';
import { targetLabels, type TargetLabels } from './target.js';

/** Edges one finding's count may examine before it stops and reports a lower bound. */
export const FINDING_EDGE_BUDGET = 200_000;
/** Edges all counts of one analysis may examine together; later findings get none once spent. */
export const TOTAL_EDGE_BUDGET = 20_000_000;
/** Memory the per-target labels may hold at once. */
const LABEL_CACHE_BYTES = 64 * 2 ** 20;

/** One finding to count for: its entry and target (an index into SearchSpace.keys). */
export interface CountRequest {
  entry: EntryRecord;
  key: number;
}

/** The count of one finding. */
export interface PathCount {
  /** Distinct paths found, the best one included; at most the cap. */
  paths: number;
  /** True when the count reached the cap or the budget stopped it: more paths may exist. */
  capped: boolean;
  /** True when the budget (per finding or total) stopped it before the cap. */
  outOfBudget: boolean;
}

/** The edge budgets; tests pass small ones. */
export interface EdgeBudget {
  perFinding: number;
  total: number;
}

/**
 * Counts paths for each request, in the order given (callers pass report order, so the
 * highest-ranked findings are counted first when the total budget runs out).
 */
export function countAlternatives(space: SearchSpace, requests: readonly CountRequest[], cap: number, budget: EdgeBudget = { perFinding: FINDING_EDGE_BUDGET, total: TOTAL_EDGE_BUDGET }): PathCount[] {
  const onPath = new Uint8Array(space.adj.nodeIds.length);
  // Labels per target, computed on first use; an analysis reports few distinct targets, and the
  // cache is emptied before it would pass LABEL_CACHE_BYTES (one byte per node each).
  const labels = new Map<number, TargetLabels>();
  const most = Math.max(1, Math.floor(LABEL_CACHE_BYTES / Math.max(1, space.adj.nodeIds.length)));
  let left = budget.total;
  return requests.map((request) => {
    let target = labels.get(request.key);
    if (!target) {
      if (labels.size >= most) labels.clear();
      labels.set(request.key, (target = targetLabels(space, request.key)));
    }
    const limit = Math.min(budget.perFinding, left);
    const counted = countOne(space, request.entry, target, cap, limit, onPath);
    left -= counted.examined;
    return { paths: counted.paths, capped: counted.paths >= cap || counted.cut, outOfBudget: counted.cut };
  });
}

/** Depth-first enumeration from one entry toward one target; `onPath` is left all zero. */
function countOne(space: SearchSpace, entry: EntryRecord, target: TargetLabels, cap: number, limit: number, onPath: Uint8Array): { paths: number; examined: number; cut: boolean } {
  const { adj, maxDepth } = space;
  const { jewel, hops, terminal, terminalFrom } = target;
  const start = adj.nodeIndex.get(entry.node);
  let paths = 0;
  let examined = 0;
  let stop = false;
  let cut = false;
  if (start === undefined || hops[start]! > maxDepth) return { paths, examined, cut };

  const visit = (node: number, depth: number): void => {
    // One hop left: only this node's terminal edges can end a path, and they all do.
    if (depth === maxDepth - 1 && depth > 0) {
      paths += terminalFrom.get(node) ?? 0;
      if (paths >= cap) stop = true;
      return;
    }
    onPath[node] = 1;
    const left = maxDepth - depth - 1;
    for (let i = adj.outStart[node]!; i < adj.outStart[node + 1]!; i++) {
      if (++examined > limit) {
        cut = stop = true;
        break;
      }
      const edge = adj.outEdges[i]!;
      if (depth === 0 && !firstHopAllowed(space, entry, edge)) continue;
      const next = adj.edgeTarget[edge]!;
      if (next === jewel) {
        if (terminal.has(edge) && ++paths >= cap) stop = true;
      } else if (!onPath[next] && hops[next]! <= left) visit(next, depth + 1);
      if (stop) break;
    }
    onPath[node] = 0;
  };
  visit(start, 0);
  return { paths: Math.min(paths, cap), examined: Math.min(examined, limit), cut };
}
