/**
 * Every posture rule carries its own proof, run by one table like the techniques':
 * fixtures/rules/<id>/vulnerable.json must raise the rule's posture finding in account
 * 111111111111, the safe twin must not. Adding a posture rule adds fixtures, never test code.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/load/index.js';
import { analyzeLoaded } from '../../src/pipeline.js';
import { POSTURE_CHECK_REGISTRY } from '../../src/posture/index.js';
import { provePosture } from '../../src/posture/proof.js';
import { loadRules, POSTURE_CHECKS } from '../../src/rules/index.js';

const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/rules/', import.meta.url));
const ACCOUNT = '111111111111';
const rules = loadRules();

async function postureOf(id: string, variant: 'vulnerable' | 'safe') {
  const analyzed = analyzeLoaded(await loadInputs([join(FIXTURES_DIR, id, `${variant}.json`)]), {});
  return (analyzed.result.posture ?? []).filter((p) => p.rule === id).map((p) => [p.rule, p.accountId]);
}

describe('posture rule fixtures', () => {
  it.each(rules.posture.map((rule) => rule.id))('%s: the vulnerable snapshot raises it, the safe twin does not', async (id) => {
    // Through the whole pipeline, as `analyze` runs it...
    expect(await postureOf(id, 'vulnerable')).toEqual([[id, ACCOUNT]]);
    expect(await postureOf(id, 'safe')).toEqual([]);
    // ...and through the proof `blastpath rules test` runs.
    const load = (variant: string) => loadInputs([join(FIXTURES_DIR, id, `${variant}.json`)]);
    const rule = rules.posture.find((r) => r.id === id)!;
    expect(provePosture(rule, rules, { vulnerable: await load('vulnerable'), safe: await load('safe') })).toEqual({ id, problems: [] });
    expect(provePosture(rule, rules, { vulnerable: await load('safe'), safe: await load('vulnerable') }).problems).toHaveLength(2);
  });

  it('every posture rule has fixtures, and every check a rule', () => {
    const missing = rules.posture.flatMap((r) => ['README.md', 'safe.json', 'vulnerable.json'].filter((f) => !existsSync(join(FIXTURES_DIR, r.id, f))).map((f) => `${r.id}/${f}`));
    expect(missing).toEqual([]);
    expect([...new Set(rules.posture.map((r) => r.check))].sort()).toEqual([...POSTURE_CHECKS].sort());
    expect(Object.keys(POSTURE_CHECK_REGISTRY).sort()).toEqual([...POSTURE_CHECKS].sort());
  });
});
