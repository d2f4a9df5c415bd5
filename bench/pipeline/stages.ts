/**
 * One size of the pipeline benchmark, run in its own process so peak RSS belongs to that size:
 * times every stage of the compiled product on its snapshot files (several when the size is
 * sharded), checks the planted chains, counts edges per technique, and prints one JSON line
 * with the figures. The inventory (the graph's facts layer) is timed alone in a second process,
 * `--inventory`: built beside the pipeline, its garbage raised the peak RSS by about a quarter
 * at size L (2.40 against 1.85 GiB) without being part of any real run.
 * Usage: node stages.js EXPECTED SNAPSHOT [SNAPSHOT...] | node stages.js --inventory SNAPSHOT [SNAPSHOT...]
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findingKey, readExpected } from '../generator/expected.js';
import { loadProduct } from '../product.js';

/** What the `--inventory` run reports: the facts layer built alone, wall and CPU milliseconds. */
export interface InventoryFigures {
  inventory: number;
  inventoryCpu: number;
}

/** What one size reports back to the benchmark. */
export interface StageFigures {
  /** Milliseconds per stage, in pipeline order. */
  stages: Record<string, number>;
  /** CPU milliseconds (user + system) per stage: steadier than wall time on a shared machine. */
  cpuStages: Record<string, number>;
  /** Milliseconds of JSON.parse alone on the same text. */
  parseOnly: number;
  totalMs: number;
  /** CPU time (user + system, all threads) of the timed stages: a check on wall time when the machine is busy. */
  cpuMs: number;
  maxRssBytes: number;
  fileBytes: number;
  nodes: number;
  edges: number;
  entries: number;
  crownJewels: number;
  findings: number;
  critical: number;
  plantedFound: number;
  plantedTotal: number;
  /** Critical findings that no planted chain explains. */
  unexpectedCritical: string[];
  alternativesCapped: number;
  findingsOutOfBudget: number;
  /** Edges per `kind:technique` (or access, or entry point) of the built graph. */
  edgesByTechnique: Record<string, number>;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** JSON.parse alone on the files' text, best of two each (the first also pays first-touch page faults). */
async function parseAlone(files: readonly string[]): Promise<{ parseOnly: number; fileBytes: number }> {
  let parseOnly = 0;
  let fileBytes = 0;
  for (const file of files) {
    const text = new TextDecoder().decode(await readFile(file));
    let best = Infinity;
    for (let i = 0; i < 2; i++) {
      const started = performance.now();
      JSON.parse(text);
      best = Math.min(best, performance.now() - started);
    }
    parseOnly += best;
    fileBytes += Buffer.byteLength(text);
  }
  return { parseOnly, fileBytes };
}

type Product = Awaited<ReturnType<typeof loadProduct>>;
type Timer = <T>(name: string, run: () => T | Promise<T>) => Promise<T>;

/** A timer adding each named stage's wall and CPU milliseconds into the two records. */
function timerInto(stages: Record<string, number>, cpuStages: Record<string, number>): Timer {
  return async (name, run) => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const value = await run();
    const used = process.cpuUsage(cpu);
    stages[name] = (stages[name] ?? 0) + performance.now() - started;
    cpuStages[name] = (cpuStages[name] ?? 0) + (used.user + used.system) / 1000;
    return value;
  };
}

/**
 * Reads, validates, merges and redacts the files as the product's loader does. The
 * intermediates (parsed JSON, validated, merged) live only inside this function, as inside
 * loadInputs, so peak RSS is what a real run holds.
 */
async function loadTimed(p: Product, files: readonly string[], time: Timer) {
  const validated: Array<{ source: string; snapshot: Awaited<ReturnType<typeof p.load.toSnapshot>> }> = [];
  for (const file of files) {
    const data = await time('read + parse', () => p.read.readJsonFile(file));
    validated.push({ source: file, snapshot: await time('validate', () => p.load.toSnapshot(data, file)) });
  }
  const merged = await time('merge', () => p.snapshot.mergeSnapshots(validated));
  const { snapshot, credentials } = await time('redact', () => p.snapshot.redactSnapshot(merged));
  return { snapshot, credentials, sources: [...files] };
}

/** The inventory (the graph's facts layer: policy compilation and indexes) built alone, after the same load. */
async function inventoryAlone(files: readonly string[]): Promise<InventoryFigures> {
  const p = await loadProduct();
  const stages: Record<string, number> = {};
  const cpuStages: Record<string, number> = {};
  const time = timerInto(stages, cpuStages);
  const loaded = await loadTimed(p, files, time);
  await time('inventory', () => p.facts.buildFacts(loaded));
  return { inventory: stages['inventory']!, inventoryCpu: cpuStages['inventory']! };
}

async function main(expectedFile: string, files: readonly string[]): Promise<StageFigures> {
  const p = await loadProduct();
  const stages: Record<string, number> = {};
  const cpuStages: Record<string, number> = {};
  const time = timerInto(stages, cpuStages);
  const { parseOnly, fileBytes } = await parseAlone(files);
  gc();
  const cpuStart = process.cpuUsage();
  const loaded = await loadTimed(p, files, time);
  const { snapshot } = loaded;
  const rules = await time('rules', () => p.rules.loadRules({ dir: join(p.root, 'rules') }));
  const built = await time('graph', () => p.graph.buildGraph(loaded, rules, { whatIf: [] }));
  // Builds from before the search/rank split time analyze() as a whole under `search`.
  const split = typeof p.analyze.searchPaths === 'function';
  const outcome = split ? await time('search', () => p.analyze.searchPaths(built, rules, {})) : undefined;
  const result = outcome
    ? await time('rank', () => p.analyze.rankFindings(built, rules, outcome, { gaps: [] }))
    : await time('search', () => p.analyze.analyze(built, rules, { gaps: [] }));
  const meta = { toolVersion: p.version, snapshot: { collectedAt: snapshot.collectedAt, accounts: snapshot.accounts.map((a) => a.accountId), sources: [...files] } };
  const report = await time('report', () => p.report.renderReport('json', { result, meta, color: false }));
  await time('output redaction', () => p.snapshot.redactText(report));
  const cpu = process.cpuUsage(cpuStart);
  const totalMs = Object.values(stages).reduce((sum, ms) => sum + ms, 0);

  const edgesByTechnique: Record<string, number> = {};
  const count = (attrs: { kind: string; technique?: string; access?: string; entryPoint?: string }, n: number) => {
    const name = `${attrs.kind}:${attrs.technique ?? attrs.access ?? attrs.entryPoint ?? ''}`;
    edgesByTechnique[name] = (edgesByTechnique[name] ?? 0) + n;
  };
  built.graph.forEachEdge((_key, attrs) => count(attrs, 1));
  // Edges stored as blocks count as the pairs they stand for, read from what they share (builds
  // before blocks have none).
  for (const block of built.blocks ?? []) count(block.shared, block.size);
  const expected = readExpected(expectedFile);
  const want = new Set(expected.chains.flatMap((c) => c.findings.map(findingKey)));
  const found = new Set(result.findings.map((f) => findingKey({ entry: f.entry.node, entryPoint: f.entry.entryPoint, target: f.target.node, impact: f.target.impact })));
  const critical = result.findings.filter((f) => f.severity === 'critical');
  return {
    stages,
    cpuStages,
    parseOnly,
    totalMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    fileBytes,
    nodes: result.stats.nodes,
    edges: result.stats.edges,
    entries: result.stats.entries,
    crownJewels: result.stats.crownJewels,
    findings: result.findings.length,
    critical: critical.length,
    plantedFound: [...want].filter((k) => found.has(k)).length,
    plantedTotal: want.size,
    unexpectedCritical: critical
      .map((f) => findingKey({ entry: f.entry.node, entryPoint: f.entry.entryPoint, target: f.target.node, impact: f.target.impact }))
      .filter((k) => !want.has(k)),
    alternativesCapped: result.limits.alternativesCapped,
    // Products from before issue 20 counted entries, not findings, out of budget.
    findingsOutOfBudget: result.limits.findingsOutOfBudget ?? (result.limits as { entriesOutOfBudget?: number }).entriesOutOfBudget ?? 0,
    edgesByTechnique,
  };
}

const [expectedFile, ...files] = process.argv.slice(2);
if (!expectedFile || files.length === 0) {
  process.stderr.write('usage: node stages.js EXPECTED SNAPSHOT [SNAPSHOT...] | node stages.js --inventory SNAPSHOT [SNAPSHOT...]\n');
  process.exitCode = 2;
} else {
  (expectedFile === '--inventory' ? inventoryAlone(files) : main(expectedFile, files)).then(
    (figures) => process.stdout.write(`${JSON.stringify(figures)}\n`),
    (error: unknown) => {
      process.stderr.write(`stages: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
