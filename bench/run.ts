/**
 * `npm run bench`: runs every `bench/*.bench.ts` module in name order, prints each section as
 * a table, compares the figures with the previous bench/results.json (kept as
 * bench/results.previous.json), and writes all of them to bench/results.json. Options (after `--`):
 *   --only NAME[,NAME]   run only modules whose file name contains one of the names
 *   --sizes S,M,L        sizes for the pipeline benchmark (exported as BLASTPATH_BENCH_SIZES)
 *   --xl                 add the XL organization to the pipeline sizes (opt-in: ~10 GiB, minutes)
 * A module that throws is reported as a failed section; the exit code is then 1.
 */
import { copyFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { compareSections } from './compare.js';
import { renderSection } from './format.js';
import { repoRoot } from './product.js';
import type { BenchSection } from './types.js';

interface ResultFile {
  node: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  sections: Array<BenchSection & { module: string; seconds: number; error?: string }>;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { only: { type: 'string' }, sizes: { type: 'string' }, xl: { type: 'boolean' } }, strict: true });
  if (values.sizes) process.env['BLASTPATH_BENCH_SIZES'] = values.sizes;
  if (values.xl) process.env['BLASTPATH_BENCH_SIZES'] = `${process.env['BLASTPATH_BENCH_SIZES'] ?? 'S,M,L,D1,D2,D7'},XL`;
  const only = values.only?.split(',').filter(Boolean) ?? [];
  const here = dirname(fileURLToPath(import.meta.url));
  const modules = (await readdir(here))
    .filter((name) => name.endsWith('.bench.js'))
    .filter((name) => only.length === 0 || only.some((o) => name.includes(o)))
    .sort();
  if (modules.length === 0) {
    process.stderr.write(`bench: no benchmark modules matched${only.length ? ` --only ${only.join(',')}` : ''}\n`);
    return 2;
  }
  const results: ResultFile = {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    sections: [],
  };
  let failed = false;
  for (const name of modules) {
    const started = performance.now();
    const module = name.replace(/\.js$/, '.ts');
    process.stderr.write(`bench: ${module}...\n`);
    try {
      const { default: bench } = (await import(pathToFileURL(join(here, name)).href)) as { default: () => Promise<BenchSection | BenchSection[]> };
      const sections = [await bench()].flat();
      const took = (performance.now() - started) / 1000;
      for (const section of sections) {
        results.sections.push({ ...section, module, seconds: Math.round(took * 10) / 10 });
        process.stdout.write(`${renderSection(section)}  (${module}, ${took.toFixed(1)} s)\n\n`);
      }
    } catch (error) {
      failed = true;
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      results.sections.push({ title: module, rows: [], module, seconds: 0, error: message });
      process.stdout.write(`== ${module}: FAILED\n${message}\n\n`);
    }
  }
  const out = join(repoRoot(), 'bench', 'results.json');
  const previous = await readFile(out, 'utf8').then((text) => JSON.parse(text) as ResultFile, () => undefined);
  if (previous) {
    const comparison = compareSections(previous.sections, results.sections, `before: bench/results.json as it was (now bench/results.previous.json), Node ${previous.node}`);
    if (comparison) process.stdout.write(`${renderSection(comparison)}\n`);
    await copyFile(out, join(repoRoot(), 'bench', 'results.previous.json'));
  }
  await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
  process.stderr.write(`bench: wrote ${out}\n`);
  return failed ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
