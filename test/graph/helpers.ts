/** Builds graphs from fixture snapshots and reads edges as [from, kind, to] sets. */
import { forEachEdge } from '../../src/graph/edge-view.js';
import { buildGraph, type BuiltGraph, type EdgeAttrs } from '../../src/graph/index.js';
import { loadInputs } from '../../src/load/index.js';
import { loadRules } from '../../src/rules/index.js';

/** Loads fixture files and builds the graph with the bundled rules. */
export async function graphOf(...files: string[]): Promise<BuiltGraph> {
  return buildGraph(await loadInputs(files), loadRules());
}

/** One edge's identity and the attributes the tests look at. */
export interface EdgeView {
  from: string;
  to: string;
  attrs: EdgeAttrs;
}

/** Every edge of a kind. */
export function edgesOf(built: BuiltGraph, kind: EdgeAttrs['kind']): EdgeView[] {
  const out: EdgeView[] = [];
  forEachEdge(built, (_key, attrs, from, to) => {
    if (attrs.kind === kind) out.push({ from, to, attrs });
  });
  return out;
}

/** The edge of a kind between two nodes, if any. */
export function edgeBetween(built: BuiltGraph, from: string, to: string, kind: EdgeAttrs['kind']): EdgeView | undefined {
  return edgesOf(built, kind).find((e) => e.from === from && e.to === to);
}
