/**
 * A compact, read-only view of the attack graph for search: nodes and edges numbered once,
 * out-edges in typed arrays, sorted by edge key so every traversal is deterministic. The
 * graphology graph and the edge blocks stay the model; hot loops run here. A block edge is an
 * edge of the CSR like any other, but its full attributes (provenance) are made only when a
 * reader asks for them: hot loops read `edgeConfidence` and `edgeHead`.
 */
import type { BlockShared, EdgeBlock } from '../graph/blocks.js';
import { blockEdgeKey, type EdgeSource } from '../graph/edge-view.js';
import type { EdgeAttrs, NodeAttrs } from '../graph/index.js';
import { orderEdges, type EdgeOrder } from './edge-order.js';

/** What the search reads of an edge without its provenance (its `through`, like the rest, is read from `edgeAttrs`). */
export type EdgeHead = BlockShared;

/** Numbered nodes and edges with CSR out-adjacency. */
export interface Adjacency {
  nodeIds: string[];
  nodeIndex: Map<string, number>;
  nodeAttrs: NodeAttrs[];
  edgeCount: number;
  /** Edge e's key (edges.ts's edgeKey). */
  edgeKey(e: number): string;
  /** Edge e's full attributes; a block edge's are made once and kept (for the hops a report renders). */
  edgeAttrs(e: number): EdgeAttrs;
  /** Edge e's full attributes, a block edge's made and not kept (for one pass over many edges). */
  edgeAttrsOnce(e: number): EdgeAttrs;
  /** Edge e's kind, capability, condition and confidence, without making anything. */
  edgeHead(e: number): EdgeHead;
  edgeConfidence: Float64Array;
  edgeSource: Int32Array;
  edgeTarget: Int32Array;
  /** Out-edges of node i are outEdges[outStart[i] .. outStart[i+1]). */
  outStart: Int32Array;
  outEdges: Int32Array;
  /** In-edges of node i are inEdges[inStart[i] .. inStart[i+1]), in key order. */
  inStart: Int32Array;
  inEdges: Int32Array;
  /** Out-edges cut into runs of one block's edges, when the graph has blocks (the search skips a run at once). */
  runs?: OutRuns;
}

/**
 * Each node's out-edges cut into runs: a maximal stretch of one block's edges, or of graph
 * edges. A block's edges share their confidence and kind, so a reader can decide a whole run
 * from its block's target list instead of edge by edge.
 */
export interface OutRuns {
  /** Node i's runs are [start[i], start[i + 1]). */
  start: Int32Array;
  /** Run r ends at outEdges index end[r] (exclusive) and begins where the node's run before it ends, or at outStart. */
  end: Int32Array;
  /** Run r's block, or -1 for a run of graph edges. */
  block: Int32Array;
  /** Per block, its targets' node numbers in no particular order; blocks with one target list share one array. */
  blockTargets: Int32Array[];
}

/** CSR offsets and edge lists grouped by one end (`ends[e]`), each group in edge order. */
function groupEdges(nodes: number, ends: Int32Array): { start: Int32Array; edges: Int32Array } {
  const start = new Int32Array(nodes + 1);
  for (let e = 0; e < ends.length; e++) start[ends[e]! + 1]!++;
  for (let i = 0; i < nodes; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, nodes);
  const edges = new Int32Array(ends.length);
  for (let e = 0; e < ends.length; e++) edges[fill[ends[e]!]!++] = e;
  return { start, edges };
}

/** Builds the adjacency once per analysis. */
export function buildAdjacency(source: EdgeSource): Adjacency {
  const { graph, blocks } = source;
  // The default sort of strings is compareStrings's order (UTF-16 code units), without a comparator call per pair.
  const nodeIds = graph.nodes().sort();
  const nodeIndex = new Map(nodeIds.map((id, i) => [id, i]));
  const graphKeys = graph.edges().sort();
  const graphAttrs = graphKeys.map((key) => graph.getEdgeAttributes(key));
  const edges = blocks.length ? blockEdges(graphKeys, graphAttrs, source, nodeIndex) : pairEdges(graphKeys, graphAttrs, source, nodeIndex);
  // Edges are grouped in key order, so each node's out- and in-edges stay sorted by key.
  const out = groupEdges(nodeIds.length, edges.edgeSource);
  const into = groupEdges(nodeIds.length, edges.edgeTarget);
  const runs = edges.order ? outRuns(out.start, out.edges, edges.order) : undefined;
  delete edges.order;
  return {
    nodeIds,
    nodeIndex,
    nodeAttrs: nodeIds.map((id) => graph.getNodeAttributes(id)),
    ...edges,
    outStart: out.start,
    outEdges: out.edges,
    inStart: into.start,
    inEdges: into.edges,
    ...(runs ? { runs } : {}),
  };
}

/** Cuts each node's out-edges (in key order) where the block they belong to changes. */
function outRuns(outStart: Int32Array, outEdges: Int32Array, order: EdgeOrder): OutRuns {
  const nodes = outStart.length - 1;
  const blockOf = order.block;
  const cut = (i: number) => i === 0 || blockOf[outEdges[i]!] !== blockOf[outEdges[i - 1]!];
  let count = 0;
  for (let node = 0; node < nodes; node++) for (let i = outStart[node]!; i < outStart[node + 1]!; i++) if (i === outStart[node] || cut(i)) count++;
  const start = new Int32Array(nodes + 1);
  const end = new Int32Array(count);
  const block = new Int32Array(count);
  let r = 0;
  for (let node = 0; node < nodes; node++) {
    start[node] = r;
    for (let i = outStart[node]!; i < outStart[node + 1]!; i++) {
      if (i !== outStart[node] && !cut(i)) continue;
      if (r > start[node]!) end[r - 1] = i;
      block[r++] = blockOf[outEdges[i]!]!;
    }
    if (r > start[node]!) end[r - 1] = outStart[node + 1]!;
  }
  start[nodes] = r;
  return { start, end, block, blockTargets: order.blockTargets };
}

type EdgeArrays = Pick<Adjacency, 'edgeCount' | 'edgeKey' | 'edgeAttrs' | 'edgeAttrsOnce' | 'edgeHead' | 'edgeConfidence' | 'edgeSource' | 'edgeTarget'> & { order?: EdgeOrder };

/** Only graphology's edges: edge e is graph key e. */
function pairEdges(keys: string[], attrs: EdgeAttrs[], source: EdgeSource, nodeIndex: Map<string, number>): EdgeArrays {
  const { graph } = source;
  const edgeSource = new Int32Array(keys.length);
  const edgeTarget = new Int32Array(keys.length);
  const edgeConfidence = new Float64Array(keys.length);
  for (let e = 0; e < keys.length; e++) {
    edgeSource[e] = nodeIndex.get(graph.source(keys[e]!))!;
    edgeTarget[e] = nodeIndex.get(graph.target(keys[e]!))!;
    edgeConfidence[e] = attrs[e]!.confidence;
  }
  const get = (e: number) => attrs[e]!;
  return { edgeCount: keys.length, edgeKey: (e) => keys[e]!, edgeAttrs: get, edgeAttrsOnce: get, edgeHead: get, edgeConfidence, edgeSource, edgeTarget };
}

/** Graphology's edges and the blocks', in one key order (edge-order.ts). */
function blockEdges(keys: string[], attrs: EdgeAttrs[], source: EdgeSource, nodeIndex: Map<string, number>): EdgeArrays {
  const { graph, blocks } = source;
  const order = orderEdges(keys, blocks, (id) => nodeIndex.get(id)!);
  const { block, slot, target: edgeTarget } = order;
  const count = block.length;
  const edgeSource = new Int32Array(count);
  const edgeConfidence = new Float64Array(count);
  // Read once per block, not per edge (blocks are of several classes: a per-edge read is megamorphic).
  const blockSource = Int32Array.from(blocks, (b) => nodeIndex.get(b.from)!);
  const blockConfidence = Float64Array.from(blocks, (b) => b.shared.confidence);
  for (let e = 0; e < count; e++) {
    const b = block[e]!;
    if (b < 0) {
      const key = keys[slot[e]!]!;
      edgeSource[e] = nodeIndex.get(graph.source(key))!;
      edgeTarget[e] = nodeIndex.get(graph.target(key))!;
      edgeConfidence[e] = attrs[slot[e]!]!.confidence;
    } else {
      edgeSource[e] = blockSource[b]!;
      edgeConfidence[e] = blockConfidence[b]!;
    }
  }
  // Kept for the hops reports render (a path's, a finding's): a few per finding, never all.
  const made = new Map<number, EdgeAttrs>();
  const edgeAttrsOnce = (e: number): EdgeAttrs => {
    const b = block[e]!;
    return b < 0 ? attrs[slot[e]!]! : (made.get(e) ?? blocks[b]!.attrsAt(slot[e]!));
  };
  return {
    order,
    edgeCount: count,
    edgeKey: (e) => (block[e]! < 0 ? keys[slot[e]!]! : blockEdgeKey(blocks[block[e]!]!, slot[e]!)),
    edgeAttrs: (e) => {
      if (block[e]! < 0) return attrs[slot[e]!]!;
      let a = made.get(e);
      if (!a) made.set(e, (a = blocks[block[e]!]!.attrsAt(slot[e]!)));
      return a;
    },
    edgeAttrsOnce,
    edgeHead: (e) => (block[e]! < 0 ? attrs[slot[e]!]! : blocks[block[e]!]!.shared),
    edgeConfidence,
    edgeSource,
    edgeTarget,
  };
}

/** Minimum hops from each node to any node in `targets` (Infinity-like 0x7fff when none). */
export function hopsToTargets(adj: Adjacency, targets: Iterable<number>): Int16Array {
  const unreachable = 0x7fff;
  const dist = new Int16Array(adj.nodeIds.length).fill(unreachable);
  const { inStart, inEdges, edgeSource } = adj;
  const queue: number[] = [];
  for (const t of targets) {
    if (dist[t] !== 0) {
      dist[t] = 0;
      queue.push(t);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (let i = inStart[node]!; i < inStart[node + 1]!; i++) {
      const source = edgeSource[inEdges[i]!]!;
      if (dist[source] === unreachable) {
        dist[source] = dist[node]! + 1;
        queue.push(source);
      }
    }
  }
  return dist;
}
