/**
 * Blast radius of a pivot principal: how many distinct (crown jewel, impact) pairs it reaches
 * within the depth cap. Cached per pivot, since many findings share their first principal.
 */
import type { SearchSpace } from './search.js';
import { impactOf } from './terminal.js';

/** Returns a function counting the crown jewels a node reaches, memoized. */
export function blastRadiusCounter(space: SearchSpace): (node: number) => number {
  const cache = new Map<number, number>();
  const { adj, maxDepth } = space;
  return (pivot) => {
    const known = cache.get(pivot);
    if (known !== undefined) return known;
    const reached = new Set<string>();
    const depthOf = new Map<number, number>([[pivot, 0]]);
    const queue = [pivot];
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      const depth = depthOf.get(node)!;
      for (let i = adj.outStart[node]!; i < adj.outStart[node + 1]!; i++) {
        const edge = adj.outEdges[i]!;
        const target = adj.edgeTarget[edge]!;
        const impact = impactOf(adj.edgeAttrs[edge]!, adj.nodeAttrs[target]!, space.jewels.get(adj.nodeIds[target]!));
        if (impact) reached.add(`${target}|${impact.access}`);
        if (!depthOf.has(target) && depth + 1 < maxDepth) {
          depthOf.set(target, depth + 1);
          queue.push(target);
        }
      }
    }
    cache.set(pivot, reached.size);
    return reached.size;
  };
}
