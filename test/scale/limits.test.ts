/**
 * Search caps are never silent: when path counting runs out of its per-entry budget, the
 * analysis result says so in `limits`, and the JSON and table reports show it. A complete
 * search adds nothing, so reports of complete searches keep their bytes.
 */
import { describe, expect, it } from 'vitest';
import { countPaths, EXPANSION_BUDGET } from '../../src/analyze/alternatives.js';
import { buildAdjacency, hopsToTargets } from '../../src/analyze/adjacency.js';
import type { AnalysisResult } from '../../src/analyze/finding.js';
import { MultiDirectedGraph } from 'graphology';
import type { CrownJewel, EdgeAttrs, NodeAttrs } from '../../src/graph/index.js';
import { renderReport } from '../../src/report/index.js';
import { demoResult, metaFor } from '../report/results.js';

function withBudgetCut(result: AnalysisResult): AnalysisResult {
  return { ...result, limits: { ...result.limits, alternativesCapped: 2, entriesOutOfBudget: 1, expansionBudget: EXPANSION_BUDGET } };
}

/** A complete bipartite ladder: paths multiply per layer, so enumeration blows any budget. */
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
  const adj = buildAdjacency(graph);
  const jewels = new Map<string, CrownJewel>([['bucket', { node: 'bucket', rules: ['r'], impacts: new Map([['read', { impact: 'C-DATA', rule: 'r', confidence: 1 }]]) }]]);
  return { adj, jewels, toJewel: hopsToTargets(adj, [adj.nodeIndex.get('bucket')!]), maxDepth: layers + 1, decay: 0.97 };
}

describe('search limits', () => {
  it('counts paths up to the cap and says when it was reached', () => {
    const counts = countPaths(ladder(3, 4), { node: 'role/start', entryPoint: 'what-if' }, 10);
    expect(counts.counts.get('bucket|read')).toBe(10);
    expect(counts.capped.has('bucket|read')).toBe(true);
    expect(counts.outOfBudget).toBe(false);
  });

  it('stops at the expansion budget and marks every count of the entry as capped', () => {
    // 5 layers of 20: 20^5 = 3.2 million paths, far beyond the budget.
    const counts = countPaths(ladder(5, 20), { node: 'role/start', entryPoint: 'what-if' }, 1_000_000_000);
    expect(counts.outOfBudget).toBe(true);
    expect(counts.capped.has('bucket|read')).toBe(true);
  });

  it('shows a budget cut in the JSON report', () => {
    const result = withBudgetCut(demoResult());
    const doc = JSON.parse(renderReport('json', { result, meta: metaFor(result), color: false })) as { limits: Record<string, number> };
    expect(doc.limits).toMatchObject({ alternativesCapped: 2, entriesOutOfBudget: 1, expansionBudget: EXPANSION_BUDGET });
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
    expect(text).toContain(`Path counting stopped at ${EXPANSION_BUDGET} expansions for 1 entry`);
  });
});
