/**
 * Best-path search from one entry: a layered dynamic program over hop count (exact under the
 * depth cap, unlike Dijkstra), maximizing the product of edge confidences with a per-hop decay.
 * Two prunings keep it bounded without changing its answer: nodes that cannot reach any crown
 * jewel within the remaining depth are never expanded, and a node reached at some depth is not
 * expanded again at a greater depth unless the new partial path is strictly better (a dominated
 * partial path can only extend into paths an earlier, shorter one already extends into, at no
 * lower value). Per-layer arrays live in a workspace reused across entries.
 */
import type { CrownJewel, EntryRecord } from '../graph/index.js';
import type { Adjacency } from './adjacency.js';
import { isOutsider } from '../kinds.js';
import { impactOf } from './terminal.js';

/** The best path found to one (crown jewel, impact) from an entry. */
export interface Hit {
  jewel: number;
  access: string;
  impact: string;
  impactConfidence: number;
  edges: number[];
  value: number;
}

/** Shared, per-analysis inputs of the search. */
export interface SearchSpace {
  adj: Adjacency;
  jewels: Map<string, CrownJewel>;
  /** Hops from each node to the nearest crown jewel. */
  toJewel: Int16Array;
  maxDepth: number;
  decay: number;
  /**
   * The weight of a first hop's exposure class for an outsider's entry, so that the path chosen
   * is the one the score ranks highest when an outsider's first hops differ in class (an
   * outside account trusted with and without sts:ExternalId). 1 when absent.
   */
  firstHopWeight?: (entry: EntryRecord, edge: number) => number;
}

/**
 * Per-layer values and parents sized to the graph, allocated once per analysis. Each search
 * resets only the cells it touched, so an entry that reaches ten nodes costs ten resets, not n.
 */
export class SearchWorkspace {
  readonly values: Float64Array[];
  readonly parents: Int32Array[];
  /** Best value at each node over the layers searched so far: the dominance bound. */
  readonly best: Float64Array;
  private readonly touched: number[][];

  constructor(nodes: number, maxDepth: number) {
    this.values = Array.from({ length: maxDepth + 1 }, () => new Float64Array(nodes));
    this.parents = Array.from({ length: maxDepth + 1 }, () => new Int32Array(nodes).fill(-1));
    this.best = new Float64Array(nodes);
    this.touched = Array.from({ length: maxDepth + 1 }, () => []);
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
  }
}

/** May this out-edge of the entry node be the first hop for this entry? */
export function firstHopAllowed(space: SearchSpace, entry: EntryRecord, edge: number): boolean {
  const source = space.adj.nodeAttrs[space.adj.edgeSource[edge]!]!;
  if (entry.firstHop && space.adj.edgeAttrs[edge]!.kind !== entry.firstHop) return false;
  // An outsider node is the source of several entry points: only its own entry point's edges count.
  return !isOutsider(source.kind) || space.adj.edgeAttrs[edge]!.entryPoint === entry.entryPoint;
}

/** Best path from `entry` to every reachable (crown jewel, impact), keyed `node|access`. */
export function bestPaths(space: SearchSpace, entry: EntryRecord, work = new SearchWorkspace(space.adj.nodeIds.length, space.maxDepth)): Map<string, Hit> {
  const { adj, maxDepth, decay } = space;
  const start = adj.nodeIndex.get(entry.node);
  const hits = new Map<string, Hit>();
  if (start === undefined) return hits;
  const { values, parents, best } = work;
  values[0]![start] = 1;
  best[start] = 1;
  work.touch(0, start);
  let frontier = [start];
  for (let depth = 1; depth <= maxDepth && frontier.length; depth++) {
    const value = values[depth]!;
    const parent = parents[depth]!;
    const previous = values[depth - 1]!;
    const next: number[] = [];
    for (const node of frontier) {
      for (let i = adj.outStart[node]!; i < adj.outStart[node + 1]!; i++) {
        const edge = adj.outEdges[i]!;
        if (depth === 1 && !firstHopAllowed(space, entry, edge)) continue;
        const target = adj.edgeTarget[edge]!;
        if (target === start || depth + space.toJewel[target]! > maxDepth) continue;
        const weight = depth === 1 && space.firstHopWeight ? space.firstHopWeight(entry, edge) : 1;
        const reached = previous[node]! * adj.edgeAttrs[edge]!.confidence * decay * weight;
        const impact = impactOf(adj.edgeAttrs[edge]!, adj.nodeAttrs[target]!, space.jewels.get(adj.nodeIds[target]!));
        if (impact) {
          const key = `${adj.nodeIds[target]}|${impact.access}`;
          const current = hits.get(key);
          if (!current || reached > current.value) {
            hits.set(key, { jewel: target, access: impact.access, impact: impact.impact, impactConfidence: impact.confidence, edges: [...walkBack(adj, parents, depth - 1, node), edge], value: reached });
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
    // Dominance: expand a node again only when this layer reached it with a better value.
    frontier = next.filter((node) => value[node]! > best[node]!).sort((a, b) => a - b);
    for (const node of frontier) best[node] = value[node]!;
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
