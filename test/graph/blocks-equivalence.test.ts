/**
 * Edge blocks are read as the pairs they stand for: with the technique step's blocks, or with every technique edge moved out of
 * graphology into blocks (test/support/blockify.ts), the demo, a generated dense account and a
 * generated organization give the same findings report, identity cards, posture, exports,
 * diff side, `path`, `radius` and edge counts, byte for byte, as the same graph stored pair by
 * pair; and the search's adjacency numbers every edge the same way.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDenseAccount, writeSnapshot } from '../../bench/generator/index.js';
import { buildAdjacency, type EdgeHead } from '../../src/analyze/adjacency.js';
import { queryPath } from '../../src/analyze/path-query.js';
import { radiusOf } from '../../src/analyze/radius.js';
import { exportFiles, exportGraph, fileText, EXPORT_FORMATS } from '../../src/export/index.js';
import { sideFromGraph } from '../../src/gate/diff/index.js';
import { edgeCount, forEachEdge, inEdges, outEdges, type EdgeSource } from '../../src/graph/edge-view.js';
import { buildGraph, type BuiltGraph } from '../../src/graph/index.js';
import { loadInputs, type LoadedInput } from '../../src/load/index.js';
import { analyzeBuilt, renderRun } from '../../src/pipeline.js';
import { loadRules } from '../../src/rules/index.js';
import { blockify } from '../support/blockify.js';

const rules = loadRules();
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blastpath-blocks-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Each input, and the fewest edges that must live in blocks (either variant) for the comparison to mean something. */
const CASES: Array<{ name: string; minMoved: number; input: () => Promise<string[]> }> = [
  { name: 'the demo', minMoved: 100, input: async () => ['fixtures/demo'] },
  {
    name: 'a dense account',
    minMoved: 700,
    input: async () => {
      const file = join(dir, 'dense.json');
      await writeDenseAccount(file, { principals: 120, seed: 'blocks' });
      return [file];
    },
  },
  {
    name: 'an organization',
    minMoved: 2_000,
    input: async () => {
      const file = join(dir, 'org.json');
      await writeSnapshot(file, { roles: 400, resources: 2_000, accounts: 4, seed: 'blocks' });
      return [file];
    },
  },
];

/** Every edge as sorted `key from to attrs` lines. */
function edgeLines(source: EdgeSource): string[] {
  const lines: string[] = [];
  forEachEdge(source, (key, attrs, from, to) => lines.push(`${key} ${from} ${to} ${JSON.stringify(attrs)}`));
  return lines.sort();
}

function exportsOf(loaded: LoadedInput, built: BuiltGraph): string[] {
  const meta = { toolVersion: 'test', collectedAt: loaded.snapshot.collectedAt, accounts: loaded.snapshot.accounts.map((a) => a.accountId) };
  const model = exportGraph({ graph: built.graph, blocks: built.blocks, entries: built.entries, crownJewels: built.crownJewels, meta });
  return EXPORT_FORMATS.flatMap((format) => exportFiles(format, model).map((file) => `${format}/${file.name}\n${fileText(file)}`));
}

/**
 * Where the blocks come from: the test's own (every technique edge moved, in reverse order), and
 * the technique step's (src/graph/techniques/block-forming.ts), each against the same input built
 * pair by pair (`edgeBlocks: false`).
 */
const VARIANTS: Array<{ made: string; make: (loaded: LoadedInput, pairs: BuiltGraph) => { built: BuiltGraph; moved: number; blocks: number } }> = [
  { made: 'blockify', make: (_loaded, pairs) => blockify(pairs) },
  {
    made: 'the technique step',
    make: (loaded) => {
      const built = buildGraph(loaded, rules);
      return { built, moved: built.blocks.reduce((n, b) => n + b.size, 0), blocks: built.blocks.length };
    },
  },
];

describe.each(CASES.flatMap((c) => VARIANTS.map((v) => ({ ...c, ...v }))))('edge blocks ($made) on $name', ({ minMoved, input, make }) => {
  let loaded: LoadedInput;
  let pairs: BuiltGraph;
  let blocks: BuiltGraph;

  beforeAll(async () => {
    loaded = await loadInputs(await input());
    pairs = buildGraph(loaded, rules, { edgeBlocks: false });
    const made = make(loaded, pairs);
    blocks = made.built;
    // The comparison means something only when many edges, of many callers, live in blocks.
    expect(pairs.blocks).toEqual([]);
    expect(made.moved).toBeGreaterThanOrEqual(minMoved);
    expect(made.blocks).toBeGreaterThan(10);
    expect(blocks.graph.size + made.moved).toBe(pairs.graph.size);
  }, 120_000);

  it('every edge, its key, ends and attributes, and the count, are the same', () => {
    expect(edgeCount(blocks)).toBe(pairs.graph.size);
    expect(edgeLines(blocks)).toEqual(edgeLines(pairs));
    const sorted = (list: ReturnType<typeof outEdges>) => list.map((e) => `${e.key} ${JSON.stringify(e.attrs)}`).sort();
    for (const node of pairs.graph.nodes().filter((_, i) => i % 5 === 0)) {
      expect(sorted(outEdges(blocks, node))).toEqual(sorted(outEdges(pairs, node)));
      expect(sorted(inEdges(blocks, node))).toEqual(sorted(inEdges(pairs, node)));
      expect(sorted(inEdges(blocks, node, { kind: 'escalation' }))).toEqual(sorted(inEdges(pairs, node, { kind: 'escalation' })));
    }
  });

  it('the adjacency numbers every edge the same way, with the same attributes', () => {
    const a = buildAdjacency(pairs);
    const b = buildAdjacency(blocks);
    expect(b.edgeCount).toBe(a.edgeCount);
    const keys = (adj: typeof a) => Array.from({ length: adj.edgeCount }, (_, e) => adj.edgeKey(e));
    expect(keys(b)).toEqual(keys(a));
    expect(b.edgeSource).toEqual(a.edgeSource);
    expect(b.edgeTarget).toEqual(a.edgeTarget);
    expect(b.edgeConfidence).toEqual(a.edgeConfidence);
    expect([b.outStart, b.outEdges, b.inStart, b.inEdges]).toEqual([a.outStart, a.outEdges, a.inStart, a.inEdges]);
    let differ = 0;
    for (let e = 0; e < a.edgeCount; e++) {
      const [x, y] = [a.edgeAttrs(e), b.edgeAttrsOnce(e)];
      if (JSON.stringify(x) !== JSON.stringify(y) || headOf(a.edgeHead(e)) !== headOf(b.edgeHead(e)) || headOf(b.edgeHead(e)) !== headOf(y)) differ++;
    }
    expect(differ).toBe(0);
  });

  it('the findings report, identity cards and posture are the same bytes', async () => {
    const [x, y] = [analyzeBuilt({ loaded, rules, built: pairs }, {}), analyzeBuilt({ loaded, rules, built: blocks }, {})];
    expect(x.result.findings.length).toBeGreaterThan(0);
    expect(y.result).toEqual(x.result);
    for (const format of ['json', 'sarif', 'markdown'] as const) {
      expect((await renderRun(y, { format, color: false })).output).toBe((await renderRun(x, { format, color: false })).output);
    }
    // The diff's side of an analysis holds every hop of the graph.
    const side = (a: typeof x) => sideFromGraph({ source: 'input', findings: a.result.findings, built: a.built, loaded });
    expect(side(y)).toEqual(side(x));
  }, 120_000);

  it('every export format writes the same bytes', () => {
    expect(exportsOf(loaded, blocks)).toEqual(exportsOf(loaded, pairs));
  });

  it('path and radius give the same answers', () => {
    // Pairs the analysis found paths between, and the same starts towards every account admin.
    const found = analyzeBuilt({ loaded, rules, built: pairs }, {}).result.findings.filter((_, i) => i % 3 === 0).slice(0, 6);
    const starts = [...new Set(found.map((f) => f.entry.node))];
    const goals = [...new Set([...found.map((f) => f.target.node), ...pairs.graph.filterNodes((_, a) => a.kind === 'account-admin')])];
    let reached = 0;
    for (const from of starts) {
      expect(radiusOf(blocks, rules, from)).toEqual(radiusOf(pairs, rules, from));
      for (const to of goals) {
        const answer = queryPath(pairs, from, to, { decay: rules.scoring.depthDecay, alternatives: 2 });
        if (answer.reachability !== 'unreachable') reached++;
        expect(queryPath(blocks, from, to, { decay: rules.scoring.depthDecay, alternatives: 2 })).toEqual(answer);
      }
    }
    expect(reached).toBeGreaterThan(0);
  }, 120_000);
});

/** What the search reads of an edge without its provenance. */
function headOf(h: EdgeHead): string {
  return JSON.stringify([h.kind, h.access, h.technique, h.conditional, h.confidence, h.entryPoint, h.exposure]);
}
