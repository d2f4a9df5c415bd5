/**
 * `blastpath path`: can this principal, workload or credential reach that node, and how? A
 * single-pair query weighted like the analysis's own search (each hop costs
 * -log(confidence × decay), so the cheapest path is the most certain one), answered with a
 * bidirectional Dijkstra over every edge in key order (dijkstra.ts), blocks' included;
 * alternatives by Yen's k-shortest simple paths.
 */
import type { EdgeSource } from '../graph/edge-view.js';
import type { NodeKind } from '../graph/index.js';
import { buildAdjacency, type Adjacency, type EdgeHead } from './adjacency.js';
import { bidirectionalPath } from './dijkstra.js';
import type { PathEdge, PathNode } from './finding.js';
import { hopOf } from './hop.js';

/** The answer's verdict: reachable without open conditions, only under conditions, or not at all. */
export const REACHABILITY = ['reachable', 'conditional', 'unreachable'] as const;
export type Reachability = (typeof REACHABILITY)[number];

/** One path of the answer. */
export interface QueryPath {
  nodes: PathNode[];
  edges: PathEdge[];
  /** Product of the hop confidences. */
  confidence: number;
  conditional: boolean;
}

/** The answer to `path <from> <to>`. */
export interface PathAnswer {
  from: string;
  to: string;
  reachability: Reachability;
  /** Best path first, then the alternatives, most certain first. */
  paths: QueryPath[];
  /** When the best path holds only under conditions: the best one that does not, if any. */
  unconditional?: QueryPath;
}

/** Large enough that no real path costs as much: marks an edge the search must not take. */
const BLOCKED = 1e9;

interface Route {
  nodes: number[];
  edges: number[];
  cost: number;
}

/** Single-pair search; `blocked` edges and nodes are never used. */
function cheapest(adj: Adjacency, from: number, to: number, weight: (attrs: EdgeHead) => number, blocked: { edges?: ReadonlySet<number>; nodes?: ReadonlySet<number> } = {}): Route | undefined {
  const cost = (edge: number) =>
    blocked.edges?.has(edge) || blocked.nodes?.has(adj.edgeTarget[edge]!) || blocked.nodes?.has(adj.edgeSource[edge]!) ? BLOCKED : weight(adj.edgeHead(edge));
  const nodes = bidirectionalPath(adj, from, to, cost);
  if (!nodes) return undefined;
  const edges: number[] = [];
  let total = 0;
  for (let i = 0; i + 1 < nodes.length; i++) {
    // Parallel hops join the same nodes: take the cheapest one the search may use (out-edges
    // are in key order, so the first of equal cost has the smallest key).
    let best = -1;
    let hop = Infinity;
    for (let k = adj.outStart[nodes[i]!]!; k < adj.outStart[nodes[i]! + 1]!; k++) {
      const e = adj.outEdges[k]!;
      if (adj.edgeTarget[e] !== nodes[i + 1]) continue;
      const c = cost(e);
      if (c < hop) [best, hop] = [e, c];
    }
    edges.push(best);
    total += hop;
  }
  return total >= BLOCKED ? undefined : { nodes, edges, cost: total };
}

/** Yen's k shortest simple paths over edges, from the best one. */
function kShortest(adj: Adjacency, from: number, to: number, weight: (attrs: EdgeHead) => number, k: number): Route[] {
  const best = cheapest(adj, from, to, weight);
  if (!best) return [];
  const found: Route[] = [best];
  const candidates: Route[] = [];
  const key = (r: Route) => r.edges.map((e) => adj.edgeKey(e)).join('\n');
  const prefix = (edges: number[]) => edges.join(',');
  const edgeCost = (e: number) => weight(adj.edgeHead(e));
  while (found.length < k) {
    const last = found[found.length - 1]!;
    for (let i = 0; i + 1 < last.nodes.length; i++) {
      const rootEdges = last.edges.slice(0, i);
      const blockedEdges = new Set(found.filter((p) => prefix(p.edges.slice(0, i)) === prefix(rootEdges)).flatMap((p) => (p.edges[i] !== undefined ? [p.edges[i]!] : [])));
      const spur = cheapest(adj, last.nodes[i]!, to, weight, { edges: blockedEdges, nodes: new Set(last.nodes.slice(0, i)) });
      if (!spur) continue;
      const route = { nodes: [...last.nodes.slice(0, i), ...spur.nodes], edges: [...rootEdges, ...spur.edges], cost: rootEdges.reduce((s, e) => s + edgeCost(e), 0) + spur.cost };
      if (!found.some((p) => key(p) === key(route)) && !candidates.some((p) => key(p) === key(route))) candidates.push(route);
    }
    if (candidates.length === 0) break;
    candidates.sort((a, b) => a.cost - b.cost || (key(a) < key(b) ? -1 : 1));
    found.push(candidates.shift()!);
  }
  return found;
}

function toPath(adj: Adjacency, route: Route): QueryPath {
  const nodes = route.nodes.map((index): PathNode => {
    const a = adj.nodeAttrs[index]!;
    return { id: adj.nodeIds[index]!, kind: a.kind as NodeKind, label: a.label, ...(a.accountId ? { accountId: a.accountId } : {}), ...(a.flags?.length ? { flags: a.flags } : {}) };
  });
  const edges = route.edges.map((e) => hopOf(adj.nodeIds[adj.edgeSource[e]!]!, adj.nodeIds[adj.edgeTarget[e]!]!, adj.edgeAttrs(e)));
  const confidence = Math.round(edges.reduce((p, e) => p * e.confidence, 1) * 1e6) / 1e6;
  return { nodes, edges, confidence, conditional: edges.some((e) => e.conditional) };
}

/** Answers `path <from> <to>` (node ids of the graph) with the best path and up to `alternatives` others. */
export function queryPath(built: EdgeSource, from: string, to: string, options: { decay: number; alternatives: number }): PathAnswer {
  const adj = buildAdjacency(built);
  const [source, target] = [adj.nodeIndex.get(from)!, adj.nodeIndex.get(to)!];
  const hop = -Math.log(options.decay);
  const weight = (a: EdgeHead) => -Math.log(a.confidence) + hop;
  const routes = kShortest(adj, source, target, weight, options.alternatives + 1);
  const paths = routes.map((r) => toPath(adj, r));
  if (paths.length === 0) return { from, to, reachability: 'unreachable', paths };
  const best = paths[0]!;
  if (!best.conditional) return { from, to, reachability: 'reachable', paths };
  // The most certain path may still need a condition while a less certain one does not.
  const plain = cheapest(adj, source, target, (a) => (a.conditional ? BLOCKED : weight(a)));
  const unconditional = plain && toPath(adj, plain);
  return { from, to, reachability: unconditional ? 'reachable' : 'conditional', paths, ...(unconditional ? { unconditional } : {}) };
}
