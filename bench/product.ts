/**
 * The product as users run it: benchmarks load the compiled modules from dist/ (built by
 * `npm run build`, which `npm run bench` runs first), typed by their sources in src/. Measuring
 * dist/ keeps relative asset paths (bundled rules, package.json) exactly as in production and
 * lets `node --cpu-prof` profiles name dist/ files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Adjacency from '../src/analyze/adjacency.js';
import type * as Analyze from '../src/analyze/index.js';
import type * as Edges from '../src/graph/edges.js';
import type * as Graph from '../src/graph/index.js';
import type * as Facts from '../src/graph/facts/index.js';
import type * as Load from '../src/load/index.js';
import type * as Read from '../src/load/read.js';
import type * as Report from '../src/report/index.js';
import type * as Rules from '../src/rules/index.js';
import type * as Snapshot from '../src/snapshot/index.js';

/** The repository root: the nearest directory above this module whose package.json names blastpath. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'blastpath') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('bench: cannot find the blastpath repository root above this module');
    dir = parent;
  }
}

/** The stage modules of the compiled product. */
export interface Product {
  root: string;
  read: typeof Read;
  load: typeof Load;
  snapshot: typeof Snapshot;
  rules: typeof Rules;
  facts: typeof Facts;
  graph: typeof Graph;
  edges: typeof Edges;
  analyze: typeof Analyze;
  adjacency: typeof Adjacency;
  report: typeof Report;
  version: string;
}

/**
 * Imports the compiled stage modules; fails with a hint when dist/ is missing. The product is
 * this checkout's, or the one BLASTPATH_BENCH_PRODUCT names (another checkout's root, built):
 * the same benchmark then measures two versions back to back.
 */
export async function loadProduct(): Promise<Product> {
  const root = process.env['BLASTPATH_BENCH_PRODUCT'] ?? repoRoot();
  const dist = join(root, 'dist');
  if (!existsSync(join(dist, 'pipeline.js'))) throw new Error(`bench: ${dist} is not built; run npm run build first`);
  const load = async <T>(path: string) => (await import(pathToFileURL(join(dist, path)).href)) as T;
  return {
    root,
    read: await load<typeof Read>('load/read.js'),
    load: await load<typeof Load>('load/index.js'),
    snapshot: await load<typeof Snapshot>('snapshot/index.js'),
    rules: await load<typeof Rules>('rules/index.js'),
    facts: await load<typeof Facts>('graph/facts/index.js'),
    graph: await load<typeof Graph>('graph/index.js'),
    edges: await load<typeof Edges>('graph/edges.js'),
    analyze: await load<typeof Analyze>('analyze/index.js'),
    adjacency: await load<typeof Adjacency>('analyze/adjacency.js'),
    report: await load<typeof Report>('report/index.js'),
    version: (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version,
  };
}
