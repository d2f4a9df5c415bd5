/**
 * The technique step on worker threads (src/graph/parallel/) builds the graph one thread builds,
 * edge for edge and in the same order, edge blocks included (read through edge-view): on the
 * demo, a generated dense account and a generated multi-account organization, with 1, 2 and 3
 * threads. The workers are the compiled ones in dist/, as the CLI runs them. A worker that fails or exits early ends the build with a ThreadError.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDenseAccount, writeSnapshot } from '../../bench/generator/index.js';
import { ThreadError } from '../../src/core/errors.js';
import { buildGraph, buildGraphInThreads, type BuiltGraph, type LoadedSnapshot } from '../../src/graph/index.js';
import { edgeCount, forEachEdge } from '../../src/graph/edge-view.js';
import type { MadeBlock } from '../../src/graph/made-blocks.js';
import { workerAvailable } from '../../src/graph/parallel/threads.js';
import { loadInputs } from '../../src/load/index.js';
import { loadRules } from '../../src/rules/index.js';

const WORKER = new URL('../../dist/graph/parallel/worker.js', import.meta.url);
const rules = loadRules();
let dir: string;
const inputs: Record<string, string> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blastpath-threads-'));
  inputs['dense'] = join(dir, 'dense.json');
  await writeDenseAccount(inputs['dense'], { principals: 120, seed: 'threads' });
  inputs['organization'] = join(dir, 'org.json');
  await writeSnapshot(inputs['organization'], { roles: 300, resources: 1_200, accounts: 6, seed: 'threads' });
  inputs['demo'] = 'fixtures/demo';
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Everything a build produced: every edge as readers see it (edge-view's forEachEdge: pair edges
 * and block edges, keys, ends and attributes), the graph's own export, the blocks' data in order.
 */
function fingerprint(built: BuiltGraph): string {
  const { graph, blocks, ...rest } = built;
  const edges: unknown[] = [];
  forEachEdge(built, (key, attrs, from, to) => edges.push([key, from, to, attrs]));
  const blockData = blocks.map((block) => [block.constructor.name, (block as MadeBlock).data]);
  return JSON.stringify({ edges, graph: graph.export(), blocks: blockData, ...rest, crownJewels: [...rest.crownJewels], toolInvokers: [...(rest.toolInvokers ?? [])] });
}

const load = async (name: string): Promise<LoadedSnapshot> => loadInputs([inputs[name]!]);

describe('technique edges drawn on worker threads', () => {
  it('runs the compiled worker script', () => {
    expect(workerAvailable(WORKER)).toBe(true);
  });

  for (const name of ['demo', 'dense', 'organization']) {
    it(`builds the same graph as one thread: ${name}`, async () => {
      const single = buildGraph(await load(name), rules);
      const one = fingerprint(single);
      expect(one.length).toBeGreaterThan(1_000);
      // Most technique edges are blocks' (not the demo's: its callers have few targets each).
      if (name !== 'demo') expect(edgeCount(single) - single.graph.size, name).toBeGreaterThan(100);
      for (const workers of [1, 2, 3]) {
        const many = fingerprint(await buildGraphInThreads(await load(name), rules, { workers, workerUrl: WORKER }));
        expect(many === one, `${workers} threads`).toBe(true);
      }
    }, 120_000);
  }

  it('keeps build options: --no-derived, the analysis time, a released snapshot, no edge blocks', async () => {
    const options = { derived: false, at: '2027-01-01T00:00:00Z', edgeBlocks: false } as const;
    const one = fingerprint(buildGraph(await load('organization'), rules, options));
    const many = fingerprint(await buildGraphInThreads(await load('organization'), rules, { ...options, releaseSnapshot: true, workers: 2, workerUrl: WORKER }));
    expect(many === one).toBe(true);
  }, 120_000);

  it('one thread asked for starts no worker (a worker script that fails is never run)', async () => {
    const failing = await workerScript('fails.mjs', "throw new Error('boom');");
    const built = await buildGraphInThreads(await load('demo'), rules, { workers: 1, workerUrl: failing });
    expect(fingerprint(built) === fingerprint(buildGraph(await load('demo'), rules))).toBe(true);
  });
});

describe('a worker that fails', () => {
  it('ends the build with a ThreadError that says what happened and how to avoid threads', async () => {
    const failing = await workerScript('throws.mjs', "throw new Error('boom');");
    const error = await buildGraphInThreads(await load('demo'), rules, { workers: 2, workerUrl: failing }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThreadError);
    expect((error as Error).message).toMatch(/^graph: a worker thread deriving technique edges failed: boom; `--workers 1`/);
  });

  it('or exits without sending its edges, ends it too', async () => {
    const exiting = await workerScript('exits.mjs', 'process.exit(3);');
    const error = await buildGraphInThreads(await load('demo'), rules, { workers: 2, workerUrl: exiting }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThreadError);
    expect((error as Error).message).toMatch(/stopped \(exit code 3\) before sending its edges/);
  });
});

async function workerScript(name: string, body: string): Promise<URL> {
  const file = join(dir, name);
  await writeFile(file, `${body}\n`);
  return pathToFileURL(file);
}
