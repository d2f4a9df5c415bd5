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
}

/** Builds the adjacency once per analysis. */
export function buildAdjacency(graph: AttackGraph): Adjacency {
  const nodeIds = graph.nodes().sort(compareStrings);
  const nodeIndex = new Map(nodeIds.map((id, i) => [id, i]));
  const edgeKeys = graph.edges().sort(compareStrings);
  const edgeSource = new Int32Array(edgeKeys.length);
  const edgeTarget = new Int32Array(edgeKeys.length);
  const degree = new Int32Array(nodeIds.length + 1);
  const edgeAttrs = edgeKeys.map((key, e) => {
    edgeSource[e] = nodeIndex.get(graph.source(key))!;
    edgeTarget[e] = nodeIndex.get(graph.target(key))!;
    degree[edgeSource[e]! + 1]!++;
    return graph.getEdgeAttributes(key);
  });
  const outStart = new Int32Array(nodeIds.length + 1);
  for (let i = 0; i < nodeIds.length; i++) outStart[i + 1] = outStart[i]! + degree[i + 1]!;
  const fill = outStart.slice(0, nodeIds.length);
  const outEdges = new Int32Array(edgeKeys.length);
  // Edges are visited in key order, so each node's out-edges stay sorted by key.
  for (let e = 0; e < edgeKeys.length; e++) outEdges[fill[edgeSource[e]!]!++] = e;
  return {
    nodeIds,
    nodeIndex,
    nodeAttrs: nodeIds.map((id) => graph.getNodeAttributes(id)),
    edgeKeys,
    edgeAttrs,
    edgeSource,
    edgeTarget,
    outStart,
    outEdges,
  };
}

/** Minimum hops from each node to any node in `targets` (Infinity-like 0x7fff when none). */
export function hopsToTargets(adj: Adjacency, targets: Iterable<number>): Int16Array {
  const unreachable = 0x7fff;
  const dist = new Int16Array(adj.nodeIds.length).fill(unreachable);
  const inStart = new Int32Array(adj.nodeIds.length + 1);
  for (let e = 0; e < adj.edgeKeys.length; e++) inStart[adj.edgeTarget[e]! + 1]!++;
  for (let i = 0; i < adj.nodeIds.length; i++) inStart[i + 1]! += inStart[i]!;
  const fill = inStart.slice(0, adj.nodeIds.length);
  const inEdges = new Int32Array(adj.edgeKeys.length);
  for (let e = 0; e < adj.edgeKeys.length; e++) inEdges[fill[adj.edgeTarget[e]!]!++] = e;
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
