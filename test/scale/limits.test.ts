/**
 * Search caps are never silent: a count stopped at the alternatives cap or by the edge budget is
 * marked capped, the analysis result says how many in `limits`, and the JSON and table reports
 * show it. A complete search adds nothing, so reports of complete searches keep their bytes.
 */
import { describe, expect, it } from 'vitest';
import { countAlternatives, FINDING_EDGE_BUDGET, TOTAL_EDGE_BUDGET } from '../../src/analyze/alternatives.js';
import { buildAdjacency } from '../../src/analyze/adjacency.js';
import type { AnalysisResult } from '../../src/analyze/finding.js';
import { searchSpace } from '../../src/analyze/space.js';
import { MultiDirectedGraph } from 'graphology';
import type { CrownJewel, EdgeAttrs, NodeAttrs } from '../../src/graph/index.js';
import { renderReport } from '../../src/report/index.js';
import { demoResult, metaFor } from '../report/results.js';

function withBudgetCut(result: AnalysisResult): AnalysisResult {
  return { ...result, limits: { ...result.limits, alternativesCapped: 2, findingsOutOfBudget: 1, edgeBudget: FINDING_EDGE_BUDGET, totalEdgeBudget: TOTAL_EDGE_BUDGET } };
}

/** A complete bipartite ladder: paths multiply per layer (width^layers of them). */
function ladder(layers: number, width: number) {
  const graph = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>();
  const id = (l: number, i: number) => `role/${l}-${i}`;
  graph.addNode('role/start', { kind: 'role', label: 'start' });
  graph.addNode('bucket', { kind: 'bucket', label: 'bucket' });
  for (let l = 0; l < layers; l++) for (let i = 0; i < width; i++) graph.addNode(id(l, i), { kind: 'role', label: id(l, i) });
  const edge = (kind: EdgeAttrs['kind'], access?: 'read'): EdgeAttrs => ({ kind, actions: [], provenance: [], conditional: false, confidence: 1, ...(access ? { access } : {}) });
  for (let i = 0; i < width; i++) graph.addEdge('role/start', id(0, i), edge('can-assume'));
  for (let l = 1; l < layers; l++) for (let i = 0; i < width; i++) for (let j = 0; j < width; j++) graph.addEdge(id(l - 1, i), id(l, j), edge('can-assume'));
  for (let i = 0; i < width; i++) graph.addEdge(id(layers - 1, i), 'bucket', edge('data-access', 'read'));
  const jewels = new Map<string, CrownJewel>([['bucket', { node: 'bucket', rules: ['r'], impacts: new Map([['read', { impact: 'C-DATA', rule: 'r', confidence: 1 }]]) }]]);
  return searchSpace(buildAdjacency({ graph, blocks: [] }), jewels, layers + 1, 0.97);
}

const start = { node: 'role/start', entryPoint: 'what-if' };

describe('search limits', () => {
  it('counts paths up to the cap and says when it was reached', () => {
    const s = ladder(3, 4);
    const [count] = countAlternatives(s, [{ entry: start, key: 0 }], 10);
    expect(count).toEqual({ paths: 10, capped: true, outOfBudget: false });
    // 4^3 = 64 paths: under a cap of 100 the count is exact and not capped.
    expect(countAlternatives(s, [{ entry: start, key: 0 }], 100)).toEqual([{ paths: 64, capped: false, outOfBudget: false }]);
  });

  it('stops at the per-finding edge budget and marks the count as a capped lower bound', () => {
    // 5 layers of 20: 3.2 million paths, far beyond a budget of 1,000 edges.
    const [count] = countAlternatives(ladder(5, 20), [{ entry: start, key: 0 }], 1_000_000_000, { perFinding: 1_000, total: 1_000_000 });
    expect(count!.outOfBudget).toBe(true);
    expect(count!.capped).toBe(true);
    expect(count!.paths).toBeGreaterThan(0);
  });

  it('shares the total budget in request order: later findings are cut once it is spent', () => {
    const s = ladder(3, 4);
    const requests = [{ entry: start, key: 0 }, { entry: start, key: 0 }];
    // One whole enumeration examines 4 + 16 + 64 = 84 edges (the last hop is counted, not scanned).
    const counts = countAlternatives(s, requests, 100, { perFinding: 1_000, total: 100 });
    expect(counts[0]).toEqual({ paths: 64, capped: false, outOfBudget: false });
    expect(counts[1]!.outOfBudget).toBe(true);
  });

  it('shows a budget cut in the JSON report', () => {
    const result = withBudgetCut(demoResult());
    const doc = JSON.parse(renderReport('json', { result, meta: metaFor(result), color: false })) as { limits: Record<string, number> };
    expect(doc.limits).toMatchObject({ alternativesCapped: 2, findingsOutOfBudget: 1, edgeBudget: FINDING_EDGE_BUDGET, totalEdgeBudget: TOTAL_EDGE_BUDGET });
  });

  it('adds no limit fields to the JSON report of a complete search', () => {
    const result = demoResult();
    const doc = JSON.parse(renderReport('json', { result, meta: metaFor(result), color: false })) as { limits: Record<string, number> };
    expect(Object.keys(doc.limits).sort()).toEqual(['alternativesCap', 'alternativesCapped', 'maxDepth']);
  });

  it('shows a budget cut in the table report', () => {
    const result = withBudgetCut(demoResult());
    const text = renderReport('table', { result, meta: metaFor(result), color: false }).replace(/\s+/g, ' ');
    expect(text).toContain('Search limits:');
    expect(text).toContain(`ran out of its edge budget (${FINDING_EDGE_BUDGET} per finding, ${TOTAL_EDGE_BUDGET} in all) for 1 finding`);
  });
});
