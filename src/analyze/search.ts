/**
 * Best-path search from one entry: a layered dynamic program over hop count (exact under the
 * depth cap, unlike Dijkstra), maximizing the product of edge confidences with a per-hop decay.
 * Two prunings keep it bounded without changing its answer: nodes that cannot reach any crown
 * jewel within the remaining depth are never expanded, and a node reached at some depth is not
 * expanded again at a greater depth unless the new partial path is strictly better (a dominated
 * partial path can only extend into paths an earlier, shorter one already extends into, at no
 * lower value). Per-layer arrays live in a workspace reused across entries.
 */
import type { EntryRecord } from '../graph/index.js';
import type { Adjacency } from './adjacency.js';
import { isOutsider } from '../kinds.js';
import { walkedValue, type ValueBounds } from './bounds.js';
import type { SearchSpace } from './space.js';

export type { SearchSpace } from './space.js';

/** The best path found to one (crown jewel, impact) from an entry. */
export interface Hit {
  /** Index of the (crown jewel, access) in SearchSpace.keys. */
  key: number;
  jewel: number;
  access: string;
  impact: string;
  impactConfidence: number;
  edges: number[];
  value: number;
}

/** Relative slack of the bound test: pruning is never decided by a rounding difference. */
const BOUND_SLACK = 1e-9;

/**
 * Per-layer values and parents sized to the graph, allocated once per analysis. Each search
 * resets only the cells it touched, so an entry that reaches ten nodes costs ten resets, not n.
 */
export class SearchWorkspace {
  readonly values: Float64Array[];
  readonly parents: Int32Array[];
  /** Best value at each node over the layers searched so far: the dominance bound. */
  readonly best: Float64Array;
  /** Best hit value so far per impact key (index into SearchSpace.keys), for bound pruning. */
  readonly incumbent: Float64Array;
  private readonly touched: number[][];
  private readonly keysHit: number[] = [];

  constructor(nodes: number, maxDepth: number, keys = 0) {
    this.values = Array.from({ length: maxDepth + 1 }, () => new Float64Array(nodes));
    this.parents = Array.from({ length: maxDepth + 1 }, () => new Int32Array(nodes).fill(-1));
    this.best = new Float64Array(nodes);
    this.incumbent = new Float64Array(keys);
    this.touched = Array.from({ length: maxDepth + 1 }, () => []);
  }

  /** Records a value some path reaches on impact key `key`, if better than the one known. */
  raise(key: number, value: number): void {
    if (key >= this.incumbent.length || !(value > this.incumbent[key]!)) return;
    if (this.incumbent[key] === 0) this.keysHit.push(key);
    this.incumbent[key] = value;
  }

  /** Records `node` as written in layer `depth` (once per layer). */
  touch(depth: number, node: number): void {
    this.touched[depth]!.push(node);
  }

  /** Clears every cell written since the last reset. */
  reset(): void {
    this.touched.forEach((nodes, depth) => {
      const values = this.values[depth]!;
      const parents = this.parents[depth]!;
      for (const node of nodes) {
        values[node] = 0;
        parents[node] = -1;
        this.best[node] = 0;
      }
      nodes.length = 0;
    });
    for (const key of this.keysHit) this.incumbent[key] = 0;
    this.keysHit.length = 0;
  }
}

/** May this out-edge of the entry node be the first hop for this entry? */
export function firstHopAllowed(space: SearchSpace, entry: EntryRecord, edge: number): boolean {
  const attrs = space.adj.edgeHead(edge);
  // An entry that yields one thing (the key in a workload's configuration) starts with that hop.
  if (entry.firstHop !== undefined && attrs.kind !== entry.firstHop) return false;
  if (entry.firstHopTo !== undefined && space.adj.nodeIds[space.adj.edgeTarget[edge]!] !== entry.firstHopTo) return false;
  const source = space.adj.nodeAttrs[space.adj.edgeSource[edge]!]!;
  // An outsider node is the source of several entry points: only its own entry point's edges count.
  return !isOutsider(source.kind) || attrs.entryPoint === entry.entryPoint;
}

/**
 * True when a path through `node`, reached with `value` and `left` hops to go, could still
 * match or beat the best hit found so far for some impact key it can reach. Pruning the rest
 * changes no hit: a node on a path as good as a final hit always passes (docs/performance.md).
 */
function worthExpanding(bounds: ValueBounds, work: SearchWorkspace, node: number, value: number, left: number): boolean {
  const cell = left * bounds.nodes + node;
  for (let key = 0; key < bounds.rows.length; key++) {
    const bound = bounds.rows[key]![cell]!;
    if (bound > 0 && value * bound >= work.incumbent[key]! * (1 - BOUND_SLACK)) return true;
  }
  return false;
}

/**
 * True unless every edge of `block`'s run, reaching its target with `reached` and `left` hops to
 * go, would only make a cell that worthExpanding rejects when its layer is expanded: the block's
 * bound is the highest of its targets', and the incumbents only grow. Such cells change no hit
 * (a rejected cell is never expanded, and a cell as good as an expanded one is never rejected),
 * so the run is skipped. A run whose block realizes an impact key itself is always relaxed.
 */
function worthRun(bounds: ValueBounds, work: SearchWorkspace, block: number, reached: number, left: number): boolean {
  const { count, rows, ends } = bounds.blocks!;
  if (ends[block] === 1) return true;
  const cell = left * count + block;
  for (let key = 0; key < rows.length; key++) {
    const bound = rows[key]![cell]!;
    if (bound > 0 && reached * bound >= work.incumbent[key]! * (1 - BOUND_SLACK)) return true;
  }
  return false;
}

/**
 * Best path from `entry` to every reachable (crown jewel, impact), keyed `node|access`. With
 * `bounds`, nodes that cannot match any hit found so far are not expanded; the hits are the same.
 */
export function bestPaths(space: SearchSpace, entry: EntryRecord, work = new SearchWorkspace(space.adj.nodeIds.length, space.maxDepth, space.keys.length), bounds?: ValueBounds): Map<string, Hit> {
  const { adj, maxDepth, decay, keys, edgeKey } = space;
  const start = adj.nodeIndex.get(entry.node);
  const hits = new Map<string, Hit>();
  if (start === undefined) return hits;
  const { values, parents, best } = work;
  // Seed the pruning with values real paths reach, so it bites from the first layer on.
  if (bounds) {
    for (let key = 0; key < bounds.rows.length; key++) {
      if (bounds.rows[key]![maxDepth * bounds.nodes + start]! > 0) work.raise(key, walkedValue(space, bounds, key, start, (edge) => (firstHopAllowed(space, entry, edge) ? (space.firstHopWeight?.(entry, edge) ?? 1) : 0)));
    }
  }
  values[0]![start] = 1;
  best[start] = 1;
  work.touch(0, start);
  // The hot loop reads typed arrays held in locals: it relaxes every out-edge of every node it expands.
  const { outStart, outEdges, edgeTarget, edgeConfidence } = adj;
  const { toJewel } = space;
  // firstHopAllowed says yes to every first hop of an entry with no first-hop rule whose node is
  // not an outsider (the first layer's only node is the entry's): then it is not asked per edge.
  const firstHopRule = entry.firstHop !== undefined || entry.firstHopTo !== undefined || isOutsider(adj.nodeAttrs[start]!.kind);
  let frontier = [start];
  // With block runs and their bounds, a block's run whose every target would be pruned when
  // expanded is skipped whole (see worthRun); the first layer, whose hops carry per-edge
  // weights, relaxes edge by edge.
  const runs = bounds?.blocks && adj.runs;
  for (let depth = 1; depth <= maxDepth && frontier.length; depth++) {
    const value = values[depth]!;
    const parent = parents[depth]!;
    const previous = values[depth - 1]!;
    const next: number[] = [];
    // A target farther than this from every crown jewel cannot end a path within the cap.
    const hopsLeft = maxDepth - depth;
    const skipping = runs && depth > 1 ? runs : undefined;
    for (let f = 0; f < frontier.length; f++) {
      const node = frontier[f]!;
      if (bounds && !worthExpanding(bounds, work, node, previous[node]!, maxDepth - depth + 1)) continue;
      const end = outStart[node + 1]!;
      let i = outStart[node]!;
      let run = skipping ? skipping.start[node]! : 0;
      while (i < end) {
        let stop = end;
        if (skipping) {
          stop = skipping.end[run]!;
          const block = skipping.block[run++]!;
          if (block >= 0 && !worthRun(bounds!, work, block, previous[node]! * edgeConfidence[outEdges[i]!]! * decay, hopsLeft)) {
            i = stop;
            continue;
          }
        }
        for (; i < stop; i++) {
          const edge = outEdges[i]!;
          if (depth === 1 && firstHopRule && !firstHopAllowed(space, entry, edge)) continue;
          const target = edgeTarget[edge]!;
          if (target === start || toJewel[target]! > hopsLeft) continue;
          const weight = depth === 1 && space.firstHopWeight ? space.firstHopWeight(entry, edge) : 1;
          const reached = previous[node]! * edgeConfidence[edge]! * decay * weight;
          const k = edgeKey[edge]!;
          if (k >= 0) {
            const key = keys[k]!;
            const current = hits.get(key.name);
            if (!current || reached > current.value) {
              hits.set(key.name, { key: k, jewel: target, access: key.access, impact: key.impact, impactConfidence: key.confidence, edges: [...walkBack(adj, parents, depth - 1, node), edge], value: reached });
              work.raise(k, reached);
            }
          }
          if (reached > value[target]!) {
            if (parent[target] === -1) {
              next.push(target);
              work.touch(depth, target);
            }
            value[target] = reached;
            parent[target] = edge;
          }
        }
      }
    }
    // Dominance: expand a node again only when this layer reached it with a better value.
    frontier = next.filter((node) => value[node]! > best[node]!).sort((a, b) => a - b);
    for (let f = 0; f < frontier.length; f++) best[frontier[f]!] = value[frontier[f]!]!;
  }
  return hits;
}

/** Edges of the best walk reaching `node` in exactly `depth` hops, in path order. */
function walkBack(adj: Adjacency, parents: Int32Array[], depth: number, node: number): number[] {
  const edges: number[] = [];
  for (let d = depth, at = node; d > 0; d--) {
    const edge = parents[d]![at]!;
    edges.push(edge);
    at = adj.edgeSource[edge]!;
  }
  return edges.reverse();
}
