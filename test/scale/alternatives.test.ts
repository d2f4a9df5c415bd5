/**
 * Counting alternatives per finding, pruned by the target's hop labels, gives exactly the count
 * of an exhaustive enumeration of simple paths (up to the cap); and the blast radius answers the
 * same whether each pivot is searched forward or every target is labeled once in reverse.
 */
import fc from 'fast-check';
import { MultiDirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { buildAdjacency } from '../../src/analyze/adjacency.js';
import { countAlternatives } from '../../src/analyze/alternatives.js';
import { blastRadiusCounter } from '../../src/analyze/blast-radius.js';
import { searchSpace, type SearchSpace } from '../../src/analyze/space.js';
import type { CrownJewel, EdgeAttrs, NodeAttrs } from '../../src/graph/index.js';

const ACCOUNT = '111111111111';

/** Roles and buckets of one account, an admin node, parallel edges allowed (two techniques). */
const randomGraph = fc
  .record({ roles: fc.integer({ min: 2, max: 8 }), buckets: fc.integer({ min: 1, max: 3 }) })
  .chain(({ roles, buckets }) =>
    fc.record({
      roles: fc.constant(roles),
      buckets: fc.constant(buckets),
      hops: fc.array(fc.tuple(fc.nat(roles - 1), fc.nat(roles - 1), fc.constantFrom('sts-assume-role', 'iam-create-access-key')), { maxLength: 40 }),
      reads: fc.array(fc.tuple(fc.nat(roles - 1), fc.nat(buckets - 1), fc.constantFrom('read' as const, 'write' as const)), { maxLength: 10 }),
      admins: fc.array(fc.nat(roles - 1), { maxLength: 2 }),
    }),
  );
type RandomGraph = typeof randomGraph extends fc.Arbitrary<infer T> ? T : never;

function space(g: RandomGraph, maxDepth: number): SearchSpace {
  const graph = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>();
  const role = (i: number) => `role/${i}`;
  const bucket = (i: number) => `bucket/${i}`;
  for (let i = 0; i < g.roles; i++) graph.addNode(role(i), { kind: 'role', label: role(i), accountId: ACCOUNT });
  for (let i = 0; i < g.buckets; i++) graph.addNode(bucket(i), { kind: 'bucket', label: bucket(i), accountId: ACCOUNT });
  graph.addNode('admin', { kind: 'account-admin', label: 'admin', accountId: ACCOUNT });
  const edge = (kind: EdgeAttrs['kind'], extra: Partial<EdgeAttrs> = {}): EdgeAttrs => ({ kind, actions: [], provenance: [], conditional: false, confidence: 1, ...extra });
  for (const [from, to, technique] of g.hops) if (from !== to) graph.mergeEdgeWithKey(`${from}>${to}:${technique}`, role(from), role(to), edge('escalation', { technique }));
  for (const [from, to, access] of g.reads) graph.mergeEdgeWithKey(`${from}>b${to}:${access}`, role(from), bucket(to), edge('data-access', { access }));
  for (const from of g.admins) graph.mergeEdgeWithKey(`${from}>admin`, role(from), 'admin', edge('admin-equivalent'));
  const impact = { impact: 'C-DATA', rule: 'r', confidence: 1 };
  const jewels = new Map<string, CrownJewel>();
  for (let i = 0; i < g.buckets; i++) jewels.set(bucket(i), { node: bucket(i), rules: ['r'], impacts: new Map([['read', { ...impact, confidence: 0.5 + (i % 5) / 10 }], ['write', impact]]) });
  jewels.set('admin', { node: 'admin', rules: ['a'], impacts: new Map([['admin', { ...impact, impact: 'C-ADMIN' }]]) });
  return searchSpace(buildAdjacency({ graph, blocks: [] }), jewels, maxDepth, 0.97);
}

/** Simple paths from `start` per impact key, by exhaustive enumeration. */
function exhaustive(s: SearchSpace, start: number): Map<number, number> {
  const counts = new Map<number, number>();
  const onPath = new Set([start]);
  const visit = (node: number, depth: number) => {
    for (let i = s.adj.outStart[node]!; i < s.adj.outStart[node + 1]!; i++) {
      const e = s.adj.outEdges[i]!;
      const target = s.adj.edgeTarget[e]!;
      if (onPath.has(target)) continue;
      if (s.edgeKey[e]! >= 0) counts.set(s.edgeKey[e]!, (counts.get(s.edgeKey[e]!) ?? 0) + 1);
      if (depth + 1 < s.maxDepth) {
        onPath.add(target);
        visit(target, depth + 1);
        onPath.delete(target);
      }
    }
  };
  visit(start, 0);
  return counts;
}

/** Crown jewels a pivot reaches, by a plain BFS as the old counter did it. */
/** Each pair's weight in these tests: its impact's confidence. */
const weightOf = (impact: { confidence: number }) => impact.confidence;

/** The (jewel, access) pairs a pivot reaches, by a plain BFS: their count and summed weight. */
function blastRadiusByBfs(s: SearchSpace, pivot: number): { count: number; weighted: number } {
  const reached = new Set<string>();
  const depthOf = new Map([[pivot, 0]]);
  const queue = [pivot];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (let i = s.adj.outStart[node]!; i < s.adj.outStart[node + 1]!; i++) {
      const e = s.adj.outEdges[i]!;
      const target = s.adj.edgeTarget[e]!;
      if (s.edgeKey[e]! >= 0) reached.add(s.keys[s.edgeKey[e]!]!.name);
      if (s.adj.nodeAttrs[target]!.kind === 'account-admin') for (const j of s.jewels.values()) for (const a of j.impacts.keys()) reached.add(`${j.node}|${a}`);
      if (!depthOf.has(target) && depthOf.get(node)! + 1 < s.maxDepth) {
        depthOf.set(target, depthOf.get(node)! + 1);
        queue.push(target);
      }
    }
  }
  let weighted = 0;
  for (const name of reached) {
    const [node, access] = [name.slice(0, name.lastIndexOf('|')), name.slice(name.lastIndexOf('|') + 1)];
    weighted += weightOf(s.jewels.get(node)!.impacts.get(access as never)!);
  }
  return { count: reached.size, weighted };
}

describe('alternatives', () => {
  it('counts exactly the simple paths of each finding, up to the cap', () => {
    fc.assert(
      fc.property(randomGraph, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 12 }), (g, maxDepth, cap) => {
        const s = space(g, maxDepth);
        for (let r = 0; r < g.roles; r++) {
          const start = s.adj.nodeIndex.get(`role/${r}`)!;
          const want = exhaustive(s, start);
          const keys = [...want.keys()];
          const counts = countAlternatives(s, keys.map((key) => ({ entry: { node: `role/${r}`, entryPoint: 'what-if' }, key })), cap);
          keys.forEach((key, i) => {
            expect(counts[i]).toEqual({ paths: Math.min(want.get(key)!, cap), capped: want.get(key)! >= cap, outOfBudget: false });
          });
        }
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});

describe('blast radius', () => {
  it('gives every pivot the same count and weight forward and from reverse labels', () => {
    fc.assert(
      fc.property(randomGraph, fc.integer({ min: 1, max: 6 }), (g, maxDepth) => {
        const s = space(g, maxDepth);
        const forward = blastRadiusCounter(s, weightOf, { reverseAfter: Infinity });
        const reverse = blastRadiusCounter(s, weightOf, { reverseAfter: 0 });
        for (let r = 0; r < g.roles; r++) {
          const pivot = s.adj.nodeIndex.get(`role/${r}`)!;
          const want = blastRadiusByBfs(s, pivot);
          for (const got of [forward(pivot), reverse(pivot)]) {
            expect(got.count).toBe(want.count);
            expect(got.weighted).toBeCloseTo(want.weighted, 9);
          }
        }
      }),
      { numRuns: 300, seed: 4 },
    );
  });
});
