/**
 * A compact, read-only view of the attack graph for search: nodes and edges numbered once,
 * out-edges in typed arrays, sorted by edge key so every traversal is deterministic. The
 * graphology graph stays the model; hot loops run here.
 */
import { compareStrings } from '../core/hash.js';
import type { AttackGraph, EdgeAttrs, NodeAttrs } from '../graph/index.js';

/** Numbered nodes and edges with CSR out-adjacency. */
export interface Adjacency {
  nodeIds: string[];
  nodeIndex: Map<string, number>;
  nodeAttrs: NodeAttrs[];
  edgeKeys: string[];
  edgeAttrs: EdgeAttrs[];
  edgeSource: Int32Array;
  edgeTarget: Int32Array;
  /** Out-edges of node i are outEdges[outStart[i] .. outStart[i+1]). */
  outStart: Int32Array;
  outEdges: Int32Array;
  /** In-edges of node i are inEdges[inStart[i] .. inStart[i+1]), in key order. */
  inStart: Int32Array;
  inEdges: Int32Array;
}

/** CSR offsets and edge lists grouped by one end (`ends[e]`), each group in edge order. */
function groupEdges(nodes: number, ends: Int32Array): { start: Int32Array; edges: Int32Array } {
  const start = new Int32Array(nodes + 1);
  for (let e = 0; e < ends.length; e++) start[ends[e]! + 1]!++;
  for (let i = 0; i < nodes; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, nodes);
  const edges = new Int32Array(ends.length);
  for (let e = 0; e < ends.length; e++) edges[fill[ends[e]!]!++] = e;
  return { start, edges };
}

/** Builds the adjacency once per analysis. */
export function buildAdjacency(graph: AttackGraph): Adjacency {
  const nodeIds = graph.nodes().sort(compareStrings);
  const nodeIndex = new Map(nodeIds.map((id, i) => [id, i]));
  const edgeKeys = graph.edges().sort(compareStrings);
  const edgeSource = new Int32Array(edgeKeys.length);
  const edgeTarget = new Int32Array(edgeKeys.length);
  const edgeAttrs = edgeKeys.map((key, e) => {
    edgeSource[e] = nodeIndex.get(graph.source(key))!;
    edgeTarget[e] = nodeIndex.get(graph.target(key))!;
    return graph.getEdgeAttributes(key);
  });
  // Edges are grouped in key order, so each node's out- and in-edges stay sorted by key.
  const out = groupEdges(nodeIds.length, edgeSource);
  const into = groupEdges(nodeIds.length, edgeTarget);
  return {
    nodeIds,
    nodeIndex,
    nodeAttrs: nodeIds.map((id) => graph.getNodeAttributes(id)),
    edgeKeys,
    edgeAttrs,
    edgeSource,
    edgeTarget,
    outStart: out.start,
    outEdges: out.edges,
    inStart: into.start,
    inEdges: into.edges,
  };
}

/** Minimum hops from each node to any node in `targets` (Infinity-like 0x7fff when none). */
export function hopsToTargets(adj: Adjacency, targets: Iterable<number>): Int16Array {
  const unreachable = 0x7fff;
  const dist = new Int16Array(adj.nodeIds.length).fill(unreachable);
  const { inStart, inEdges } = adj;
  const queue: number[] = [];
  for (const t of targets) {
    if (dist[t] !== 0) {
      dist[t] = 0;
      queue.push(t);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (let i = inStart[node]!; i < inStart[node + 1]!; i++) {
      const source = adj.edgeSource[inEdges[i]!]!;
      if (dist[source] === unreachable) {
        dist[source] = dist[node]! + 1;
        queue.push(source);
      }
    }
  }
  return dist;
}
