/**
 * The end-to-end benchmark: for sizes S (1k roles), M (10k roles, 50k resources, 50 accounts)
 * and L (30k roles), generate an organization, then time every pipeline stage of the compiled
 * product in a child process per size (so peak RSS is that size's own). Reports per stage
 * seconds, total, JSON.parse alone and total / parse, peak RSS, edges, findings, the planted
 * chains found, and the growth from S to L against n log n. Environment: BLASTPATH_BENCH_SIZES
 * (default S,M,L), BLASTPATH_BENCH_TIME_LIMIT (seconds per size, default 300),
 * BLASTPATH_BENCH_PROFILE (a directory for CPU profiles).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { mib, seconds } from './format.js';
import type { StageFigures } from './pipeline/stages.js';
import type { BenchSection } from './types.js';

const run = promisify(execFile);

/** The sizes the issue names; resources are 5 per role, accounts scale with roles. */
export const SIZES = {
  S: { roles: 1_000, resources: 5_000, accounts: 5 },
  M: { roles: 10_000, resources: 50_000, accounts: 50 },
  L: { roles: 30_000, resources: 150_000, accounts: 150 },
} as const;
type Size = keyof typeof SIZES;

/** Targets for size M on the reference machine (2 cores). */
const TARGET_M = { seconds: 15, rssBytes: 2 * 2 ** 30 };
const SEED = 'bench';

/** Seconds one size may take before it is stopped and reported as not finished. */
const TIME_LIMIT_S = Number(process.env['BLASTPATH_BENCH_TIME_LIMIT'] ?? 300);

type Figures = StageFigures & { generateMs: number };
/** A size that did not finish: why, and after how long. */
type Failure = { failed: string };

async function measure(size: Size, dir: string): Promise<Figures | Failure> {
  const here = dirname(fileURLToPath(import.meta.url));
  const file = join(dir, `${size}.json`);
  const { roles, resources, accounts } = SIZES[size];
  const started = performance.now();
  await run(process.execPath, [join(here, 'generator', 'cli.js'), '--roles', String(roles), '--resources', String(resources), '--accounts', String(accounts), '--seed', SEED, '-o', file], { maxBuffer: 1 << 20 });
  const generateMs = performance.now() - started;
  // BLASTPATH_BENCH_PROFILE=DIR writes a V8 CPU profile of each size's run into DIR.
  const profile = process.env['BLASTPATH_BENCH_PROFILE'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BLASTPATH_BENCH_PROFILE']}`, `--cpu-prof-name=pipeline-${size}.cpuprofile`] : [];
  const args = [...profile, '--expose-gc', '--max-old-space-size=12288', join(here, 'pipeline', 'stages.js'), file, join(dir, `${size}.expected.json`)];
  try {
    const { stdout } = await run(process.execPath, args, { maxBuffer: 16 << 20, timeout: TIME_LIMIT_S * 1000, killSignal: 'SIGKILL' });
    return { ...(JSON.parse(stdout.trim().split('\n').pop()!) as StageFigures), generateMs };
  } catch (error) {
    const e = error as { killed?: boolean; stderr?: string; message?: string };
    return { failed: e.killed ? `stopped after ${TIME_LIMIT_S} s` : `failed: ${(e.stderr ?? e.message ?? '').trim().split('\n').pop()}` };
  } finally {
    await rm(file, { force: true });
  }
}

const nLogN = (n: number) => n * Math.log2(n);

/** Runs the sizes and returns one row per figure, one column per size. */
export default async function bench(): Promise<BenchSection> {
  const sizes = (process.env['BLASTPATH_BENCH_SIZES'] ?? 'S,M,L').split(',').map((s) => s.trim().toUpperCase()) as Size[];
  for (const size of sizes) if (!(size in SIZES)) throw new Error(`unknown size ${size}; expected S, M or L`);
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
    { figure: 'roles / resources / accounts', ...Object.fromEntries(sizes.map((z) => [z, `${SIZES[z].roles} / ${SIZES[z].resources} / ${SIZES[z].accounts}`])) },
    row('snapshot MiB', (f) => mib(f.fileBytes)),
    row('generate s (not in total)', (f) => seconds(f.generateMs)),
    row('JSON.parse alone s', (f) => seconds(f.parseOnly)),
    ...stageNames.map((name) => row(`${name} s${name === 'inventory' || name === 'edges' ? ' (part of graph)' : ''}`, (f) => seconds(f.stages[name] ?? 0))),
    row('total s', (f) => seconds(f.totalMs)),
    row('CPU s (all threads, incl. separate inventory)', (f) => seconds(f.cpuMs)),
    row('total / JSON.parse', (f) => `${(f.totalMs / f.parseOnly).toFixed(1)}×`),
    row('peak RSS MiB', (f) => mib(f.maxRssBytes)),
    row('nodes', (f) => f.nodes),
    row('edges', (f) => f.edges),
    row('entries', (f) => f.entries),
    row('crown jewels', (f) => f.crownJewels),
    row('findings (critical)', (f) => `${f.findings} (${f.critical})`),
    row('planted findings found', (f) => `${f.plantedFound}/${f.plantedTotal}`),
    row('unexpected critical', (f) => f.unexpectedCritical.length),
    row('alternatives capped / findings out of budget', (f) => `${f.alternativesCapped} / ${f.findingsOutOfBudget}`),
  ];
  const notes: string[] = [];
  // Growth from the smallest to the largest size that finished, against n log n (n = roles + resources).
  const done = sizes.filter((z) => figures.has(z));
  const [small, large] = [done[0], done[done.length - 1]];
  if (small && large && small !== large) {
    const n = (size: Size) => SIZES[size].roles + SIZES[size].resources;
    const ratio = figures.get(large)!.totalMs / figures.get(small)!.totalMs;
    notes.push(`growth ${small}→${large}: time ×${ratio.toFixed(1)} for n ×${(n(large) / n(small)).toFixed(0)}; n log n predicts ×${(nLogN(n(large)) / nLogN(n(small))).toFixed(1)}`);
  }
  const m = figures.get('M');
  if (m) {
    const ok = (pass: boolean) => (pass ? 'met' : 'MISSED');
    notes.push(`target M: ${seconds(m.totalMs)} s of < ${TARGET_M.seconds} s (${ok(m.totalMs < TARGET_M.seconds * 1000)}), ${mib(m.maxRssBytes)} MiB of < ${mib(TARGET_M.rssBytes)} MiB peak RSS (${ok(m.maxRssBytes < TARGET_M.rssBytes)})`);
  }
  for (const [size, f] of figures) {
    if (f.unexpectedCritical.length) notes.push(`${size}: unexpected critical findings: ${f.unexpectedCritical.slice(0, 5).join('; ')}${f.unexpectedCritical.length > 5 ? ' ...' : ''}`);
  }
  for (const [size, why] of failures) notes.push(`${size}: did not finish (${why}); set BLASTPATH_BENCH_TIME_LIMIT (seconds) to allow longer`);
  notes.push(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (figures are wall time; other work on the machine inflates them)`);
  notes.push('total = every stage but the separately timed inventory (edges = graph - inventory); peak RSS is the child process of that size.');
  return { title: 'Pipeline stages by size (seconds unless noted)', rows, notes };
}
