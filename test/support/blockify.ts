/**
 * Test-side edge blocks: moves every technique edge of a built graph out of graphology into
 * blocks (src/graph/blocks.ts), grouped by source and by what a block's edges share, so the
 * equivalence tests can check that every reader sees block edges as the pairs they were. The
 * blocks' targets and the blocks themselves are stored in reverse order, so no reader can rely
 * on blocks listing edges in the order graphology held them.
 */
import type { BlockShared, BuiltGraph, EdgeAttrs, EdgeBlock } from '../../src/graph/index.js';

/** A block over the attributes of the pairs it replaced. */
class PairBlock implements EdgeBlock {
  readonly targets: string[] = [];
  readonly attrs: EdgeAttrs[] = [];
  constructor(
    readonly from: string,
    readonly shared: BlockShared,
  ) {}

  get size(): number {
    return this.targets.length;
  }

  targetAt(i: number): string {
    return this.targets[i]!;
  }

  /** A fresh copy each call, as a block that derives provenance on demand would return. */
  attrsAt(i: number): EdgeAttrs {
    return structuredClone(this.attrs[i]!);
  }
}

/** The graph with its technique edges stored as blocks, and how many edges moved. */
export function blockify(built: BuiltGraph, moves: (attrs: EdgeAttrs) => boolean = (a) => a.technique !== undefined): { built: BuiltGraph; moved: number; blocks: number } {
  const graph = built.graph.copy();
  const groups = new Map<string, PairBlock>();
  let moved = 0;
  for (const key of graph.edges()) {
    const attrs = graph.getEdgeAttributes(key);
    if (!moves(attrs)) continue;
    const from = graph.source(key);
    const shared: BlockShared = {
      kind: attrs.kind,
      ...(attrs.access !== undefined ? { access: attrs.access } : {}),
      ...(attrs.technique !== undefined ? { technique: attrs.technique } : {}),
      ...(attrs.entryPoint !== undefined ? { entryPoint: attrs.entryPoint } : {}),
      ...(attrs.exposure !== undefined ? { exposure: attrs.exposure } : {}),
      conditional: attrs.conditional,
      confidence: attrs.confidence,
    };
    const group = JSON.stringify([from, shared.kind, shared.access ?? null, shared.technique ?? null, shared.entryPoint ?? null, shared.exposure ?? null, shared.conditional, shared.confidence]);
    let block = groups.get(group);
    if (!block) groups.set(group, (block = new PairBlock(from, shared)));
    block.targets.push(graph.target(key));
    block.attrs.push(attrs);
    graph.dropEdge(key);
    moved++;
  }
  const blocks = [...groups.values()].reverse();
  for (const block of blocks) {
    block.targets.reverse();
    block.attrs.reverse();
  }
  return { built: { ...built, graph, blocks: [...built.blocks, ...blocks] }, moved, blocks: blocks.length };
}
