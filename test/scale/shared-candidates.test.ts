/**
 * Candidate lists shared by rules (src/graph/techniques/candidates.ts, existing-resource.ts):
 * every workload of a kind is listed once per build, sorted once, and each rule filters the
 * sorted list by its preconditions (a stable sort: the same order as sorting the rule's own
 * filtered list); a rule whose preconditions keep every candidate gets the sorted list itself,
 * and ownNodes is answered once per list. Compared with the definition they replace, each rule
 * listing, filtering and sorting for itself, on the demo and a generated organization. The
 * organization's Lambda and notebook rules share lists, and some of them filter (the trap: a
 * shared list handed to a rule whose preconditions drop candidates).
 */
import { describe, expect, it } from 'vitest';
import { compareStrings } from '../../src/core/hash.js';
import { ProvenanceKeys } from '../../src/graph/edges.js';
import { buildFacts } from '../../src/graph/facts/index.js';
import { RELATIONS } from '../../src/graph/techniques/index.js';
import { candidatesOf, ownNodes } from '../../src/graph/techniques/candidates.js';
import type { Candidate } from '../../src/graph/techniques/model.js';
import { meetsAll } from '../../src/graph/techniques/preconditions.js';
import { TechniqueRun } from '../../src/graph/techniques/relation.js';
import { loadRules } from '../../src/rules/index.js';
import { demoAndOrganization } from '../support/demo-and-organization.js';

const rules = loadRules();
const inputs = demoAndOrganization('shared-candidates', 400, (input) => input);

/** Content order, as the step has always sorted a rule's candidates. */
function contentKey(c: Candidate): string {
  return [c.node, c.target.arn, c.target.artifact?.arn ?? '', c.target.detail ? JSON.stringify(c.target.detail) : ''].join('\u0000');
}

/** The candidates pointing to their own target, a node no other candidate of the list points to. */
function ownOf(list: readonly Candidate[]): Candidate[] {
  const count = new Map<string, number>();
  for (const { node } of list) count.set(node, (count.get(node) ?? 0) + 1);
  return list.filter((c) => c.node === c.target.arn && count.get(c.node) === 1);
}

describe('candidate lists shared by rules', () => {
  for (const name of ['demo', 'organization']) {
    it(`give each rule its own filtered, sorted list and own nodes (${name})`, () => {
      const facts = buildFacts(inputs[name]!);
      const scope = { admins: new Set<string>(), modelAccounts: new Set<string>() };
      const run = new TechniqueRun(facts, rules, scope, new ProvenanceKeys(), RELATIONS, { blocks: true });
      let filtered = 0;
      let shared = 0;
      const lists = new Set<readonly Candidate[]>();
      for (const rule of rules.techniques) {
        const derive = run.relationOf(rule).derive;
        if (derive.by !== 'candidate') continue;
        const found = candidatesOf(run, rule, derive.candidates);
        // The definition replaced, on a run of its own: list, filter, then sort with a stable sort.
        const alone = new TechniqueRun(facts, rules, scope, new ProvenanceKeys(), RELATIONS, { blocks: true });
        const expected = derive
          .candidates(alone, rule)
          .filter((c) => meetsAll(alone, rule.preconditions, c))
          .map((c) => ({ c, key: contentKey(c) }))
          .sort((a, b) => compareStrings(a.key, b.key));
        expect(found.map(contentKey)).toEqual(expected.map((e) => e.key));
        expect(found.map((c) => c.target.detail ?? null)).toEqual(expected.map((e) => e.c.target.detail ?? null));
        const own = ownNodes(run, found);
        expect(found.filter((c) => own.has(c)).map(contentKey)).toEqual(ownOf(expected.map((e) => e.c)).map(contentKey));
        if (derive.candidates(run, rule).length > found.length) filtered++;
        if (lists.has(found)) shared++;
        lists.add(found);
      }
      if (name === 'organization') {
        // Some rule drops candidates of its list, and some rules share one list object.
        expect(filtered).toBeGreaterThan(0);
        expect(shared).toBeGreaterThan(0);
      }
    });
  }
});
