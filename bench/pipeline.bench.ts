/**
 * The end-to-end benchmark: per size, generate the input, then time every pipeline stage of the
 * compiled product in a child process per size (so peak RSS is that size's own). Organizations
 * S (1k roles), M (10k roles, 50k resources, 50 accounts), L (30k roles) and, opt-in, XL (100k
 * roles, 500k resources, 500 accounts, written in shards under V8's longest string); dense
 * single accounts D1, D2, D7 (1,000, 2,000, 7,000 principals, bench/generator/dense.ts).
 * Reports per stage seconds, total, JSON.parse alone and total / parse, peak RSS, edges,
 * findings, the planted chains found, the targets, growth against n log n, and edges per
 * technique. Environment: BLASTPATH_BENCH_SIZES (default S,M,L,D1,D2,D7; add XL to run it),
 * BLASTPATH_BENCH_TIME_LIMIT (seconds per size, default 300; XL gets at least 1,800),
 * BLASTPATH_BENCH_PROFILE (a directory for CPU profiles), BLASTPATH_BENCH_PRODUCT (measure another
 * built checkout, e.g. main, with this benchmark).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import type * as Heap from '../src/cli/heap.js';
import { mib, seconds } from './format.js';
import type { InventoryFigures, StageFigures } from './pipeline/stages.js';
import { repoRoot } from './product.js';
import type { BenchSection } from './types.js';

const run = promisify(execFile);

/** A generated organization, or a dense single account. */
type SizeSpec = { roles: number; resources: number; accounts: number; shardAccounts?: number } | { dense: number };

/** The sizes the issue names; organizations have 5 resources per role, accounts scale with roles. */
export const SIZES = {
  S: { roles: 1_000, resources: 5_000, accounts: 5 },
  M: { roles: 10_000, resources: 50_000, accounts: 50 },
  L: { roles: 30_000, resources: 150_000, accounts: 150 },
  XL: { roles: 100_000, resources: 500_000, accounts: 500, shardAccounts: 100 },
  D1: { dense: 1_000 },
  D2: { dense: 2_000 },
  D7: { dense: 7_000 },
} as const satisfies Record<string, SizeSpec>;
type Size = keyof typeof SIZES;
const DEFAULT_SIZES = 'S,M,L,D1,D2,D7';

/** The targets: wall seconds, peak RSS, and total / JSON.parse. */
const TARGETS: Partial<Record<Size, { seconds: number; rssBytes?: number; parseRatio?: number }>> = {
  M: { seconds: 5, parseRatio: 10 },
  L: { seconds: 15, rssBytes: 2 * 2 ** 30 },
  XL: { seconds: 60 },
  D2: { seconds: 2 },
  D7: { seconds: 5, rssBytes: 2 ** 30 },
};
const SEED = 'bench';

/** Seconds one size may take before it is stopped and reported as not finished. */
const TIME_LIMIT_S = Number(process.env['BLASTPATH_BENCH_TIME_LIMIT'] ?? 300);
const limitFor = (size: Size) => (size === 'XL' ? Math.max(TIME_LIMIT_S, 1_800) : TIME_LIMIT_S);

type Figures = StageFigures & { generateMs: number; heapMib?: number };
/** A size that did not finish: why, and after how long. */
type Failure = { failed: string };

const isDense = (spec: SizeSpec): spec is { dense: number } => 'dense' in spec;

/** The generator's arguments for one size. */
function generatorArgs(spec: SizeSpec, file: string): string[] {
  if (isDense(spec)) return ['--profile', 'dense', '--principals', String(spec.dense), '--seed', SEED, '-o', file];
  const shard = spec.shardAccounts ? ['--shard-accounts', String(spec.shardAccounts)] : [];
  return ['--roles', String(spec.roles), '--resources', String(spec.resources), '--accounts', String(spec.accounts), ...shard, '--seed', SEED, '-o', file];
}

/** The files the generator wrote for one size. */
function snapshotFiles(spec: SizeSpec, file: string): string[] {
  if (isDense(spec) || !spec.shardAccounts) return [file];
  const count = Math.ceil(spec.accounts / spec.shardAccounts);
  return Array.from({ length: count }, (_, i) => file.replace(/\.json$/, `-${String(i).padStart(3, '0')}.json`));
}

async function measure(size: Size, dir: string): Promise<Figures | Failure> {
  const here = dirname(fileURLToPath(import.meta.url));
  const spec: SizeSpec = SIZES[size];
  const file = join(dir, `${size}.json`);
  const started = performance.now();
  await run(process.execPath, [join(here, 'generator', 'cli.js'), ...generatorArgs(spec, file)], { maxBuffer: 1 << 20 });
  const generateMs = performance.now() - started;
  const files = snapshotFiles(spec, file);
  // The heap the product's entry point would choose for these inputs (src/cli/heap.ts).
  const heap = (await import(pathToFileURL(join(repoRoot(), 'dist', 'cli', 'heap.js')).href)) as typeof Heap;
  const heapMib = heap.plannedHeapMib(heap.inputBytes(files), { heapLimit: getHeapStatistics().heap_size_limit, totalMemory: totalmem(), nodeFlags: '', alreadySet: false });
  // BLASTPATH_BENCH_PROFILE=DIR writes a V8 CPU profile of each size's run into DIR.
  const profile = process.env['BLASTPATH_BENCH_PROFILE'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BLASTPATH_BENCH_PROFILE']}`, `--cpu-prof-name=pipeline-${size}.cpuprofile`] : [];
  const node = ['--expose-gc', ...(heapMib ? [`--max-old-space-size=${heapMib}`] : []), join(here, 'pipeline', 'stages.js')];
  const child = async <T>(args: string[]): Promise<T> => {
    const { stdout } = await run(process.execPath, args, { maxBuffer: 16 << 20, timeout: limitFor(size) * 1000, killSignal: 'SIGKILL' });
    return JSON.parse(stdout.trim().split('\n').pop()!) as T;
  };
  try {
    const figures = await child<StageFigures>([...profile, ...node, join(dir, `${size}.expected.json`), ...files]);
    // The inventory in a process of its own, so that its facts' garbage is not in the pipeline's peak RSS.
    const alone = await child<InventoryFigures>([...node, '--inventory', ...files]);
    return { ...withInventory(figures, alone), generateMs, ...(heapMib ? { heapMib } : {}) };
  } catch (error) {
    const e = error as { killed?: boolean; stderr?: string; message?: string };
    return { failed: e.killed ? `stopped after ${limitFor(size)} s` : `failed: ${(e.stderr ?? e.message ?? '').trim().split('\n').pop()}` };
  } finally {
    for (const f of files) await rm(f, { force: true });
  }
}

/** The pipeline's figures with the inventory timed alone: edges = graph - inventory, CPU of both processes. */
function withInventory(figures: StageFigures, alone: InventoryFigures): StageFigures {
  // In the table's order: the inventory where the pipeline would build it (after the rules), edges last.
  const placed = (own: Record<string, number>, inventory: number): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const [name, ms] of Object.entries(own)) {
      if (name === 'graph') out['inventory'] = inventory;
      out[name] = ms;
    }
    return { ...out, edges: own['graph']! - inventory };
  };
  return { ...figures, stages: placed(figures.stages, alone.inventory), cpuStages: placed(figures.cpuStages, alone.inventoryCpu), cpuMs: figures.cpuMs + alone.inventoryCpu };
}

const nLogN = (n: number) => n * Math.log2(n);
const describe = (spec: SizeSpec) => (isDense(spec) ? `1 dense account, ${spec.dense} principals` : `${spec.roles} / ${spec.resources} / ${spec.accounts}`);

/** Runs the sizes: the stage table, then edges per technique. */
export default async function bench(): Promise<BenchSection[]> {
  const sizes = (process.env['BLASTPATH_BENCH_SIZES'] ?? DEFAULT_SIZES).split(',').map((s) => s.trim().toUpperCase()) as Size[];
  for (const size of sizes) if (!(size in SIZES)) throw new Error(`unknown size ${size}; expected one of ${Object.keys(SIZES).join(', ')}`);
  const dir = await mkdtemp(join(tmpdir(), 'blastpath-bench-'));
  const figures = new Map<Size, Figures>();
  const failures = new Map<Size, string>();
  try {
    for (const size of sizes) {
      process.stderr.write(`bench: pipeline ${size}...\n`);
      const measured = await measure(size, dir);
      if ('failed' in measured) failures.set(size, measured.failed);
      else figures.set(size, measured);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return [stageSection(sizes, figures, failures), techniqueSection(sizes, figures)];
}

function stageSection(sizes: Size[], figures: Map<Size, Figures>, failures: Map<Size, string>): BenchSection {
  const stageNames = [...new Set([...figures.values()].flatMap((f) => Object.keys(f.stages)))];
  const row = (label: string, value: (f: Figures, size: Size) => string | number): Record<string, string | number> => {
    const out: Record<string, string | number> = { figure: label };
    for (const size of sizes) {
      const f = figures.get(size);
      out[size] = f ? value(f, size) : label === 'total s' ? (failures.get(size) ?? '') : '';
    }
    return out;
  };
  const rows = [
    { figure: 'roles / resources / accounts', ...Object.fromEntries(sizes.map((z) => [z, describe(SIZES[z])])) },
    row('snapshot MiB', (f) => mib(f.fileBytes)),
    row('generate s (not in total)', (f) => seconds(f.generateMs)),
    row('JSON.parse alone s', (f) => seconds(f.parseOnly)),
    ...stageNames.map((name) => row(`${name} s${name === 'inventory' || name === 'edges' ? ' (part of graph)' : ''}`, (f) => seconds(f.stages[name] ?? 0))),
    row('total s', (f) => seconds(f.totalMs)),
    ...stageNames.filter((name) => name !== 'inventory' && name !== 'edges').map((name) => row(`${name} CPU s`, (f) => seconds(f.cpuStages?.[name] ?? 0))),
    row('CPU s (all threads, incl. separate inventory)', (f) => seconds(f.cpuMs)),
    row('total / JSON.parse', (f) => `${(f.totalMs / f.parseOnly).toFixed(1)}×`),
    row('peak RSS MiB', (f) => mib(f.maxRssBytes)),
    row('heap limit MiB (entry point’s choice)', (f) => (f.heapMib ? String(f.heapMib) : 'default')),
    row('nodes', (f) => f.nodes),
    row('edges', (f) => f.edges),
    row('entries', (f) => f.entries),
    row('crown jewels', (f) => f.crownJewels),
    row('findings (critical)', (f) => `${f.findings} (${f.critical})`),
    row('planted findings found', (f) => `${f.plantedFound}/${f.plantedTotal}`),
    row('unexpected critical', (f) => (f.plantedTotal > 0 ? f.unexpectedCritical.length : 'n/a')),
    row('alternatives capped / out of budget (findings; entries before issue 20)', (f) => `${f.alternativesCapped} / ${f.findingsOutOfBudget}`),
  ];
  const notes: string[] = [];
  // Growth from the smallest to the largest organization that finished, against n log n (n = roles + resources).
  const organizations = sizes.filter((z) => figures.has(z) && !isDense(SIZES[z]));
  const [small, large] = [organizations[0], organizations[organizations.length - 1]];
  if (small && large && small !== large) {
    const n = (size: Size) => {
      const spec = SIZES[size] as { roles: number; resources: number };
      return spec.roles + spec.resources;
    };
    const ratio = figures.get(large)!.totalMs / figures.get(small)!.totalMs;
    notes.push(`growth ${small}→${large}: time ×${ratio.toFixed(1)} for n ×${(n(large) / n(small)).toFixed(0)}; n log n predicts ×${(nLogN(n(large)) / nLogN(n(small))).toFixed(1)}`);
  }
  const dense = sizes.filter((z) => figures.has(z) && isDense(SIZES[z]));
  if (dense.length > 1) {
    const [a, b] = [dense[0]!, dense[dense.length - 1]!];
    const grow = Math.log(figures.get(b)!.totalMs / figures.get(a)!.totalMs) / Math.log((SIZES[b] as { dense: number }).dense / (SIZES[a] as { dense: number }).dense);
    notes.push(`growth ${a}→${b}: time grows as n^${grow.toFixed(2)} in principals`);
  }
  const ok = (pass: boolean) => (pass ? 'met' : 'MISSED');
  for (const size of sizes) {
    const target = TARGETS[size];
    const f = figures.get(size);
    if (!target || !f) continue;
    const parts = [`${seconds(f.totalMs)} s of ≤ ${target.seconds} s (${ok(f.totalMs <= target.seconds * 1000)})`];
    if (target.rssBytes) parts.push(`${mib(f.maxRssBytes)} MiB of ≤ ${mib(target.rssBytes)} MiB peak RSS (${ok(f.maxRssBytes <= target.rssBytes)})`);
    if (target.parseRatio) parts.push(`${(f.totalMs / f.parseOnly).toFixed(1)}× of ≤ ${target.parseRatio}× JSON.parse (${ok(f.totalMs / f.parseOnly <= target.parseRatio)})`);
    notes.push(`target ${size}: ${parts.join(', ')}`);
  }
  // Dense accounts plant no chains: every critical finding there is expected.
  for (const [size, f] of figures) {
    if (f.plantedTotal > 0 && f.unexpectedCritical.length) notes.push(`${size}: unexpected critical findings: ${f.unexpectedCritical.slice(0, 5).join('; ')}${f.unexpectedCritical.length > 5 ? ' ...' : ''}`);
  }
  for (const [size, why] of failures) notes.push(`${size}: did not finish (${why}); set BLASTPATH_BENCH_TIME_LIMIT (seconds) to allow longer`);
  notes.push(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (figures are wall time; other work on the machine inflates them)`);
  notes.push('total = every stage but the inventory, timed alone in a second process (edges = graph - inventory); peak RSS is the pipeline\'s child process of that size.');
  return { title: 'Pipeline stages by size (seconds unless noted)', rows, notes };
}

/** Most edge kinds shown by name; the rest are summed in one row. */
const TECHNIQUE_ROWS = 20;

function techniqueSection(sizes: Size[], figures: Map<Size, Figures>): BenchSection {
  const done = sizes.filter((z) => figures.has(z));
  const names = [...new Set(done.flatMap((z) => Object.keys(figures.get(z)!.edgesByTechnique)))];
  const largest = (name: string) => Math.max(...done.map((z) => figures.get(z)!.edgesByTechnique[name] ?? 0));
  names.sort((a, b) => largest(b) - largest(a) || (a < b ? -1 : 1));
  const shown = names.slice(0, TECHNIQUE_ROWS);
  const rest = names.slice(TECHNIQUE_ROWS);
  const row = (label: string, count: (z: Size) => number) => ({ 'edge kind:technique': label, ...Object.fromEntries(done.map((z) => [z, count(z)])) });
  const rows = shown.map((name) => row(name, (z) => figures.get(z)!.edgesByTechnique[name] ?? 0));
  if (rest.length) rows.push(row(`${rest.length} others`, (z) => rest.reduce((sum, name) => sum + (figures.get(z)!.edgesByTechnique[name] ?? 0), 0)));
  rows.push(row('all edges', (z) => figures.get(z)!.edges));
  return { title: 'Edges per technique by size', rows, notes: [`the ${TECHNIQUE_ROWS} largest by their largest count; kind:technique, or kind:access and kind:entry point`] };
}
