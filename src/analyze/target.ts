/**
 * What per-target work needs to know about one (crown jewel, access): the edges that realize
 * that access on the jewel, and exact hop distances to it from every node within the depth cap
 * (one reverse BFS). A path counter pruned by these labels only extends partial paths that can
 * still end at this target in time, so its work follows the paths it finds, not the graph.
 */
import type { SearchSpace } from './space.js';

/** Label of a node that cannot reach the target within the depth cap. */
export const BEYOND = 255;

/** Hop labels toward one (crown jewel, access). */
export interface TargetLabels {
  /** Index of the (crown jewel, access) in SearchSpace.keys. */
  key: number;
  jewel: number;
  /**
   * Fewest hops from each node to the jewel, the last one realizing the access, never passing
   * through the jewel on the way; BEYOND past the depth cap, and for the jewel itself.
   */
  hops: Uint8Array;
  /** Edges into the jewel that realize the access. */
  terminal: Set<number>;
  /** Per node, how many of its out-edges are terminal (only nodes that have any). */
  terminalFrom: Map<number, number>;
}

/** Computes the labels of one target (an index into SearchSpace.keys) with a reverse BFS. */
export function targetLabels(space: SearchSpace, key: number): TargetLabels {
  const { adj, maxDepth } = space;
  const jewel = space.keys[key]!.jewel;
  const hops = new Uint8Array(adj.nodeIds.length).fill(BEYOND);
  const terminal = new Set<number>();
  const terminalFrom = new Map<number, number>();
  const queue: number[] = [];
  for (let i = adj.inStart[jewel]!; i < adj.inStart[jewel + 1]!; i++) {
    const edge = adj.inEdges[i]!;
    if (space.edgeKey[edge] !== key) continue;
    const source = adj.edgeSource[edge]!;
    terminal.add(edge);
    terminalFrom.set(source, (terminalFrom.get(source) ?? 0) + 1);
    if (source !== jewel && hops[source] === BEYOND) {
      hops[source] = 1;
      queue.push(source);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    const next = hops[node]! + 1;
    if (next > maxDepth) break;
    for (let i = adj.inStart[node]!; i < adj.inStart[node + 1]!; i++) {
      const source = adj.edgeSource[adj.inEdges[i]!]!;
      if (source !== jewel && hops[source] === BEYOND) {
        hops[source] = next;
        queue.push(source);
      }
    }
  }
  return { key, jewel, hops, terminal, terminalFrom };
}
