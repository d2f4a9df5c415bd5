/**
 * `blastpath path`: can this principal, workload or credential reach that node, and how? A
 * single-pair query on the graphology model, weighted like the analysis's own search (each hop
 * costs -log(confidence × decay), so the cheapest path is the most certain one), answered with
 * graphology-shortest-path's bidirectional Dijkstra; alternatives by Yen's k-shortest simple
 * paths. The all-pairs search of `analyze` keeps its typed-array index; this is one question.
 */
import { bidirectional } from 'graphology-shortest-path/dijkstra.js';
import type { AttackGraph, EdgeAttrs, NodeKind } from '../graph/index.js';
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
  nodes: string[];
  edges: string[];
  cost: number;
}

/** Single-pair search on the graph; `blocked` edges and nodes are never used. */
function cheapest(graph: AttackGraph, from: string, to: string, weight: (attrs: EdgeAttrs) => number, blocked: { edges?: ReadonlySet<string>; nodes?: ReadonlySet<string> } = {}): Route | undefined {
  const cost = (edge: string, attrs: EdgeAttrs) =>
    blocked.edges?.has(edge) || blocked.nodes?.has(graph.target(edge)) || blocked.nodes?.has(graph.source(edge)) ? BLOCKED : weight(attrs);
  const nodes = bidirectional(graph, from, to, cost);
  if (!nodes) return undefined;
  const edges: string[] = [];
  let total = 0;
  for (let i = 0; i + 1 < nodes.length; i++) {
    // Parallel hops join the same nodes: take the cheapest one the search may use.
    const options = graph.outEdges(nodes[i]!, nodes[i + 1]!).map((e) => [e, cost(e, graph.getEdgeAttributes(e))] as const);
    const [edge, hop] = options.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))[0]!;
    edges.push(edge);
    total += hop;
  }
  return total >= BLOCKED ? undefined : { nodes, edges, cost: total };
}

/** Yen's k shortest simple paths over edges, from the best one. */
function kShortest(graph: AttackGraph, from: string, to: string, weight: (attrs: EdgeAttrs) => number, k: number): Route[] {
  const best = cheapest(graph, from, to, weight);
  if (!best) return [];
  const found: Route[] = [best];
  const candidates: Route[] = [];
  const key = (r: Route) => r.edges.join('\n');
  const edgeCost = (e: string) => weight(graph.getEdgeAttributes(e));
  while (found.length < k) {
    const last = found[found.length - 1]!;
    for (let i = 0; i + 1 < last.nodes.length; i++) {
      const rootEdges = last.edges.slice(0, i);
      const blockedEdges = new Set(found.filter((p) => p.edges.slice(0, i).join('\n') === rootEdges.join('\n')).flatMap((p) => (p.edges[i] ? [p.edges[i]!] : [])));
      const spur = cheapest(graph, last.nodes[i]!, to, weight, { edges: blockedEdges, nodes: new Set(last.nodes.slice(0, i)) });
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

function toPath(graph: AttackGraph, route: Route): QueryPath {
  const nodes = route.nodes.map((id): PathNode => {
    const a = graph.getNodeAttributes(id);
    return { id, kind: a.kind as NodeKind, label: a.label, ...(a.accountId ? { accountId: a.accountId } : {}), ...(a.flags?.length ? { flags: a.flags } : {}) };
  });
  const edges = route.edges.map((e) => hopOf(graph.source(e), graph.target(e), graph.getEdgeAttributes(e)));
  const confidence = Math.round(edges.reduce((p, e) => p * e.confidence, 1) * 1e6) / 1e6;
  return { nodes, edges, confidence, conditional: edges.some((e) => e.conditional) };
}

/** Answers `path <from> <to>` with the best path and up to `alternatives` others. */
export function queryPath(graph: AttackGraph, from: string, to: string, options: { decay: number; alternatives: number }): PathAnswer {
  const hop = -Math.log(options.decay);
  const weight = (a: EdgeAttrs) => -Math.log(a.confidence) + hop;
  const routes = kShortest(graph, from, to, weight, options.alternatives + 1);
  const paths = routes.map((r) => toPath(graph, r));
  if (paths.length === 0) return { from, to, reachability: 'unreachable', paths };
  const best = paths[0]!;
  if (!best.conditional) return { from, to, reachability: 'reachable', paths };
  // The most certain path may still need a condition while a less certain one does not.
  const plain = cheapest(graph, from, to, (a) => (a.conditional ? BLOCKED : weight(a)));
  const unconditional = plain && toPath(graph, plain);
  return { from, to, reachability: unconditional ? 'reachable' : 'conditional', paths, ...(unconditional ? { unconditional } : {}) };
}
