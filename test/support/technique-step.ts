/**
 * Set-up shared by the technique step's fast-path tests (target groups, group blocks, grant
 * ranges, trust decisions): load hand-built GAAD documents as one input, run the step with or
 * without the reference path, and list the caller → target pairs a technique drew.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { adminEdges } from '../../src/graph/admin.js';
import { forEachPlacedEdge } from '../../src/graph/block-edges.js';
import { ProvenanceKeys } from '../../src/graph/edges.js';
import type { Facts } from '../../src/graph/facts/index.js';
import { buildFacts } from '../../src/graph/facts/index.js';
import { foundationModelAccounts } from '../../src/graph/foundation-models.js';
import { MergedEdge } from '../../src/graph/merged-edge.js';
import { TargetBlock } from '../../src/graph/target-block.js';
import { techniqueEdges, type TechniqueEdges } from '../../src/graph/techniques/index.js';
import { loadInputs, type LoadedInput } from '../../src/load/index.js';
import type { RuleSet } from '../../src/rules/index.js';
import type { EdgeAttrs } from '../../src/graph/schema.js';

/** Loads the documents (one file each) before the file's tests and removes them after; `input()` is the loaded input. */
export function loadedAccounts(prefix: string, documents: () => unknown[]): { input: () => LoadedInput } {
  let dir = '';
  let input: LoadedInput | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), `blastpath-${prefix}-`));
    const files = [];
    for (const [i, document] of documents().entries()) {
      const file = join(dir, `account-${i}.json`);
      await writeFile(file, JSON.stringify(document));
      files.push(file);
    }
    input = await loadInputs(files);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return { input: () => input! };
}

/** The provenance keys and the scope (admins, model accounts) the technique step needs, as the graph build makes them. */
export function techniqueScope(facts: Facts, rules: RuleSet) {
  const keys = new ProvenanceKeys();
  const { admins } = adminEdges(facts, keys);
  return { keys, scope: { admins, modelAccounts: foundationModelAccounts(facts, rules) } };
}

/** The technique step on fresh facts of the input, on its fast path or (`reference`) pair by pair. */
export function techniqueStep(input: LoadedInput, rules: RuleSet, reference: boolean): TechniqueEdges {
  const facts = buildFacts(input);
  const { keys, scope } = techniqueScope(facts, rules);
  return techniqueEdges(facts, rules, scope, keys, { reference });
}

/** Every caller → target pair a technique drew, from pair edges and blocks, sorted. */
export function drawnPairs(found: TechniqueEdges, technique: string): string[] {
  const out: string[] = [];
  for (const [, { from, to, attrs }] of found.edges) if (attrs.technique === technique) out.push(`${from} ${to}`);
  for (const block of found.blocks) {
    if ((block instanceof TargetBlock || block instanceof MergedEdge) && block.data.identity.technique === technique) out.push(...block.data.targets.map((t) => `${block.data.from} ${t}`));
  }
  return out.sort();
}

/** What two runs of the step must share to be the same: pair edges field for field and in order, blocks' data in order, and each edge's place. */
export function stepView(found: TechniqueEdges) {
  return {
    edges: [...found.edges].map(([key, { from, to, attrs }]) => JSON.stringify([key, from, to, attrs])),
    blocks: found.blocks.map((b) => JSON.stringify(b.data)),
    positions: found.positions,
  };
}

/**
 * Every edge of the step at its place among the edges found, a block's edges as readers get
 * them: [key, from, to, attributes]. Two steps that store edges differently (a block against
 * pairs) must give the same list.
 */
export function placedEdges(found: TechniqueEdges): Array<[string, string, string, EdgeAttrs]> {
  const out: Array<[string, string, string, EdgeAttrs]> = [];
  forEachPlacedEdge(found.edges, found.blocks, found.positions, (key, from, to, attrs) => out.push([key, from, to, attrs]));
  return out;
}

/** placedEdges as text, attribute key order included. */
export function placedView(found: TechniqueEdges): string[] {
  return placedEdges(found).map((edge) => JSON.stringify(edge));
}

/**
 * stepView for steps that store sts-assume-role's edges differently (blocks of shared trust
 * decisions on the fast path, pairs on the reference path): every edge read at its place, and
 * the other rules' blocks' data in order.
 */
export function sameEdgesView(found: TechniqueEdges) {
  return {
    edges: placedView(found),
    blocks: found.blocks.filter((b) => !(b instanceof TargetBlock && b.data.identity.technique === 'sts-assume-role')).map((b) => JSON.stringify(b.data)),
  };
}
