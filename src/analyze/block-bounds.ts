/**
 * The value bounds (bounds.ts) read edge blocks as blocks. A dense account's edges are mostly
 * block edges: thousands of principals share a few target lists (every user, every role of the
 * account) with one confidence each. A layer of the bounds then needs the best target of each
 * distinct (target list, confidence) once, not once per source; and the search can skip a
 * block's run at once when even its best target could not be worth expanding.
 */
import type { SearchSpace } from './space.js';

/**
 * Per impact key, rows[key][r * count + b]: the highest bound of any target of block b with r
 * hops left (a bound for every one of its edges' targets); `ends[b]` is 1 when some edge of
 * block b realizes an impact key itself (such a run is never skipped: its hits must be seen).
 */
export interface BlockBounds {
  count: number;
  rows: Float64Array[];
  ends: Uint8Array;
}

/** What the layered pass needs to read whole blocks: each block's variant, and which blocks it may read whole. */
export interface BlockPlan {
  ends: Uint8Array;
  /** 1 when a block's edges form one run of its source's out-edges (then in target order). */
  whole: Uint8Array;
  /** Per block, its (target list, step) variant. */
  variantOf: Int32Array;
  variantTargets: Int32Array[];
  variantStep: Float64Array;
  /** Per impact key, per block: its first edge (in key order) realizing that key, or -1. */
  firstEnd: Int32Array[];
  /** Per variant, scratch for one layer: the best step × bound, and the lowest node reaching it. */
  best: Float64Array;
  bestNode: Int32Array;
}

/** Reads the adjacency's runs once per analysis; `step[e]` is edge e's confidence × decay. */
export function blockPlan(space: SearchSpace, step: Float64Array): BlockPlan {
  const { adj, edgeKey, keys } = space;
  const { blockTargets, start, end, block } = adj.runs!;
  const count = blockTargets.length;
  const ends = new Uint8Array(count);
  const firstEnd = keys.map(() => new Int32Array(count).fill(-1));
  const runsOf = new Int32Array(count);
  const variantOf = new Int32Array(count).fill(-1);
  const variants = new Map<Int32Array, Map<number, number>>();
  const variantTargets: Int32Array[] = [];
  const steps: number[] = [];
  for (let node = 0; node + 1 < start.length; node++) {
    for (let r = start[node]!, i = adj.outStart[node]!; r < start[node + 1]!; i = end[r++]!) {
      const b = block[r]!;
      if (b < 0) continue;
      runsOf[b]!++;
      for (let k = i; k < end[r]!; k++) {
        const key = edgeKey[adj.outEdges[k]!]!;
        if (key < 0) continue;
        ends[b] = 1;
        if (firstEnd[key]![b] === -1) firstEnd[key]![b] = adj.outEdges[k]!;
      }
      if (variantOf[b] !== -1) continue;
      const targets = blockTargets[b]!;
      const s = step[adj.outEdges[i]!]!;
      const byStep = variants.get(targets) ?? variants.set(targets, new Map()).get(targets)!;
      let v = byStep.get(s);
      if (v === undefined) {
        byStep.set(s, (v = steps.length));
        steps.push(s);
        variantTargets.push(targets);
      }
      variantOf[b] = v;
    }
  }
  const whole = Uint8Array.from(runsOf, (n) => (n === 1 ? 1 : 0));
  return { ends, whole, firstEnd, variantOf, variantTargets, variantStep: Float64Array.from(steps), best: new Float64Array(steps.length), bestNode: new Int32Array(steps.length) };
}

/**
 * One layer of one key's bounds, source by source over the runs: exactly the edge-by-edge pass
 * (bounds.ts), whose `value > current` keeps the first edge in key order among equal values. A
 * whole block is one candidate: its best target's step × bound, reached first by the lowest
 * node among those giving that product (a block's edges are in target order); or, when one of
 * its edges realizes the key, the first such edge's step, which beats every other edge of the
 * block (bounds stay below 1, so step × bound < step).
 */
export function relaxLayerByRuns(space: SearchSpace, plan: BlockPlan, step: Float64Array, key: number, h: Float64Array, first: Int32Array, prev: number, base: number): void {
  const { adj, edgeKey } = space;
  const { start, end, block } = adj.runs!;
  const { outStart, outEdges, edgeTarget } = adj;
  const { variantTargets, variantStep, best, bestNode, whole, variantOf } = plan;
  const firstEnd = plan.firstEnd[key]!;
  for (let v = 0; v < variantTargets.length; v++) {
    const targets = variantTargets[v]!;
    const s = variantStep[v]!;
    let most = 0;
    let node = -1;
    for (let k = 0; k < targets.length; k++) {
      const t = targets[k]!;
      const value = s * h[prev + t]!;
      if (value > most || (value === most && node >= 0 && t < node)) {
        most = value;
        node = t;
      }
    }
    best[v] = most;
    bestNode[v] = node;
  }
  const nodes = outStart.length - 1;
  for (let source = 0; source < nodes; source++) {
    for (let r = start[source]!, i = outStart[source]!; r < start[source + 1]!; i = end[r++]!) {
      const b = block[r]!;
      if (b >= 0 && whole[b] === 1) {
        const v = variantOf[b]!;
        const terminal = firstEnd[b]!;
        if (terminal >= 0) {
          if (step[terminal]! > h[base + source]!) {
            h[base + source] = step[terminal]!;
            first[base + source] = terminal;
          }
        } else if (best[v]! > h[base + source]!) {
          h[base + source] = best[v]!;
          first[base + source] = edgeTo(outEdges, edgeTarget, i, end[r]!, bestNode[v]!);
        }
        continue;
      }
      for (let k = i; k < end[r]!; k++) {
        const e = outEdges[k]!;
        const value = edgeKey[e] === key ? step[e]! : step[e]! * h[prev + edgeTarget[e]!]!;
        if (value > h[base + source]!) {
          h[base + source] = value;
          first[base + source] = e;
        }
      }
    }
  }
}

/** The edge of outEdges[from, to) (ascending targets) whose target is `node`. */
function edgeTo(outEdges: Int32Array, edgeTarget: Int32Array, from: number, to: number, node: number): number {
  let lo = from;
  let hi = to - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edgeTarget[outEdges[mid]!]! < node) lo = mid + 1;
    else hi = mid;
  }
  return outEdges[lo]!;
}

/** Each block's highest target bound per key and hops left, computed once per distinct target list. */
export function blockBounds(space: SearchSpace, plan: BlockPlan, nodes: number, rows: Float64Array[]): BlockBounds {
  const { maxDepth, adj } = space;
  const { blockTargets } = adj.runs!;
  const count = blockTargets.length;
  const byList = new Map<Int32Array, number>();
  const listOf = blockTargets.map((targets) => byList.get(targets) ?? byList.set(targets, byList.size).get(targets)!);
  const lists = [...byList.keys()];
  const blockRows = rows.map((h) => {
    const listMax = new Float64Array((maxDepth + 1) * lists.length);
    lists.forEach((targets, l) => {
      for (let left = 0; left <= maxDepth; left++) {
        let most = 0;
        const at = left * nodes;
        for (let k = 0; k < targets.length; k++) most = Math.max(most, h[at + targets[k]!]!);
        listMax[left * lists.length + l] = most;
      }
    });
    const out = new Float64Array((maxDepth + 1) * count);
    for (let left = 0; left <= maxDepth; left++) for (let b = 0; b < count; b++) out[left * count + b] = listMax[left * lists.length + listOf[b]!]!;
    return out;
  });
  return { count, rows: blockRows, ends: plan.ends };
}
