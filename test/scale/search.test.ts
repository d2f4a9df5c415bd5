/**
 * The bounded best-path search: with dominance pruning and a workspace reused across entries it
 * finds, for every (crown jewel, impact), the value of the best simple path within the depth
 * cap, exactly as exhaustive enumeration does; paths it returns are simple and valid. Pruning by
 * value bounds (many entries, few targets) returns the very same hits, path for path.
 */
import fc from 'fast-check';
import { MultiDirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { buildAdjacency } from '../../src/analyze/adjacency.js';
import { valueBounds } from '../../src/analyze/bounds.js';
import { bestPaths, SearchWorkspace } from '../../src/analyze/search.js';
import { searchSpace, type SearchSpace } from '../../src/analyze/space.js';
import type { CrownJewel, EdgeAttrs, NodeAttrs } from '../../src/graph/index.js';

const DECAY = 0.97;
const CONFIDENCES = [1, 0.8, 0.75, 0.6];

interface RandomGraph {
  roles: number;
  buckets: number;
  hops: Array<[number, number, number]>;
  reads: Array<[number, number, number]>;
}

const randomGraph = fc
  .record({ roles: fc.integer({ min: 2, max: 9 }), buckets: fc.integer({ min: 1, max: 3 }) })
  .chain(({ roles, buckets }) =>
    fc.record({
      roles: fc.constant(roles),
      buckets: fc.constant(buckets),
      hops: fc.array(fc.tuple(fc.nat(roles - 1), fc.nat(roles - 1), fc.nat(CONFIDENCES.length - 1)), { maxLength: 30 }),
      reads: fc.array(fc.tuple(fc.nat(roles - 1), fc.nat(buckets - 1), fc.nat(CONFIDENCES.length - 1)), { maxLength: 8 }),
    }),
  );

function space(g: RandomGraph, maxDepth: number): SearchSpace {
  const graph = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>();
  const role = (i: number) => `role/${i}`;
  const bucket = (i: number) => `bucket/${i}`;
  for (let i = 0; i < g.roles; i++) graph.addNode(role(i), { kind: 'role', label: role(i) });
  for (let i = 0; i < g.buckets; i++) graph.addNode(bucket(i), { kind: 'bucket', label: bucket(i) });
  const edge = (kind: EdgeAttrs['kind'], c: number, access?: 'read'): EdgeAttrs => ({ kind, actions: [], provenance: [], conditional: false, confidence: CONFIDENCES[c]!, ...(access ? { access } : {}) });
  for (const [from, to, c] of g.hops) if (from !== to) graph.mergeEdgeWithKey(`${from}>${to}`, role(from), role(to), edge('can-assume', c));
  for (const [from, to, c] of g.reads) graph.mergeEdgeWithKey(`${from}>b${to}`, role(from), bucket(to), edge('data-access', c, 'read'));
  const jewels = new Map<string, CrownJewel>();
  for (let i = 0; i < g.buckets; i++) jewels.set(bucket(i), { node: bucket(i), rules: ['r'], impacts: new Map([['read', { impact: 'C-DATA', rule: 'r', confidence: 1 }]]) });
  return searchSpace(buildAdjacency({ graph, blocks: [] }), jewels, maxDepth, DECAY);
}

/** Best value per `node|access` over every simple path of at most maxDepth hops. */
function exhaustive(s: SearchSpace, start: number): Map<string, number> {
  const best = new Map<string, number>();
  const onPath = new Set([start]);
  const visit = (node: number, depth: number, value: number) => {
    for (let i = s.adj.outStart[node]!; i < s.adj.outStart[node + 1]!; i++) {
      const e = s.adj.outEdges[i]!;
      const target = s.adj.edgeTarget[e]!;
      if (onPath.has(target)) continue;
      const reached = value * s.adj.edgeConfidence[e]! * DECAY;
      if (s.adj.nodeAttrs[target]!.kind === 'bucket') {
        const key = `${s.adj.nodeIds[target]}|read`;
        best.set(key, Math.max(best.get(key) ?? 0, reached));
      }
      if (depth + 1 < s.maxDepth) {
        onPath.add(target);
        visit(target, depth + 1, reached);
        onPath.delete(target);
      }
    }
  };
  visit(start, 0, 1);
  return best;
}

describe('bestPaths', () => {
  it('finds the value of the best simple path to every jewel, reusing one workspace', () => {
    fc.assert(
      fc.property(randomGraph, fc.integer({ min: 1, max: 6 }), (g, maxDepth) => {
        const s = space(g, maxDepth);
        const work = new SearchWorkspace(s.adj.nodeIds.length, maxDepth, s.keys.length);
        for (let r = 0; r < g.roles; r++) {
          const start = s.adj.nodeIndex.get(`role/${r}`)!;
          const hits = bestPaths(s, { node: `role/${r}`, entryPoint: 'what-if' }, work);
          work.reset();
          const want = exhaustive(s, start);
          expect(new Map([...hits].map(([k, h]) => [k, h.value]))).toEqual(want);
          for (const hit of hits.values()) {
            const nodes = [start, ...hit.edges.map((e) => s.adj.edgeTarget[e]!)];
            expect(new Set(nodes).size).toBe(nodes.length);
            hit.edges.forEach((e, i) => expect(s.adj.edgeSource[e]).toBe(nodes[i]));
            expect(hit.edges.length).toBeLessThanOrEqual(maxDepth);
            const value = hit.edges.reduce((v, e) => v * s.adj.edgeConfidence[e]! * DECAY, 1);
            expect(value).toBeCloseTo(hit.value, 12);
          }
        }
      }),
      { numRuns: 300, seed: 6 },
    );
  });

  it('returns the same hits, edge for edge, when value bounds prune the search', () => {
    let pruned = 0;
    fc.assert(
      fc.property(randomGraph, fc.integer({ min: 1, max: 6 }), (g, maxDepth) => {
        const s = space(g, maxDepth);
        const bounds = valueBounds(s, Number.MAX_SAFE_INTEGER);
        if (s.keys.length === 0) return;
        expect(bounds).toBeDefined();
        const plain = new SearchWorkspace(s.adj.nodeIds.length, maxDepth, s.keys.length);
        const bounded = new SearchWorkspace(s.adj.nodeIds.length, maxDepth, s.keys.length);
        for (let r = 0; r < g.roles; r++) {
          const entry = { node: `role/${r}`, entryPoint: 'what-if' };
          const want = bestPaths(s, entry, plain);
          const got = bestPaths(s, entry, bounded, bounds);
          const touched = (w: SearchWorkspace) => w.values.reduce((n, layer) => n + layer.filter((v) => v > 0).length, 0);
          if (touched(bounded) < touched(plain)) pruned++;
          plain.reset();
          bounded.reset();
          expect([...got].sort()).toEqual([...want].sort());
        }
      }),
      { numRuns: 400, seed: 11 },
    );
    // The property is only worth something if the bounds did prune.
    expect(pruned).toBeGreaterThan(50);
  });

  it('returns the same hits when first hops are weighted by exposure class', () => {
    fc.assert(
      fc.property(randomGraph, fc.integer({ min: 1, max: 6 }), (g, maxDepth) => {
        // Exposure class weights are in (0, 1]; first hops of one entry may differ in class.
        const s: SearchSpace = { ...space(g, maxDepth), firstHopWeight: (_entry, edge) => [1, 0.6, 0.35][edge % 3]! };
        const bounds = valueBounds(s, Number.MAX_SAFE_INTEGER);
        if (s.keys.length === 0) return;
        const plain = new SearchWorkspace(s.adj.nodeIds.length, maxDepth, s.keys.length);
        const bounded = new SearchWorkspace(s.adj.nodeIds.length, maxDepth, s.keys.length);
        for (let r = 0; r < g.roles; r++) {
          const entry = { node: `role/${r}`, entryPoint: 'what-if' };
          const want = bestPaths(s, entry, plain);
          const got = bestPaths(s, entry, bounded, bounds);
          plain.reset();
          bounded.reset();
          expect([...got].sort()).toEqual([...want].sort());
        }
      }),
      { numRuns: 400, seed: 12 },
    );
  });

  it('leaves the workspace clean after reset', () => {
    const s = space({ roles: 4, buckets: 1, hops: [[0, 1, 0], [1, 2, 1], [2, 3, 0]], reads: [[3, 0, 0]] }, 6);
    const work = new SearchWorkspace(s.adj.nodeIds.length, 6, s.keys.length);
    bestPaths(s, { node: 'role/0', entryPoint: 'what-if' }, work, valueBounds(s, Number.MAX_SAFE_INTEGER));
    work.reset();
    expect(work.values.every((layer) => layer.every((v) => v === 0))).toBe(true);
    expect(work.parents.every((layer) => layer.every((p) => p === -1))).toBe(true);
    expect(work.best.every((v) => v === 0)).toBe(true);
    expect(work.incumbent.every((v) => v === 0)).toBe(true);
  });
});
