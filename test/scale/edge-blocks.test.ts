/**
 * Edge blocks made by the technique step (src/graph/techniques/block-forming.ts): on a
 * generated dense account, where conditional administrators reach every user and role of the
 * account, and on a generated organization, where deploy roles reach every function of their
 * account (callers found per candidate), the step keeps most of its edges in blocks, and the
 * blocks drawn as pairs give the graph exactly the edges, keys, attributes and order of the
 * pair-by-pair step.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MultiDirectedGraph } from 'graphology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDenseAccount, writeSnapshot } from '../../bench/generator/index.js';
import { adminEdges } from '../../src/graph/admin.js';
import { addBlockEdges } from '../../src/graph/block-edges.js';
import { addEdges, edgeKey, ProvenanceKeys } from '../../src/graph/edges.js';
import { buildFacts } from '../../src/graph/facts/index.js';
import { foundationModelAccounts } from '../../src/graph/foundation-models.js';
import { compareStrings } from '../../src/core/hash.js';
import { edgeCount, forEachEdge } from '../../src/graph/edge-view.js';
import { buildGraph, type AttackGraph, type BuiltGraph, type EdgeAttrs, type NodeAttrs } from '../../src/graph/index.js';
import { blockFromData } from '../../src/graph/made-blocks.js';
import { RELATIONS, techniqueEdges, type TechniqueEdges } from '../../src/graph/techniques/index.js';
import { loadInputs, type LoadedInput } from '../../src/load/index.js';
import { loadRules } from '../../src/rules/index.js';

let dir: string;
let input: LoadedInput;
let organization: LoadedInput;
const rules = loadRules();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blastpath-blocks-'));
  const file = join(dir, 'dense.json');
  await writeDenseAccount(file, { principals: 150, seed: 'blocks' });
  input = await loadInputs([file]);
  const org = join(dir, 'org.json');
  await writeSnapshot(org, { roles: 300, accounts: 4, seed: 'blocks' });
  organization = await loadInputs([org]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The technique step alone, with or without blocks, over fresh facts. */
function step(blocks: boolean, from = input): { found: TechniqueEdges; keys: ProvenanceKeys } {
  const facts = buildFacts(from);
  const keys = new ProvenanceKeys();
  const { admins } = adminEdges(facts, keys);
  return { found: techniqueEdges(facts, rules, { admins, modelAccounts: foundationModelAccounts(facts, rules) }, keys, { blocks }), keys };
}

/** Every edge of a graph, in order, as key and attributes text (key order of the attributes included). */
function edgeList(graph: AttackGraph): string[] {
  return graph.mapEdges((key, attrs) => `${key} ${JSON.stringify(attrs)}`);
}

/** Every edge as edge-view reads it (blocks included), as key and attributes text, sorted by key. */
function viewLines(built: BuiltGraph): string[] {
  const lines: string[] = [];
  forEachEdge(built, (key, attrs) => lines.push(`${key} ${JSON.stringify(attrs)}`));
  return lines.sort(compareStrings);
}

function drawn(found: TechniqueEdges, keys: ProvenanceKeys): AttackGraph {
  const graph = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>({ allowSelfLoops: true });
  const nodes = new Set<string>();
  for (const [, { from, to }] of found.edges) nodes.add(from).add(to);
  for (const block of found.blocks) for (let i = 0; i < block.size; i++) nodes.add(block.from).add(block.targetAt(i));
  for (const node of nodes) graph.addNode(node, { kind: 'role', label: node });
  if (found.blocks.length) addBlockEdges(graph, found.edges, found.blocks, found.positions, keys);
  else addEdges(graph, [found.edges], keys);
  return graph;
}

describe('edge blocks on a dense account', () => {
  it('keep most caller × target grants in blocks, each edge key its own', () => {
    const { found } = step(true);
    // A merged edge holds one grant per target leading to its node.
    const grants = found.blocks.reduce((n, b) => n + ('hop' in b.data ? b.data.hop.length : b.size), 0);
    // Left pair by pair: assume-role (trust policies decide each role), and what a relation checks itself.
    const byOwnRule = (technique: string | undefined) => RELATIONS[rules.techniques.find((t) => t.id === technique)!.relation].derive.by === 'own';
    const pairs = [...found.edges].filter(([, { attrs }]) => !byOwnRule(attrs.technique)).length;
    expect(grants).toBeGreaterThan(10 * pairs);
    expect(found.blocks.some((b) => 'hop' in b.data && b.data.hop.length > 20)).toBe(true);
    const keys = new Set([...found.edges].map(([key]) => key));
    for (const block of found.blocks) {
      for (let i = 0; i < block.size; i++) {
        const attrs = block.attrsAt(i);
        const key = edgeKey(block.from, block.targetAt(i), attrs);
        expect(keys.has(key)).toBe(false);
        keys.add(key);
        expect({ kind: attrs.kind, technique: attrs.technique, conditional: attrs.conditional, confidence: attrs.confidence }).toEqual(block.shared);
      }
    }
  });

  it('share a merged edge’s templates among grants decided by different roles’ trust policies of one shape', () => {
    const merged = step(true).found.blocks.flatMap((b) => ('hop' in b.data ? [b.data] : []));
    const grants = merged.reduce((n, d) => n + d.hop.length, 0);
    const templates = merged.reduce((n, d) => n + d.hops.length, 0);
    // A template naming its grant's own trust serves several roles.
    const shared = merged.flatMap((d) => d.hops.map((hop, h) => ({ hop, uses: d.hop.filter((x) => x === h).length }))).filter(({ hop }) => hop.records.some((r) => r.policySuffix !== undefined));
    expect(shared.some(({ uses }) => uses > 5)).toBe(true);
    expect(templates * 5).toBeLessThan(grants);
  });

  it('drawn as pairs, give the edges of the pair-by-pair step: keys, attributes and order', () => {
    const withBlocks = step(true);
    const pairs = step(false);
    expect(pairs.found.blocks).toEqual([]);
    const a = edgeList(drawn(withBlocks.found, withBlocks.keys));
    const b = edgeList(drawn(pairs.found, pairs.keys));
    expect(a.length).toBe(b.length);
    expect(a).toEqual(b);
  });

  it('hold the per-candidate edges of an organization (deploy roles onto functions), drawn as the pair-by-pair step draws them', () => {
    const withBlocks = step(true, organization);
    const pairs = step(false, organization);
    const inBlocks = withBlocks.found.blocks.reduce((n, b) => n + b.size, 0);
    expect(inBlocks).toBeGreaterThan(5 * withBlocks.found.edges.size);
    // Functions carry their configuration evidence: those blocks hold it per edge.
    expect(withBlocks.found.blocks.some((b) => 'evidence' in b.data && b.data.evidence !== undefined)).toBe(true);
    expect(edgeList(drawn(withBlocks.found, withBlocks.keys))).toEqual(edgeList(drawn(pairs.found, pairs.keys)));
  });

  it('leave the built graph as the pair-by-pair build makes it', () => {
    const a = buildGraph(input, rules);
    const b = buildGraph(input, rules, { edgeBlocks: false });
    // Blocks stay blocks in the built graph: read through edge-view, every edge is the pair build's.
    expect(a.blocks.length).toBeGreaterThan(10);
    expect(b.blocks).toEqual([]);
    expect(edgeCount(a)).toBeGreaterThan(1000);
    expect(viewLines(a)).toEqual(viewLines(b));
  });

  it('are plain data that rebuild the same edges after a structured clone', () => {
    const { found } = step(true);
    for (const block of found.blocks.slice(0, 50)) {
      // JSON keeps only strings, numbers, booleans, arrays and records: no fact survives it unchanged.
      expect(JSON.parse(JSON.stringify(block.data))).toStrictEqual(block.data);
      const copy = blockFromData(structuredClone(block.data));
      for (let i = 0; i < block.size; i++) expect(copy.attrsAt(i)).toStrictEqual(block.attrsAt(i));
    }
  });
});
