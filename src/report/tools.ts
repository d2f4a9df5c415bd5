/**
 * What some formats need besides the result: Graphviz compiled to WebAssembly (@viz-js/viz)
 * for `svg`, and its browser bundle for `html`, which inlines it so the page draws offline.
 * Loading is asynchronous and costs a 1.3 MB parse, so the caller loads only what the chosen
 * format declares, before rendering; reporters themselves stay synchronous and pure.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Graphviz, loaded: DOT in, SVG out (throws on DOT it cannot lay out). */
export interface Graphviz {
  svg(dot: string): string;
  version: string;
}

/** Tools a reporter may need; loaded by loadReportTools for the formats that declare them. */
export interface ReportTools {
  graphviz?: Graphviz;
  /** The viz.js browser bundle (defines `Viz` on `window`), to inline into the HTML report. */
  vizBrowserBundle?: string;
}

/** The names of the tools, for formats to declare what they need. */
export type ReportToolName = keyof ReportTools;

async function loadGraphviz(): Promise<Graphviz> {
  const { instance } = await import('@viz-js/viz');
  const viz = await instance();
  return { svg: (dot) => viz.renderString(dot, { format: 'svg', engine: 'dot' }), version: viz.graphvizVersion };
}

async function loadBrowserBundle(): Promise<string> {
  // The package exports only its entry point; the browser build sits next to it in dist/.
  const entry = createRequire(import.meta.url).resolve('@viz-js/viz');
  return readFile(join(dirname(entry), 'viz-global.js'), 'utf8');
}

const LOADERS: { readonly [T in ReportToolName]-?: () => Promise<NonNullable<ReportTools[T]>> } = {
  graphviz: loadGraphviz,
  vizBrowserBundle: loadBrowserBundle,
};

/** Loads the named tools. */
export async function loadTools(names: readonly ReportToolName[]): Promise<ReportTools> {
  const tools: ReportTools = {};
  for (const name of names) Object.assign(tools, { [name]: await LOADERS[name]() });
  return tools;
}
