/**
 * The one way to read the attack graph's edges: those stored pair by pair in graphology and
 * those stored as blocks (blocks.ts), seen alike. Every reader of edges goes through here, so a
 * block edge has the key, ends and attributes its pair edge would have, and no count, export or
 * proof depends on how an edge is stored. Nodes are read from graphology directly.
 */
import type { EdgeBlock } from './blocks.js';
import type { AttackGraph, EdgeAttrs, EdgeKind } from './schema.js';

/** What edges are read from: the graphology graph and the blocks beside it. */
export interface EdgeSource {
  graph: AttackGraph;
  blocks: readonly EdgeBlock[];
}

/** One edge as readers see it. */
export interface EdgeEntry {
  key: string;
  from: string;
  to: string;
  attrs: EdgeAttrs;
}

/** Called once per edge: the key, the attributes, and both ends. */
export type EdgeVisitor = (key: string, attrs: EdgeAttrs, from: string, to: string) => void;

/** The key of edge i of a block: edges.ts's edgeKey of the pair it stands for. */
export function blockEdgeKey(block: EdgeBlock, i: number): string {
  return blockKeyPrefix(block) + block.targetAt(i);
}

/** What every key of a block starts with: edges.ts's edgeKey up to the target. */
export function blockKeyPrefix(block: EdgeBlock): string {
  const { kind, access, technique, entryPoint } = block.shared;
  return `${block.from}|${kind}:${access ?? technique ?? entryPoint ?? ''}|`;
}

/** Visits every edge: graphology's in insertion order, then each block's in index order. */
export function forEachEdge(source: EdgeSource, visit: EdgeVisitor): void {
  source.graph.forEachEdge((key, attrs, from, to) => visit(key, attrs, from, to));
  for (const block of source.blocks) {
    const prefix = blockKeyPrefix(block);
    for (let i = 0; i < block.size; i++) {
      const to = block.targetAt(i);
      visit(prefix + to, block.attrsAt(i), block.from, to);
    }
  }
}

/** The number of edges. */
export function edgeCount(source: EdgeSource): number {
  let count = source.graph.size;
  for (const block of source.blocks) count += block.size;
  return count;
}

/** Which edges of a node to read: all, or only those of one kind. */
export interface EdgeFilter {
  kind?: EdgeKind;
}

/** The edges leaving `node` (none when it is no node): graphology's first, then the blocks'. */
export function outEdges(source: EdgeSource, node: string, filter: EdgeFilter = {}): EdgeEntry[] {
  return new EdgeView(source).outEdges(node, filter);
}

/** The edges entering `node` (none when it is no node): graphology's first, then the blocks'. */
export function inEdges(source: EdgeSource, node: string, filter: EdgeFilter = {}): EdgeEntry[] {
  return new EdgeView(source).inEdges(node, filter);
}

/**
 * A node's edges, for a reader that asks about many nodes: the blocks are indexed by source and
 * (on the first in-edge question) by target once, and the indexes live as long as the view.
 * The free functions above make a view per question.
 */
export class EdgeView {
  private bySource: Map<string, number[]> | undefined;
  private byTarget: Map<string, number[]> | undefined;
  private kinds: Set<EdgeKind> | undefined;

  constructor(private readonly source: EdgeSource) {}

  /** The edges leaving `node`: graphology's first, then the blocks'. */
  outEdges(node: string, filter: EdgeFilter = {}): EdgeEntry[] {
    const out: EdgeEntry[] = [];
    const { graph, blocks } = this.source;
    if (!graph.hasNode(node)) return out;
    graph.forEachOutEdge(node, (key, attrs, from, to) => {
      if (filter.kind === undefined || attrs.kind === filter.kind) out.push({ key, from, to, attrs });
    });
    if (blocks.length === 0) return out;
    for (const b of this.sources().get(node) ?? []) {
      const block = blocks[b]!;
      if (filter.kind !== undefined && block.shared.kind !== filter.kind) continue;
      const prefix = blockKeyPrefix(block);
      for (let i = 0; i < block.size; i++) out.push({ key: prefix + block.targetAt(i), from: node, to: block.targetAt(i), attrs: block.attrsAt(i) });
    }
    return out;
  }

  /** The edges entering `node`: graphology's first, then the blocks'. */
  inEdges(node: string, filter: EdgeFilter = {}): EdgeEntry[] {
    const out: EdgeEntry[] = [];
    const { graph, blocks } = this.source;
    if (!graph.hasNode(node)) return out;
    graph.forEachInEdge(node, (key, attrs, from, to) => {
      if (filter.kind === undefined || attrs.kind === filter.kind) out.push({ key, from, to, attrs });
    });
    // Blocks of another kind are never indexed for a kind's question (most readers ask for one).
    if (filter.kind !== undefined ? !this.blockKinds().has(filter.kind) : blocks.length === 0) return out;
    const refs = this.targets().get(node) ?? [];
    for (let r = 0; r < refs.length; r += 2) {
      const block = blocks[refs[r]!]!;
      if (filter.kind !== undefined && block.shared.kind !== filter.kind) continue;
      const i = refs[r + 1]!;
      out.push({ key: blockEdgeKey(block, i), from: block.from, to: node, attrs: block.attrsAt(i) });
    }
    return out;
  }

  /** The kinds the blocks hold: known once per view, not looked for once per question. */
  private blockKinds(): ReadonlySet<EdgeKind> {
    return (this.kinds ??= new Set(this.source.blocks.map((b) => b.shared.kind)));
  }

  /** Blocks by source node. */
  private sources(): Map<string, number[]> {
    if (this.bySource) return this.bySource;
    const index = new Map<string, number[]>();
    this.source.blocks.forEach((block, b) => (index.get(block.from) ?? index.set(block.from, []).get(block.from)!).push(b));
    return (this.bySource = index);
  }

  /** Block edges by target node, as (block, i) pairs. */
  private targets(): Map<string, number[]> {
    if (this.byTarget) return this.byTarget;
    const index = new Map<string, number[]>();
    this.source.blocks.forEach((block, b) => {
      for (let i = 0; i < block.size; i++) {
        const to = block.targetAt(i);
        (index.get(to) ?? index.set(to, []).get(to)!).push(b, i);
      }
    });
    return (this.byTarget = index);
  }
}
