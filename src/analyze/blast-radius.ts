/**
 * Blast radius of a pivot principal: the distinct (crown jewel, impact) pairs it reaches within
 * the depth cap, where reaching an account's admin counts every jewel of that account. Counted
 * and weighted: each pair weighs its impact class's weight / 100 times the sensitivity rule's
 * confidence, so a principal that reaches one training set and one account takeover outranks
 * one that reaches three name-only buckets. Cached per pivot, since many findings share their
 * first principal. Each new pivot costs one bounded BFS; when pivots outnumber the targets (one
 * dense account: thousands of users, one administrator), the counter switches to one reverse
 * BFS per target and answers every later pivot from those labels. Both ways reach the same pairs.
 */
import { BEYOND } from './target.js';
import type { SearchSpace } from './space.js';

/** What one pivot reaches: how many (jewel, impact) pairs, and their summed weight. */
export interface Radius {
  count: number;
  weighted: number;
}

/** The weight of one reached pair: class weight / 100 × rule confidence. */
export type PairWeight = (impact: { impact: string; confidence: number }) => number;

/** Most targets the reverse labels are kept for (one byte per node each). */
const MAX_REVERSE_GROUPS = 64;

/** What can be reached: every (jewel, access) of the jewels' impacts, numbered. */
interface Universe {
  size: number;
  /** Per number, the pair's weight. */
  weight: Float64Array;
  /** Per impact key of the space, its number here. */
  ofKey: Int32Array;
  /** Per number, the account it belongs to (index into accounts), or -1. */
  accountOf: Int32Array;
  /** Per account, the numbers of its jewels' impacts. */
  accounts: number[][];
  /** Per node, the account whose jewels reaching it (an account-admin node) reaches, or -1. */
  adminOf: Int32Array;
}

function universe(space: SearchSpace, weightOf: PairWeight): Universe {
  const { adj } = space;
  const byName = new Map<string, number>();
  const accountIndex = new Map<string, number>();
  const accounts: number[][] = [];
  const accountList: number[] = [];
  const weights: number[] = [];
  for (const jewel of space.jewels.values()) {
    const index = adj.nodeIndex.get(jewel.node);
    if (index === undefined) continue;
    const accountId = adj.nodeAttrs[index]!.accountId;
    let account = -1;
    if (accountId) {
      account = accountIndex.get(accountId) ?? -1;
      if (account < 0) {
        accountIndex.set(accountId, (account = accounts.length));
        accounts.push([]);
      }
    }
    for (const [access, impact] of jewel.impacts) {
      const name = `${jewel.node}|${access}`;
      if (byName.has(name)) continue;
      byName.set(name, byName.size);
      accountList.push(account);
      weights.push(weightOf(impact));
      if (account >= 0) accounts[account]!.push(byName.size - 1);
    }
  }
  const ofKey = Int32Array.from(space.keys, (k) => byName.get(k.name) ?? -1);
  const adminOf = new Int32Array(adj.nodeIds.length).fill(-1);
  adj.nodeAttrs.forEach((attrs, node) => {
    if (attrs.kind === 'account-admin' && attrs.accountId) adminOf[node] = accountIndex.get(attrs.accountId) ?? -1;
  });
  return { size: byName.size, weight: Float64Array.from(weights), ofKey, accountOf: Int32Array.from(accountList), accounts, adminOf };
}

/**
 * Returns a function measuring the crown jewels a node reaches, memoized. `reverseAfter`: pivots
 * searched forward before switching to reverse labels (default: the number of targets; tests
 * force either way).
 */
export function blastRadiusCounter(space: SearchSpace, weightOf: PairWeight, options: { reverseAfter?: number } = {}): (node: number) => Radius {
  const cache = new Map<number, Radius>();
  const u = universe(space, weightOf);
  const forward = forwardCounter(space, u);
  let reverse: ((pivot: number) => Radius) | undefined;
  // Targets a reverse pass would label: every impact key, and every admin node with jewels.
  const groups = space.keys.length + u.adminOf.filter((a) => a >= 0 && u.accounts[a]!.length > 0).length;
  return (pivot) => {
    const known = cache.get(pivot);
    if (known !== undefined) return known;
    // After as many forward searches as there are targets, labeling every target once costs less.
    if (!reverse && cache.size >= (options.reverseAfter ?? groups) && groups <= MAX_REVERSE_GROUPS) reverse = reverseCounter(space, u);
    const radius = (reverse ?? forward)(pivot);
    cache.set(pivot, radius);
    return radius;
  };
}

/** One BFS from the pivot over at most maxDepth - 1 hops, counting what its scanned edges reach. */
function forwardCounter(space: SearchSpace, u: Universe): (pivot: number) => Radius {
  const { adj, maxDepth, edgeKey } = space;
  const depthOf = new Int8Array(adj.nodeIds.length).fill(-1);
  const reached = new Uint8Array(u.size);
  return (pivot) => {
    const queue = [pivot];
    const marked: number[] = [];
    const mark = (x: number) => {
      if (x >= 0 && !reached[x]) {
        reached[x] = 1;
        marked.push(x);
      }
    };
    depthOf[pivot] = 0;
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      const depth = depthOf[node]!;
      for (let i = adj.outStart[node]!; i < adj.outStart[node + 1]!; i++) {
        const edge = adj.outEdges[i]!;
        const target = adj.edgeTarget[edge]!;
        if (edgeKey[edge]! >= 0) mark(u.ofKey[edgeKey[edge]!]!);
        const account = u.adminOf[target]!;
        if (account >= 0) for (const x of u.accounts[account]!) mark(x);
        if (depthOf[target] === -1 && depth + 1 < maxDepth) {
          depthOf[target] = depth + 1;
          queue.push(target);
        }
      }
    }
    for (const node of queue) depthOf[node] = -1;
    // Summed in the order the BFS first reached each pair.
    let weighted = 0;
    for (const x of marked) {
      reached[x] = 0;
      weighted += u.weight[x]!;
    }
    return { count: marked.length, weighted };
  };
}

/** Reverse labels per target: a pivot reaches a target when a source of it is within maxDepth - 1 hops. */
function reverseCounter(space: SearchSpace, u: Universe): (pivot: number) => Radius {
  const { adj, maxDepth, edgeKey } = space;
  const sources: number[][] = space.keys.map(() => []);
  for (let e = 0; e < edgeKey.length; e++) if (edgeKey[e]! >= 0) sources[edgeKey[e]!]!.push(adj.edgeSource[e]!);
  const direct = space.keys.map((_, k) => ({ x: u.ofKey[k]!, labels: labelsFrom(space, sources[k]!) }));
  const admins: Array<{ account: number; labels: Uint8Array }> = [];
  u.adminOf.forEach((account, node) => {
    if (account < 0 || u.accounts[account]!.length === 0) return;
    const from: number[] = [];
    for (let i = adj.inStart[node]!; i < adj.inStart[node + 1]!; i++) from.push(adj.edgeSource[adj.inEdges[i]!]!);
    admins.push({ account, labels: labelsFrom(space, from) });
  });
  const within = maxDepth - 1;
  const accountReached = new Uint8Array(u.accounts.length);
  const seen = new Uint8Array(u.size);
  return (pivot) => {
    let count = 0;
    const accounts: number[] = [];
    for (const { account, labels } of admins) {
      if (labels[pivot]! <= within && !accountReached[account]) {
        accountReached[account] = 1;
        accounts.push(account);
        count += u.accounts[account]!.length;
      }
    }
    const counted: number[] = [];
    for (const { x, labels } of direct) {
      if (x < 0 || seen[x] || labels[pivot]! > within) continue;
      const account = u.accountOf[x]!;
      if (account >= 0 && accountReached[account]) continue;
      seen[x] = 1;
      counted.push(x);
      count++;
    }
    // The same pairs as the forward BFS; summed in another order, so the weight may differ from
    // its in the last bits, which scoring's rounding to six decimals absorbs.
    let weighted = 0;
    for (const a of accounts) {
      accountReached[a] = 0;
      for (const x of u.accounts[a]!) weighted += u.weight[x]!;
    }
    for (const x of counted) {
      seen[x] = 0;
      weighted += u.weight[x]!;
    }
    return { count, weighted };
  };
}

/** Fewest hops from each node to any of `sources` (0 for the sources), up to maxDepth - 1. */
function labelsFrom(space: SearchSpace, sources: readonly number[]): Uint8Array {
  const { adj, maxDepth } = space;
  const labels = new Uint8Array(adj.nodeIds.length).fill(BEYOND);
  const queue: number[] = [];
  for (const s of sources) {
    if (labels[s] !== 0) {
      labels[s] = 0;
      queue.push(s);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    const next = labels[node]! + 1;
    if (next > maxDepth - 1) break;
    for (let i = adj.inStart[node]!; i < adj.inStart[node + 1]!; i++) {
      const source = adj.edgeSource[adj.inEdges[i]!]!;
      if (labels[source] === BEYOND) {
        labels[source] = next;
        queue.push(source);
      }
    }
  }
  return labels;
}
