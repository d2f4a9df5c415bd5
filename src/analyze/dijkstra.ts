/**
 * Single-pair bidirectional Dijkstra over the adjacency (every edge, blocks' included), for
 * `blastpath path`. The same steps as graphology-shortest-path's `bidirectional` (alternate
 * directions, settle, relax, keep the best meeting point), over edges in key order rather than
 * in graphology's insertion order: the answer does not depend on how an edge is stored.
 */
import { BinaryHeap } from '../core/heap.js';
import type { Adjacency } from './adjacency.js';

/** Fringe items are (cost, sequence, node): the sequence makes equal costs pop first in, first out. */
function before(a: [number, number, number], b: [number, number, number]): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

/** The nodes of a cheapest path from `source` to `target` by `weight(edge)`, or undefined. */
export function bidirectionalPath(adj: Adjacency, source: number, target: number, weight: (edge: number) => number): number[] | undefined {
  if (source === target) return [source];
  const distances = [new Map<number, number>(), new Map<number, number>()];
  const seen = [new Map<number, number>([[source, 0]]), new Map<number, number>([[target, 0]])];
  const paths = [new Map<number, number[]>([[source, [source]]]), new Map<number, number[]>([[target, [target]]])];
  const fringe = [new BinaryHeap(before), new BinaryHeap(before)];
  let count = 0;
  fringe[0]!.push([0, count++, source]);
  fringe[1]!.push([0, count++, target]);
  let finalPath: number[] = [];
  let finalDistance = Infinity;
  let dir = 1;
  while (fringe[0]!.size && fringe[1]!.size) {
    dir = 1 - dir;
    const [d, v] = popped(fringe[dir]!.pop()!);
    if (distances[dir]!.has(v)) continue;
    distances[dir]!.set(v, d);
    if (distances[1 - dir]!.has(v)) return finalPath;
    // Forward: out-edges to their targets; backward: in-edges to their sources.
    const [start, list, ends] = dir === 0 ? [adj.outStart, adj.outEdges, adj.edgeTarget] : [adj.inStart, adj.inEdges, adj.edgeSource];
    for (let i = start[v]!; i < start[v + 1]!; i++) {
      const edge = list[i]!;
      const u = ends[edge]!;
      const cost = d + weight(edge);
      const known = seen[dir]!.get(u);
      if (known !== undefined && !(cost < known)) continue;
      seen[dir]!.set(u, cost);
      fringe[dir]!.push([cost, count++, u]);
      paths[dir]!.set(u, [...paths[dir]!.get(v)!, u]);
      const there = seen[1 - dir]!.get(u);
      if (there === undefined) continue;
      const total = seen[dir]!.get(u)! + there;
      if (finalPath.length === 0 || finalDistance > total) {
        finalDistance = total;
        const forward = paths[0]!.get(u)!;
        const backward = paths[1]!.get(u)!;
        finalPath = [...forward, ...backward.slice(0, -1).reverse()];
      }
    }
  }
  return undefined;
}

function popped(item: [number, number, number]): [number, number] {
  return [item[0], item[2]];
}
