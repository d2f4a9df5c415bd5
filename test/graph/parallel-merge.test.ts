/**
 * The merge of the technique step's shares, independent of which thread happens to claim what:
 * rule groups split between two runs in every way the test fixes (alternating, reversed, the
 * largest alone), one share sent through pack/unpack, merge into what one run in rule order
 * returns: its EdgeSet edge for edge and in order, its blocks (rebuilt from their data) in order,
 * and each block edge's place. Also: the partition keeps rules that can draw the
 * same edge key together, pack/unpack give back what a structured clone would, and an edge (pair
 * or block edge) from two threads is an error.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDenseAccount } from '../../bench/generator/index.js';
import { adminEdges } from '../../src/graph/admin.js';
import { edgeKey, ProvenanceKeys } from '../../src/graph/edges.js';
import { buildFacts, type Facts } from '../../src/graph/facts/index.js';
import { foundationModelAccounts } from '../../src/graph/foundation-models.js';
import { keyClassOf, ruleGroups } from '../../src/graph/parallel/partition.js';
import { drawShare, mergeShares, type ThreadShare } from '../../src/graph/parallel/share.js';
import { pack, unpack } from '../../src/graph/parallel/transfer.js';
import { techniqueEdges, type TechniqueEdges, type TechniqueScope } from '../../src/graph/techniques/index.js';
import { loadInputs } from '../../src/load/index.js';
import { loadRules } from '../../src/rules/index.js';

const rules = loadRules();
let dir: string;
const cases: Array<{ name: string; facts: Facts; scope: TechniqueScope }> = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blastpath-merge-'));
  const dense = join(dir, 'dense.json');
  await writeDenseAccount(dense, { principals: 80, seed: 'merge' });
  for (const [name, path] of [['demo', 'fixtures/demo'], ['dense', dense]] as const) {
    const facts = buildFacts(await loadInputs([path]));
    const { admins } = adminEdges(facts, new ProvenanceKeys());
    cases.push({ name, facts, scope: { admins, modelAccounts: foundationModelAccounts(facts, rules) } });
  }
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A technique step's result as text: pair edges in order, blocks' data in order, each block edge's place. */
const text = (step: TechniqueEdges) => JSON.stringify({ pairs: [...step.edges], blocks: step.blocks.map((b) => b.data), positions: step.positions, places: step.edges.places });

/** One thread's share drawing exactly these groups. */
function share(facts: Facts, scope: TechniqueScope, groups: number[][]): ThreadShare {
  return drawShare(facts, rules, scope, new ProvenanceKeys(), { groups, next: new Int32Array(new SharedArrayBuffer(4)) });
}

describe('merging the shares of two threads', () => {
  const splits: Record<string, (groups: number[][]) => [number[][], number[][]]> = {
    alternating: (g) => [g.filter((_, i) => i % 2 === 0), g.filter((_, i) => i % 2 === 1)],
    reversed: (g) => [[...g].reverse().slice(0, g.length >> 1), [...g].reverse().slice(g.length >> 1)],
    'largest alone': (g) => [g.slice(0, 1), g.slice(1)],
  };
  for (const [split, of] of Object.entries(splits)) {
    it(`gives the edges one thread draws in rule order: ${split}`, () => {
      for (const { name, facts, scope } of cases) {
        const keys = new ProvenanceKeys();
        const one = techniqueEdges(facts, rules, scope, keys);
        expect(one.edges.places, name).toBeGreaterThan(10);
        // The dense account's conditional administrators make blocks of both kinds.
        if (name === 'dense') expect(new Set(one.blocks.map((b) => b.constructor.name)), name).toEqual(new Set(['TargetBlock', 'MergedEdge']));
        const groups = ruleGroups(rules);
        const [a, b] = of(groups);
        const sent = unpack(pack(share(facts, scope, b))) as ThreadShare;
        const merged = mergeShares([share(facts, scope, a), sent], groups, keys);
        expect(text(merged) === text(one), name).toBe(true);
        expect(merged.blocks.map((block) => block.constructor.name)).toEqual(one.blocks.map((block) => block.constructor.name));
      }
    });
  }

  it('refuses an edge drawn by two threads (a pair edge or a block edge), and a rule no thread drew', () => {
    const { facts, scope } = cases.find((c) => c.name === 'dense')!;
    const groups = ruleGroups(rules);
    const all = share(facts, scope, groups);
    const shifted = (s: ThreadShare) => ({ ...s, drawn: s.drawn.map(([index, pairs, places]) => [index + 1_000, pairs, places] as [number, number, number]) });
    const more = [...groups, ...groups.map((g) => g.map((i) => i + 1_000))];
    expect(() => mergeShares([all, shifted(all)], more, new ProvenanceKeys())).toThrow(/drawn on two threads/);
    // Only the blocks twice: the second share's pair edges are none, its places all block edges.
    expect(all.blocks.length).toBeGreaterThan(0);
    const blocksOnly = { entries: [], blocks: all.blocks, positions: all.positions, drawn: all.drawn.map(([index, pairs, places]) => [index + 1_000, 0, places - pairs] as [number, number, number]) };
    const repositioned = { ...blocksOnly, positions: renumbered(all) };
    expect(() => mergeShares([all, repositioned], more, new ProvenanceKeys())).toThrow(/drawn on two threads/);
    expect(() => mergeShares([share(facts, scope, groups.slice(1))], groups, new ProvenanceKeys())).toThrow(/drew \d+ of \d+ rules/);
  });
});

/** A share's block edge places renumbered as if its pair edges took none. */
function renumbered(share: ThreadShare): number[][] {
  const block = new Set(share.positions.flat());
  const newPlace = new Map<number, number>();
  let next = 0;
  const last = Math.max(-1, ...block);
  for (let place = 0; place <= last; place++) if (block.has(place)) newPlace.set(place, next++);
  return share.positions.map((list) => list.map((p) => newPlace.get(p)!));
}

describe('the partition of the rules', () => {
  it('puts every active rule in one group, in rule order, and rules of one edge-key class together', () => {
    const groups = ruleGroups(rules);
    const flat = groups.flat();
    expect(new Set(flat).size).toBe(flat.length);
    expect([...flat].sort((a, b) => a - b)).toEqual(rules.techniques.flatMap((r, i) => (r.deprecated ? [] : [i])));
    for (const group of groups) expect(group).toEqual([...group].sort((a, b) => a - b));
    const groupOf = new Map(groups.flatMap((g, gi) => g.map((i) => [i, gi] as const)));
    const byClass = new Map<string, Set<number>>();
    rules.techniques.forEach((rule, i) => {
      if (rule.deprecated) return;
      const set = byClass.get(keyClassOf(rule)) ?? new Set<number>();
      byClass.set(keyClassOf(rule), set.add(groupOf.get(i)!));
    });
    for (const [key, set] of byClass) expect(set.size, key).toBe(1);
    // Prefix-access rules of one access draw one key class: the case the grouping exists for.
    const write = ['sagemaker-training-data-poisoning', 'sagemaker-model-artifact-poisoning', 'bedrock-knowledge-base-poisoning'].map((id) => rules.techniques.findIndex((r) => r.id === id));
    expect(write.map((i) => keyClassOf(rules.techniques[i]!))).toEqual(['data-access:write', 'data-access:write', 'data-access:write']);
    expect(new Set(write.map((i) => groupOf.get(i))).size).toBe(1);
    expect(edgeKey('a', 'b', { kind: 'data-access', access: 'write', technique: 'x' })).toBe(edgeKey('a', 'b', { kind: 'data-access', access: 'write', technique: 'y' }));
  });

  it("matches the keys the rules draw: every technique edge's key holds its rule's class", () => {
    const classOf = new Map(rules.techniques.map((r) => [r.id, keyClassOf(r)]));
    for (const { name, facts, scope } of cases) {
      for (const [key, { attrs }] of techniqueEdges(facts, rules, scope, new ProvenanceKeys(), { blocks: false }).edges) {
        expect(key.split('|')[1], `${name}: ${key}`).toBe(classOf.get(attrs.technique!));
      }
    }
  });
});

describe('pack and unpack', () => {
  it('give back what a structured clone gives: key order, shared objects, undefined, -0, __proto__ as a key', () => {
    const shared = { b: 1, a: ['x', 'y'] };
    const value = { z: 'x', a: [shared, shared, { undefined, neg: -0, big: 1e300, t: true, n: null }], p: JSON.parse('{"__proto__": 1, "": "empty"}') as unknown, e: {} };
    const back = unpack(pack(value)) as typeof value;
    expect(back).toStrictEqual(structuredClone(value));
    expect(Object.keys(back)).toEqual(['z', 'a', 'p', 'e']);
    expect(back.a[0]).toBe(back.a[1]);
    expect(Object.is((back.a[2] as { neg: number }).neg, -0)).toBe(true);
    expect(Object.keys(back.p as object)).toEqual(['__proto__', '']);
    expect(Object.getPrototypeOf(back.p)).toBe(Object.prototype);
  });

  it('refuse what is not plain data', () => {
    expect(() => pack({ m: new Map() })).toThrow(/not plain data \(Map\)/);
    expect(() => pack({ f: () => 1 })).toThrow(/not plain data \(function\)/);
  });
});

