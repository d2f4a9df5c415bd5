/**
 * Best-path search from one entry: a layered dynamic program over hop count (exact under the
 * depth cap, unlike Dijkstra), maximizing the product of edge confidences with a per-hop decay.
 * Nodes that cannot reach any crown jewel within the remaining depth are never expanded.
 */
import type { CrownJewel, EntryRecord } from '../graph/index.js';
import type { Adjacency } from './adjacency.js';
import { impactOf } from './terminal.js';

const SYNTHETIC = new Set(['internet', 'anonymous', 'external-account', 'oidc-provider', 'saml-provider', 'service']);

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
}

/** May this out-edge of the entry node be the first hop for this entry? */
export function firstHopAllowed(space: SearchSpace, entry: EntryRecord, edge: number): boolean {
  const source = space.adj.nodeAttrs[space.adj.edgeSource[edge]!]!;
  return !SYNTHETIC.has(source.kind) || space.adj.edgeAttrs[edge]!.entryPoint === entry.entryPoint;
}

/** Best path from `entry` to every reachable (crown jewel, impact), keyed `node|access`. */
export function bestPaths(space: SearchSpace, entry: EntryRecord): Map<string, Hit> {
  const { adj, maxDepth, decay } = space;
  const start = adj.nodeIndex.get(entry.node);
  const hits = new Map<string, Hit>();
  if (start === undefined) return hits;
  const n = adj.nodeIds.length;
  const values: Float64Array[] = [new Float64Array(n)];
  const parents: Int32Array[] = [new Int32Array(n).fill(-1)];
  values[0]![start] = 1;
  let frontier = [start];
  for (let depth = 1; depth <= maxDepth && frontier.length; depth++) {
    const value = new Float64Array(n);
    const parent = new Int32Array(n).fill(-1);
    const next: number[] = [];
    for (const node of frontier) {
      for (let i = adj.outStart[node]!; i < adj.outStart[node + 1]!; i++) {
        const edge = adj.outEdges[i]!;
        if (depth === 1 && !firstHopAllowed(space, entry, edge)) continue;
        const target = adj.edgeTarget[edge]!;
        if (target === start || depth + space.toJewel[target]! > maxDepth) continue;
        const reached = values[depth - 1]![node]! * adj.edgeAttrs[edge]!.confidence * decay;
        const impact = impactOf(adj.edgeAttrs[edge]!, adj.nodeAttrs[target]!, space.jewels.get(adj.nodeIds[target]!));
        if (impact) {
          const key = `${adj.nodeIds[target]}|${impact.access}`;
          const current = hits.get(key);
          if (!current || reached > current.value) {
            hits.set(key, { jewel: target, access: impact.access, impact: impact.impact, impactConfidence: impact.confidence, edges: [...walkBack(adj, parents, depth - 1, node), edge], value: reached });
          }
        }
        if (reached > value[target]!) {
          if (parent[target] === -1) next.push(target);
          value[target] = reached;
          parent[target] = edge;
        }
      }
    }
    values.push(value);
    parents.push(parent);
    frontier = next.sort((a, b) => a - b);
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
