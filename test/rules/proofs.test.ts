/**
 * Every rule carries its own proof: fixtures/rules/<id>/ holds a vulnerable snapshot where the
 * rule shows and a safe twin, differing by one realistic control, where it does not (and any
 * further safe twins, `safe-<name>.json`, each another control). For a
 * technique, `attacker` gets the technique's one edge to what it gains; for an entry point, the
 * rule reaches the one node named `target-*`. One table over the bundled techniques and entry
 * points, with the expectations of src/graph/proof.ts (which `blastpath rules test` runs too):
 * adding a rule adds fixtures, never test code.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareStrings } from '../../src/core/hash.js';
import type { BuiltGraph, EdgeKind } from '../../src/graph/index.js';
import { buildFixture, entryReach, fixtureAttacker, fixtureTarget, techniqueEdgesFrom, techniqueExpectation, TWIN_FILE } from '../../src/graph/proof.js';
import { loadInputs } from '../../src/load/index.js';
import { loadRules } from '../../src/rules/index.js';
import { blockify } from '../support/blockify.js';

const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/rules/', import.meta.url));
const FIXTURE_FILES = ['README.md', 'safe.json', 'vulnerable.json'] as const;

const rules = loadRules();
const ruleIds = [...rules.techniques, ...rules.entryPoints].map((r) => r.id);

/** Loads one fixture the way the product does: read, validate, redact, then build the graph. */
async function builtOf(id: string, variant: string): Promise<BuiltGraph> {
  return buildFixture(await loadInputs([join(FIXTURES_DIR, id, `${variant}.json`)]), rules);
}

/** The safe snapshots of a rule: `safe`, then its further twins `safe-<name>` (each another control). */
function safeVariants(id: string): string[] {
  const twins = readdirSync(join(FIXTURES_DIR, id)).filter((name) => TWIN_FILE.test(name)).map((name) => name.replace(/\.json$/, ''));
  return ['safe', ...twins.sort(compareStrings)];
}

type Tuple = [from: string, to: string, kind: EdgeKind, conditional: boolean];

/** The technique's edges from the attacker as sorted tuples. */
function tuples(built: BuiltGraph, attacker: string, id: string): Tuple[] {
  return techniqueEdgesFrom(built, attacker, id)
    .map((e): Tuple => [attacker, e.to, e.kind, e.conditional])
    .sort((x, y) => compareStrings(x.join('|'), y.join('|')));
}

describe('technique fixtures', () => {
  it.each(rules.techniques.map((rule) => ({ id: rule.id, rule })))(
    '$id: the vulnerable snapshot draws the edge from attacker, the safe twin does not',
    async ({ id, rule }) => {
      const vulnerable = await builtOf(id, 'vulnerable');
      const attacker = fixtureAttacker(vulnerable.graph);
      expect(attacker, 'the one principal named attacker').toBeDefined();
      const { kind, target } = techniqueExpectation(vulnerable.graph, rule, attacker!);
      expect(target, 'what the technique gains').toBeDefined();
      // One unconditional edge; a retired technique draws nothing (its fixtures stay as a record).
      expect(tuples(vulnerable, attacker!, id)).toEqual(rule.deprecated ? [] : [[attacker, target, kind, false]]);
      // The proof reads edges stored as blocks as it reads pairs (test/support/blockify.ts).
      expect(tuples(blockify(vulnerable).built, attacker!, id)).toEqual(tuples(vulnerable, attacker!, id));

      for (const variant of safeVariants(id)) {
        const safe = await builtOf(id, variant);
        const safeAttacker = fixtureAttacker(safe.graph);
        // A twin may swap the attacker's kind (a role for a user): the name is what stays.
        expect(safeAttacker, `${variant}: the one principal named attacker`).toBeDefined();
        // The safe twin keeps the target: it is safe because of a control, not a missing victim.
        expect(safe.graph.hasNode(techniqueExpectation(safe.graph, rule, safeAttacker!).target!), `${variant}: target node`).toBe(true);
        expect(tuples(safe, safeAttacker!, id), variant).toEqual([]);
      }
    },
  );
});

describe('entry-point fixtures', () => {
  it.each(rules.entryPoints.map((rule) => ({ id: rule.id, rule })))(
    '$id: the vulnerable snapshot reaches the target, the safe twin reaches nothing',
    async ({ id, rule }) => {
      const vulnerable = await builtOf(id, 'vulnerable');
      const { target } = fixtureTarget(vulnerable.graph);
      expect(target, 'the one node named target-*').toBeDefined();
      expect(entryReach(vulnerable, id)).toEqual(rule.deprecated ? [] : [{ node: target, open: false }]);

      for (const variant of safeVariants(id)) {
        const safe = await builtOf(id, variant);
        expect(fixtureTarget(safe.graph).target, `${variant}: target node`).toBe(target);
        expect(entryReach(safe, id), variant).toEqual([]);
      }
    },
  );
});

describe('rule fixture meta', () => {
  const dirs = readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort(compareStrings);

  it('every technique and entry point has a vulnerable and a safe snapshot and a README', () => {
    const missing = ruleIds.flatMap((id) => FIXTURE_FILES.filter((f) => !existsSync(join(FIXTURES_DIR, id, f))).map((f) => `${id}/${f}`));
    expect(missing).toEqual([]);
  });

  it('no fixture directory names an unknown rule id', () => {
    // Posture rules keep their proofs beside these, run by test/rules/posture.test.ts.
    const known = new Set([...ruleIds, ...rules.posture.map((r) => r.id)]);
    expect(dirs.filter((dir) => !known.has(dir))).toEqual([]);
  });

  it('fixture directories hold only the fixture files', () => {
    const extra = dirs.flatMap((dir) =>
      readdirSync(join(FIXTURES_DIR, dir))
        .filter((name) => !(FIXTURE_FILES as readonly string[]).includes(name) && !TWIN_FILE.test(name))
        .map((name) => `${dir}/${name}`),
    );
    expect(extra).toEqual([]);
  });

  it.each(ruleIds)('%s: README is 2 to 4 lines, plus one naming each further safe twin', (id) => {
    const lines = readFileSync(join(FIXTURES_DIR, id, 'README.md'), 'utf8').split('\n').filter((line) => line.trim() !== '');
    const twins = safeVariants(id).slice(1).map((variant) => variant.slice('safe-'.length));
    const own = lines.filter((line) => !/^Safe \(/.test(line));
    expect(own.length).toBeGreaterThanOrEqual(2);
    expect(own.length).toBeLessThanOrEqual(4);
    expect(lines.filter((line) => /^Safe \(/.test(line)).map((line) => /^Safe \(([^)]+)\)/.exec(line)![1]!).sort(compareStrings)).toEqual(twins);
  });
});
