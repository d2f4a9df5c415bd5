/**
 * Blocks turned back into pair edges, in the order a pair-by-pair technique step would have found
 * them (`positions`, kept by block-forming.ts and carried across threads): the build keeps blocks
 * as blocks (readers read them through edge-view.ts), and this is the reference the equivalence
 * tests draw them with, edge for edge and in order, against `buildGraph(…, { edgeBlocks: false })`.
 */
import type { EdgeBlock } from './blocks.js';
import { edgeKey, type EdgeSet, type FoundEdge, type ProvenanceKeys } from './edges.js';
import type { AttackGraph, EdgeAttrs } from './schema.js';

/**
 * Visits a step's pair edges and its blocks' edges, each at its place among the edges found
 * (`positions[b][i]` for edge i of block b; the set's own edges fill the other places in their
 * order), a block's edge as readers get it (attrsAt).
 */
export function forEachPlacedEdge(set: EdgeSet, blocks: readonly EdgeBlock[], positions: readonly (readonly number[])[], visit: (key: string, from: string, to: string, attrs: EdgeAttrs) => void): void {
  const places = set.places;
  // Which block (plus one; 0 for the set's own edges) and which of its edges holds each place.
  const blockAt = new Int32Array(places);
  const indexAt = new Int32Array(places);
  blocks.forEach((_, b) => positions[b]!.forEach((place, i) => ((blockAt[place] = b + 1), (indexAt[place] = i))));
  const own = set[Symbol.iterator]();
  for (let place = 0; place < places; place++) {
    if (blockAt[place]) {
      const block = blocks[blockAt[place]! - 1]!;
      const i = indexAt[place]!;
      const to = block.targetAt(i);
      const attrs = block.attrsAt(i);
      visit(edgeKey(block.from, to, attrs), block.from, to, attrs);
    } else {
      const [key, { from, to, attrs }] = own.next().value as [string, FoundEdge];
      visit(key, from, to, attrs);
    }
  }
}

/**
 * Adds a step's pair edges and its blocks' edges to the graph in the order of their places
 * (forEachPlacedEdge). An edge whose key the graph already has merges into it, as addEdges does.
 */
export function addBlockEdges(graph: AttackGraph, set: EdgeSet, blocks: readonly EdgeBlock[], positions: readonly (readonly number[])[], keys: ProvenanceKeys): void {
  forEachPlacedEdge(set, blocks, positions, (key, from, to, attrs) => {
    if (!graph.hasEdge(key)) graph.addDirectedEdgeWithKey(key, from, to, attrs);
    else graph.replaceEdgeAttributes(key, keys.merge(graph.getEdgeAttributes(key), attrs));
  });
}
