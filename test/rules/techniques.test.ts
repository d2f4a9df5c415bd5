/**
 * Every technique carries its own proof: fixtures/rules/<id>/ holds a vulnerable snapshot that
 * must draw the technique's edge from `attacker` and a safe twin, differing by one realistic
 * control, that must not. One table over the bundled rules: adding a technique adds fixtures,
 * never test code.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareStrings } from '../../src/core/hash.js';
import { buildGraph, nodeIds, type AttackGraph, type EdgeKind } from '../../src/graph/index.js';
import { loadInputs } from '../../src/load/index.js';
import { loadRules, type TechniqueRule } from '../../src/rules/index.js';

const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/rules/', import.meta.url));
const FIXTURE_FILES = ['README.md', 'safe.json', 'vulnerable.json'] as const;
const ACCOUNT = '111111111111';
/** Fixture conventions: the principal that escalates, and the prefix of what it gains. */
const ATTACKER = 'attacker';
const TARGET_PREFIX = 'target-';

const rules = loadRules();
const techniqueIds = rules.techniques.map((t) => t.id);

type Tuple = [from: string, to: string, kind: EdgeKind, technique: string];

/** Loads one fixture the way the product does: read, validate, redact, then build the graph. */
async function graphOf(id: string, variant: 'vulnerable' | 'safe'): Promise<AttackGraph> {
  const loaded = await loadInputs([join(FIXTURES_DIR, id, `${variant}.json`)]);
  return buildGraph(loaded, rules).graph;
}

/** The one user or role named `attacker`; fixtures must hold exactly one. */
function attackerOf(graph: AttackGraph): string {
  const found = graph.filterNodes((_, a) => (a.kind === 'user' || a.kind === 'role') && a.label === ATTACKER);
  expect(found, 'principals named attacker').toHaveLength(1);
  return found[0]!;
}

/** Relations whose edge leads to account admin (the change makes the caller an administrator). */
const ADMIN_RELATIONS = new Set(['self-admin', 'join-group', 'self-unblock']);

/**
 * What the technique gains: the account-admin node when the relation or gain says so (fixtures
 * of `gain: admin` use unbounded targets), the account's foundation-model node for
 * model-invocation gains, else the one `target-*` node.
 */
function targetOf(graph: AttackGraph, rule: TechniqueRule): string {
  if (ADMIN_RELATIONS.has(rule.relation) || rule.gain === 'admin') return nodeIds.admin(ACCOUNT);
  if (rule.gain === 'model-invocation') return nodeIds.foundationModels(ACCOUNT);
  const found = graph.filterNodes((_, a) => a.label.startsWith(TARGET_PREFIX));
  expect(found, `nodes named ${TARGET_PREFIX}*`).toHaveLength(1);
  return found[0]!;
}

/**
 * sts-assume-role is drawn as can-assume (trust.ts); prefix-access as the data-access edge it
 * gains, model-invocation gains as invoke edges; every other technique as escalation.
 */
function edgeKindOf(rule: TechniqueRule): EdgeKind {
  if (rule.relation === 'assume-role') return 'can-assume';
  if (rule.relation === 'prefix-access') return 'data-access';
  if (rule.gain === 'model-invocation') return 'invoke';
  return 'escalation';
}

/** Edges leaving `from` whose technique is `id`, as sorted tuples. */
function techniqueEdges(graph: AttackGraph, from: string, id: string): Tuple[] {
  return graph
    .filterOutEdges(from, (_, a) => a.technique === id)
    .map((edge): Tuple => {
      const a = graph.getEdgeAttributes(edge);
      return [graph.source(edge), graph.target(edge), a.kind, a.technique!];
    })
    .sort((x, y) => compareStrings(x.join('|'), y.join('|')));
}

describe('technique fixtures', () => {
  it.each(rules.techniques.map((rule) => ({ id: rule.id, rule })))(
    '$id: the vulnerable snapshot draws the edge from attacker, the safe twin does not',
    async ({ id, rule }) => {
      const vulnerable = await graphOf(id, 'vulnerable');
      const attacker = attackerOf(vulnerable);
      // A retired technique draws nothing; its fixtures stay as a record of what it was.
      const expected: Tuple[] = rule.deprecated ? [] : [[attacker, targetOf(vulnerable, rule), edgeKindOf(rule), id]];
      expect(techniqueEdges(vulnerable, attacker, id)).toEqual(expected);
      // The proof is deterministic: no open condition stands between the fixture and the edge.
      const conditional = vulnerable.filterOutEdges(attacker, (_, a) => a.technique === id && a.conditional);
      expect(conditional, 'conditional technique edges').toEqual([]);

      const safe = await graphOf(id, 'safe');
      const safeAttacker = attackerOf(safe);
      expect(safeAttacker).toBe(attacker);
      // The safe twin keeps the target: it is safe because of a control, not a missing victim.
      expect(safe.hasNode(targetOf(safe, rule)), 'target node in the safe twin').toBe(true);
      expect(techniqueEdges(safe, safeAttacker, id)).toEqual([]);
    },
  );
});

describe('technique fixture meta', () => {
  const dirs = readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort(compareStrings);

  it('every technique has a vulnerable and a safe snapshot and a README', () => {
    const missing = techniqueIds.flatMap((id) => FIXTURE_FILES.filter((f) => !existsSync(join(FIXTURES_DIR, id, f))).map((f) => `${id}/${f}`));
    expect(missing).toEqual([]);
  });

  it('no fixture directory names an unknown technique or posture rule id', () => {
    const known = new Set([...techniqueIds, ...rules.posture.map((r) => r.id)]);
    expect(dirs.filter((dir) => !known.has(dir))).toEqual([]);
  });

  it('fixture directories hold only the fixture files', () => {
    const extra = dirs.flatMap((dir) =>
      readdirSync(join(FIXTURES_DIR, dir))
        .filter((name) => !(FIXTURE_FILES as readonly string[]).includes(name))
        .map((name) => `${dir}/${name}`),
    );
    expect(extra).toEqual([]);
  });

  it.each(techniqueIds)('%s: README is 2 to 4 lines', (id) => {
    const lines = readFileSync(join(FIXTURES_DIR, id, 'README.md'), 'utf8').split('\n').filter((line) => line.trim() !== '');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.length).toBeLessThanOrEqual(4);
  });
});
