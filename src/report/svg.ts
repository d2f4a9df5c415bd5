/**
 * `--format svg`: the `dot` picture laid out by Graphviz compiled to WebAssembly, so no system
 * Graphviz binary is needed. The SVG is standalone (no scripts, no external references).
 */
import type { ReportContext } from './context.js';
import { renderDot } from './dot.js';

/** Renders the SVG report; needs `ctx.tools.graphviz` (loaded by the pipeline for this format). */
export function renderSvg(ctx: ReportContext): string {
  const graphviz = ctx.tools?.graphviz;
  // A caller that skipped loadReportTools is a bug, not bad input.
  if (!graphviz) throw new Error('report svg: Graphviz was not loaded (load it with loadReportTools("svg"))');
  return graphviz.svg(renderDot(ctx));
}
