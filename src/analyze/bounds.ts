/**
 * Upper bounds for the best-path search when many entries share few targets, as in one dense
 * account where thousands of users reach the same administrator: per impact key, the best value
 * of any walk from each node to it within r hops (a reverse layered pass, r = 0..maxDepth).
 * A forward search may then skip a node whose value times its bound cannot match any hit it
 * already holds; without them every entry of a dense account scans the whole graph.
 */
import { blockBounds, blockPlan, relaxLayerByRuns, type BlockBounds } from './block-bounds.js';
import type { SearchSpace } from './space.js';

/** Per impact key, rows[key][r * nodes + v]: best walk value from v to the key in at most r hops. */
export interface ValueBounds {
  nodes: number;
  rows: Float64Array[];
  /** Per impact key, via[key][r * nodes + v]: the first edge of such a best walk, or -1. */
  via: Int32Array[];
  /** The same bounds per edge block (when the adjacency has runs), for skipping a block's run at once. */
  blocks?: BlockBounds;
}

/** Most impact keys the bounds are computed for; beyond it each pruning test costs too much. */
export const MAX_BOUND_KEYS = 16;
/** Most cells (keys × (maxDepth + 1) × nodes) the bounds may hold: 256 MiB of doubles. */
const MAX_BOUND_CELLS = 32 * 2 ** 20;

/**
 * Bounds for `space`, or undefined when they would not pay: entries fewer than the passes they
 * cost, too many keys, or scores that do not fall with every hop (then a walk could beat a path).
 */
export function valueBounds(space: SearchSpace, entries: number): ValueBounds | undefined {
  const { adj, keys, edgeKey, maxDepth, decay } = space;
  const nodes = adj.nodeIds.length;
  const edges = adj.edgeCount;
  if (keys.length === 0 || keys.length > MAX_BOUND_KEYS || keys.length * (maxDepth + 1) * nodes > MAX_BOUND_CELLS) return undefined;
  // One forward search costs up to one pass over the edges per layer; the bounds cost one pass
  // per key and layer. Below that many entries they cannot save time.
  if (entries < 2 * keys.length * maxDepth) return undefined;
  if (!(decay > 0 && decay < 1)) return undefined;
  const step = new Float64Array(edges);
  for (let e = 0; e < edges; e++) {
    const confidence = adj.edgeConfidence[e]!;
    if (!(confidence >= 0 && confidence <= 1)) return undefined;
    step[e] = confidence * decay;
  }
  const via = keys.map(() => new Int32Array((maxDepth + 1) * nodes).fill(-1));
  // With edge blocks, a layer reads each block as one candidate per source (block-bounds.ts),
  // which needs every bound clearly below 1 (so an edge realizing the key beats its block's others).
  const plan = adj.runs && decay < 1 - 1e-9 ? blockPlan(space, step) : undefined;
  const rows = keys.map((_, key) => {
    const h = new Float64Array((maxDepth + 1) * nodes);
    const first = via[key]!;
    for (let r = 1; r <= maxDepth; r++) {
      const base = r * nodes;
      const prev = (r - 1) * nodes;
      h.copyWithin(base, prev, prev + nodes);
      first.copyWithin(base, prev, prev + nodes);
      if (plan) {
        relaxLayerByRuns(space, plan, step, key, h, first, prev, base);
        continue;
      }
      for (let e = 0; e < edges; e++) {
        const source = adj.edgeSource[e]!;
        // A terminal edge ends the walk; any other edge continues it (bounds may be loose, never low).
        const value = edgeKey[e] === key ? step[e]! : step[e]! * h[prev + adj.edgeTarget[e]!]!;
        if (value > h[base + source]!) {
          h[base + source] = value;
          first[base + source] = e;
        }
      }
    }
    return h;
  });
  const blocks = plan ? blockBounds(space, plan, nodes, rows) : undefined;
  return { nodes, rows, via, ...(blocks ? { blocks } : {}) };
}

/**
 * A value some valid path from `start` reaches on impact key `key`, found by following the
 * bounds' best walk, its first hop weighted by `firstHop` as the search weighs it: 0 when that
 * walk is not a path the search would take (it revisits a node, or `firstHop` gives its first
 * hop 0: another entry point's). Being the value of a real path, it is never above the best
 * hit, so the search may prune with it from the first layer on.
 */
export function walkedValue(space: SearchSpace, bounds: ValueBounds, key: number, start: number, firstHop: (edge: number) => number): number {
  const { adj, maxDepth, decay, edgeKey } = space;
  const via = bounds.via[key]!;
  const seen = new Set([start]);
  let node = start;
  let value = 1;
  for (let left = maxDepth; left > 0; left--) {
    const edge = via[left * bounds.nodes + node]!;
    // The first hop's weight (0: another entry point's hop) as the search applies it.
    const weight = left === maxDepth && edge >= 0 ? firstHop(edge) : 1;
    if (edge < 0 || weight <= 0) return 0;
    value = value * adj.edgeConfidence[edge]! * decay * weight;
    node = adj.edgeTarget[edge]!;
    if (seen.has(node)) return 0;
    if (edgeKey[edge] === key) return value;
    seen.add(node);
  }
  return 0;
}
