/**
 * Blast radius of a pivot principal: the distinct (crown jewel, impact) pairs it reaches within
 * the depth cap, where reaching an account's admin counts every jewel of that account. Counted
 * and weighted: each pair weighs its impact class's weight / 100 times the sensitivity rule's
 * confidence, so a principal that reaches one training set and one account takeover outranks
 * one that reaches three name-only buckets. Cached per pivot, since many findings share their
 * first principal.
 */
import type { SearchSpace } from './search.js';
import { impactOf } from './terminal.js';

/** What one pivot reaches: how many (jewel, impact) pairs, and their summed weight. */
export interface Radius {
  count: number;
  weighted: number;
}

/** The weight of one reached pair: class weight / 100 × rule confidence. */
export type PairWeight = (impact: { impact: string; confidence: number }) => number;

/** Returns a function measuring the crown jewels a node reaches, memoized. */
export function blastRadiusCounter(space: SearchSpace, weightOf: PairWeight): (node: number) => Radius {
  const cache = new Map<number, Radius>();
  const { adj, maxDepth } = space;
  // Reaching an account's admin node reaches every crown jewel of that account.
  const byAccount = new Map<string, Array<[string, number]>>();
  const pairWeight = new Map<string, number>();
  for (const jewel of space.jewels.values()) {
    const index = adj.nodeIndex.get(jewel.node);
    if (index === undefined) continue;
    const accountId = adj.nodeAttrs[index]!.accountId;
    const keys = accountId ? (byAccount.get(accountId) ?? []) : [];
    for (const [access, impact] of jewel.impacts) {
      const key = `${index}|${access}`;
      pairWeight.set(key, weightOf(impact));
      keys.push([key, weightOf(impact)]);
    }
    if (accountId) byAccount.set(accountId, keys);
  }
  return (pivot) => {
    const known = cache.get(pivot);
    if (known !== undefined) return known;
    const reached = new Map<string, number>();
    const depthOf = new Map<number, number>([[pivot, 0]]);
    const queue = [pivot];
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      const depth = depthOf.get(node)!;
      for (let i = adj.outStart[node]!; i < adj.outStart[node + 1]!; i++) {
        const edge = adj.outEdges[i]!;
        const target = adj.edgeTarget[edge]!;
        const impact = impactOf(adj.edgeAttrs[edge]!, adj.nodeAttrs[target]!, space.jewels.get(adj.nodeIds[target]!));
        if (impact) reached.set(`${target}|${impact.access}`, pairWeight.get(`${target}|${impact.access}`) ?? weightOf(impact));
        const attrs = adj.nodeAttrs[target]!;
        if (attrs.kind === 'account-admin' && attrs.accountId) byAccount.get(attrs.accountId)?.forEach(([key, weight]) => reached.set(key, weight));
        if (!depthOf.has(target) && depth + 1 < maxDepth) {
          depthOf.set(target, depth + 1);
          queue.push(target);
        }
      }
    }
    let weighted = 0;
    for (const weight of reached.values()) weighted += weight;
    const radius = { count: reached.size, weighted };
    cache.set(pivot, radius);
    return radius;
  };
}
