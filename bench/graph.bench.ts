/**
 * The ceiling of the graph model (issue 6, point 4): what one added edge costs in graphology,
 * directly and through blastpath's putEdge (key, normalization, merge of parallel grants), and
 * how a breadth-first search through graphology's API compares with the same search over the
 * typed-array adjacency analysis builds once. Synthetic graph: roles in accounts, each with a
 * few can-assume and data-access edges, about 200,000 edges in all.
 */
import { MultiDirectedGraph } from 'graphology';
import { loadProduct } from './product.js';
import type { AttackGraph, EdgeAttrs, NodeAttrs } from '../src/graph/index.js';
import type { BenchSection } from './types.js';

const NODES = 40_000;
const OUT_DEGREE = 5;

/** Deterministic pseudo-random targets (a linear congruential walk). */
function* targets(): Generator<[number, number]> {
  let x = 12345;
  for (let from = 0; from < NODES; from++) {
    for (let k = 0; k < OUT_DEGREE; k++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      yield [from, x % NODES];
    }
  }
}

const attrs = (i: number): EdgeAttrs => ({ kind: i % 2 ? 'can-assume' : 'data-access', ...(i % 2 ? { technique: 'sts-assume-role' } : { access: 'read' as const }), actions: ['sts:AssumeRole'], provenance: [{ policy: `p${i % 97}`, policyKind: 'identity', conditionKeys: [] }], conditional: false, confidence: 1 });

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

/** BFS from `start` through graphology's neighbour iteration; returns nodes reached. */
function bfsGraphology(graph: AttackGraph, start: string): number {
  const seen = new Set([start]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    graph.forEachOutNeighbor(queue[head]!, (next) => {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    });
  }
  return seen.size;
}

/** The same BFS over CSR arrays. */
function bfsArrays(adj: { outStart: Int32Array; outEdges: Int32Array; edgeTarget: Int32Array; nodeIds: string[] }, start: number): number {
  const seen = new Uint8Array(adj.nodeIds.length);
  const queue = new Int32Array(adj.nodeIds.length);
  let tail = 0;
  queue[tail++] = start;
  seen[start] = 1;
  for (let head = 0; head < tail; head++) {
    const node = queue[head]!;
    for (let i = adj.outStart[node]!; i < adj.outStart[node + 1]!; i++) {
      const next = adj.edgeTarget[adj.outEdges[i]!]!;
      if (!seen[next]) {
        seen[next] = 1;
        queue[tail++] = next;
      }
    }
  }
  return tail;
}

export default async function bench(): Promise<BenchSection> {
  const p = await loadProduct();
  const id = (i: number) => `arn:aws:iam::${String(100000000000 + (i % 50)).padStart(12, '0')}:role/r${i}`;
  const node: NodeAttrs = { kind: 'role', label: 'r' };

  const raw = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>();
  for (let i = 0; i < NODES; i++) raw.addNode(id(i), node);
  let n = 0;
  const direct = timed(() => {
    for (const [from, to] of targets()) raw.addDirectedEdgeWithKey(`${from}|${n}|${to}`, id(from), id(to), attrs(n++));
  });
  const model: AttackGraph = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>();
  for (let i = 0; i < NODES; i++) model.addNode(id(i), node);
  n = 0;
  // How derivation steps add edges: collected (key, normalize, merge) in an EdgeSet, then added.
  const viaPutEdge = timed(() => {
    const keys = new p.edges.ProvenanceKeys();
    const set = new p.edges.EdgeSet(keys);
    for (const [from, to] of targets()) set.put(id(from), id(to), attrs(n++));
    p.edges.addEdges(model, [set], keys);
  });
  const adjacency = timed(() => p.adjacency.buildAdjacency({ graph: model, blocks: [] }));
  const starts = Array.from({ length: 20 }, (_, i) => (i * 1999) % NODES);
  const api = timed(() => starts.reduce((sum, s) => sum + bfsGraphology(model, id(s)), 0));
  const arrays = timed(() => starts.reduce((sum, s) => sum + bfsArrays(adjacency.value, adjacency.value.nodeIndex.get(id(s))!), 0));
  if (api.value !== arrays.value) throw new Error(`BFS disagree: ${api.value} vs ${arrays.value}`);
  const per = (ms: number, count: number) => `${((ms * 1000) / count).toFixed(2)} µs`;
  return {
    title: `Graph model ceiling (${NODES} nodes, ${raw.size} edges added, ${model.size} after merging)`,
    rows: [
      { operation: 'graphology addDirectedEdgeWithKey', total: `${direct.ms.toFixed(0)} ms`, each: per(direct.ms, raw.size) },
      { operation: 'EdgeSet.put + addEdges (key, normalize, merge, insert)', total: `${viaPutEdge.ms.toFixed(0)} ms`, each: per(viaPutEdge.ms, raw.size) },
      { operation: 'buildAdjacency (once per analysis)', total: `${adjacency.ms.toFixed(0)} ms`, each: per(adjacency.ms, model.size) },
      { operation: `BFS ×${starts.length} via graphology API`, total: `${api.ms.toFixed(0)} ms`, each: per(api.ms, api.value) },
      { operation: `BFS ×${starts.length} via typed arrays`, total: `${arrays.ms.toFixed(1)} ms`, each: per(arrays.ms, arrays.value) },
    ],
    notes: [`typed-array BFS is ${(api.ms / arrays.ms).toFixed(0)}× faster than graphology's API (each: per node reached)`],
  };
}
