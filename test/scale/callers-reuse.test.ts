/**
 * Callers found per candidate (src/graph/techniques/callers.ts) are reused across candidates
 * with one admission key: the policy, the owning account and the longest grant-index prefix of
 * the resource per counted account. Checked on the demo and a generated organization: every
 * candidate of every per-candidate rule gets the callers the reference path finds afresh, and
 * principalsFor gives one answer for resources sharing their longest prefix.
 */
import { describe, expect, it } from 'vitest';
import { ProvenanceKeys } from '../../src/graph/edges.js';
import { buildFacts } from '../../src/graph/facts/index.js';
import { RELATIONS } from '../../src/graph/techniques/index.js';
import { callersFor, gateCallers } from '../../src/graph/techniques/callers.js';
import { candidatesOf } from '../../src/graph/techniques/candidates.js';
import { TechniqueRun } from '../../src/graph/techniques/relation.js';
import { loadRules } from '../../src/rules/index.js';
import { demoAndOrganization } from '../support/demo-and-organization.js';

const rules = loadRules();
const inputs = demoAndOrganization('callers-reuse', 400, (input) => input);

describe('callers reused per admission key', () => {
  for (const name of ['demo', 'organization']) {
    it(`are the callers found afresh for every candidate (${name})`, () => {
      const facts = buildFacts(inputs[name]!);
      const scope = { admins: new Set<string>(), modelAccounts: new Set<string>() };
      const fast = new TechniqueRun(facts, rules, scope, new ProvenanceKeys(), RELATIONS, { blocks: true });
      const reference = new TechniqueRun(facts, rules, scope, new ProvenanceKeys(), RELATIONS, { blocks: true, reference: true });
      let pairs = 0;
      let reused = 0;
      for (const rule of rules.techniques) {
        const derive = fast.relationOf(rule).derive;
        if (derive.by !== 'candidate') continue;
        const gate = gateCallers(fast, rule);
        const gateSet = new Set(gate);
        const seen = new Set<readonly unknown[]>();
        for (const candidate of candidatesOf(fast, rule, derive.candidates)) {
          const found = callersFor(fast, rule, candidate, gateSet, gate);
          const afresh = callersFor(reference, rule, candidate, gateSet, gate);
          expect(found.map((p) => p.arn)).toEqual(afresh.map((p) => p.arn));
          pairs += found.length;
          if (seen.has(found)) reused++;
          seen.add(found);
        }
      }
      expect(pairs).toBeGreaterThan(0);
      // The organization's functions share their deploy roles' answers.
      if (name === 'organization') expect(reused).toBeGreaterThan(0);
    });
  }

  it('principalsFor answers alike for resources with one longest prefix (organization)', () => {
    const facts = buildFacts(inputs['organization']!);
    const action = 'lambda:UpdateFunctionCode';
    const functions = facts.resources.filter((r) => r.kind === 'lambda-function');
    expect(functions.length).toBeGreaterThan(10);
    const byPrefix = new Map<string, string[]>();
    for (const fn of functions) {
      const key = `${fn.accountId}|${facts.grants.longestPrefix(action, fn.arn, fn.accountId)}`;
      const answer = facts.grants.principalsFor(action, fn.arn, fn.accountId).map((p) => p.arn);
      const known = byPrefix.get(key);
      if (known) expect(answer).toEqual(known);
      else byPrefix.set(key, answer);
    }
    expect(byPrefix.size).toBeLessThan(functions.length);
  });
});
