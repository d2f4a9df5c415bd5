/**
 * Edge blocks (issue 20, item 2): many edges from one node, of one technique, that the
 * evaluator decided as one (a conditional administrator over every role of its account, a
 * deploy role over every function). Stored once with their targets instead of one graphology
 * edge each; an edge's full attributes, provenance included, are made when a reader asks for
 * them. Every edge of a block is an edge of the graph for every reader: the search, the
 * reports, the exports and every count see the same edges, with the same keys and attributes,
 * as if each had been added pair by pair (src/graph/edge-view.ts is the one way to read them).
 */
import type { EdgeAttrs } from './schema.js';

/**
 * What every edge of a block shares: all a search reads of an edge. `entryPoint` and `exposure`
 * are set on an outsider's first hops only (a technique edge may be one: an outside account's
 * sts-assume-role hop), which the search weighs on every first hop it tries; a block of other
 * edges leaves them out.
 */
export type BlockShared = Readonly<Pick<EdgeAttrs, 'kind' | 'access' | 'technique' | 'entryPoint' | 'exposure' | 'conditional' | 'confidence'>>;

/**
 * A block of edges `from` → `targetAt(i)` for i in [0, size). Invariants, which the builder of
 * a block guarantees: targets are distinct; no edge of the block has the key (edgeKey) of an
 * edge of the graph or of another block; `attrsAt(i)` returns the attributes the pair edge would
 * carry, field for field and in the same key order, and its kind, access, technique,
 * entryPoint, exposure, conditional and confidence are `shared`'s.
 */
export interface EdgeBlock {
  readonly from: string;
  readonly shared: BlockShared;
  readonly size: number;
  targetAt(i: number): string;
  /** The full attributes of edge i, made on each call (callers keep what they need). */
  attrsAt(i: number): EdgeAttrs;
}
