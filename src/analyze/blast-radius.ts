/**
 * Blast radius of a pivot principal: how many distinct (crown jewel, impact) pairs it reaches
 * within the depth cap, where reaching an account's admin counts every jewel of that account.
 * Cached per pivot, since many findings share their first principal.
 */
import type { SearchSpace } from './search.js';
import { impactOf } from './terminal.js';

/** Returns a function counting the crown jewels a node reaches, memoized. */
export function blastRadiusCounter(space: SearchSpace): (node: number) => number {
  const cache = new Map<number, number>();
  const { adj, maxDepth } = space;
  // Reaching an account's admin node reaches every crown jewel of that account.
  const byAccount = new Map<string, string[]>();
  for (const jewel of space.jewels.values()) {
    const index = adj.nodeIndex.get(jewel.node);
    const accountId = index === undefined ? undefined : adj.nodeAttrs[index]!.accountId;
    if (index === undefined || !accountId) continue;
    const keys = byAccount.get(accountId) ?? [];
    for (const access of jewel.impacts.keys()) keys.push(`${index}|${access}`);
    byAccount.set(accountId, keys);
  }
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
        const attrs = adj.nodeAttrs[target]!;
        if (attrs.kind === 'account-admin' && attrs.accountId) byAccount.get(attrs.accountId)?.forEach((key) => reached.add(key));
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
