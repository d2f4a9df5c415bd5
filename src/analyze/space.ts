/**
 * The search space of one analysis: the adjacency, the crown jewels, the depth cap, and which
 * edge realizes which (crown jewel, access) — numbered once, so hot loops ask a typed array
 * instead of looking a jewel up by node id on every edge they relax.
 */
import type { CrownJewel, EntryRecord, ImpactAccess } from '../graph/index.js';
import { hopsToTargets, type Adjacency } from './adjacency.js';
import { impactOf } from './terminal.js';

/** One (crown jewel, access) an edge can realize, numbered by the search space. */
export interface ImpactKey {
  /** `<jewel node id>|<access>`: how hits and findings name it. */
  name: string;
  jewel: number;
  access: ImpactAccess;
  impact: string;
  confidence: number;
}

/** Shared, per-analysis inputs of the search. */
export interface SearchSpace {
  adj: Adjacency;
  jewels: Map<string, CrownJewel>;
  /** Hops from each node to the nearest crown jewel. */
  toJewel: Int16Array;
  maxDepth: number;
  decay: number;
  /** Every (jewel, access) some edge realizes. */
  keys: ImpactKey[];
  /** Per edge, the index in `keys` of what it realizes, or -1 for an edge that ends no path. */
  edgeKey: Int32Array;
  /**
   * The weight of a first hop's exposure class for an outsider's entry, so that the path chosen
   * is the one the score ranks highest when an outsider's first hops differ in class (an
   * outside account trusted with and without sts:ExternalId). 1 when absent; never above 1
   * (exposure class weights are in (0, 1]), which keeps the value bounds upper bounds.
   */
  firstHopWeight?: (entry: EntryRecord, edge: number) => number;
}

/** Numbers the impact keys and labels every edge with the one it realizes. */
export function searchSpace(adj: Adjacency, jewels: Map<string, CrownJewel>, maxDepth: number, decay: number, firstHopWeight?: SearchSpace['firstHopWeight']): SearchSpace {
  const jewelIndexes = [...jewels.keys()].flatMap((id) => adj.nodeIndex.get(id) ?? []);
  const keys: ImpactKey[] = [];
  const byName = new Map<string, number>();
  const edgeKey = new Int32Array(adj.edgeCount).fill(-1);
  // Jewels in node order, their in-edges in key order: numbering is deterministic.
  for (const jewel of [...jewelIndexes].sort((a, b) => a - b)) {
    const record = jewels.get(adj.nodeIds[jewel]!);
    for (let i = adj.inStart[jewel]!; i < adj.inStart[jewel + 1]!; i++) {
      const edge = adj.inEdges[i]!;
      const impact = impactOf(adj.edgeHead(edge), adj.nodeAttrs[jewel]!, record);
      if (!impact) continue;
      const name = `${adj.nodeIds[jewel]}|${impact.access}`;
      let key = byName.get(name);
      if (key === undefined) {
        byName.set(name, (key = keys.length));
        keys.push({ name, jewel, access: impact.access, impact: impact.impact, confidence: impact.confidence });
      }
      edgeKey[edge] = key;
    }
  }
  return { adj, jewels, toJewel: hopsToTargets(adj, jewelIndexes), maxDepth, decay, keys, edgeKey, ...(firstHopWeight ? { firstHopWeight } : {}) };
}
