/**
 * policyOf (src/graph/techniques/callers.ts), asked per candidate and policy action for
 * admission keys and per pair by qualifies, answers in one shape without spreads. It must name
 * the same policy object and owner as the spread-built definition written out here, for every
 * required action of every rule applied to every candidate of the per-candidate rules and to
 * the pass-role and principal candidates of some callers, on the demo and a generated
 * organization: workloads with a policy of their own beside targets without, artifacts, keys,
 * roles assumed under their trust.
 */
import { describe, expect, it } from 'vitest';
import { ProvenanceKeys } from '../../src/graph/edges.js';
import { buildFacts, type Facts } from '../../src/graph/facts/index.js';
import { policyOf } from '../../src/graph/techniques/callers.js';
import { candidatesOf } from '../../src/graph/techniques/candidates.js';
import { RELATIONS } from '../../src/graph/techniques/index.js';
import type { Candidate } from '../../src/graph/techniques/model.js';
import { TechniqueRun, type Required } from '../../src/graph/techniques/relation.js';
import type { CompiledPolicy } from '../../src/iam/index.js';
import { loadRules } from '../../src/rules/index.js';
import { demoAndOrganization } from '../support/demo-and-organization.js';

const rules = loadRules();
const inputs = demoAndOrganization('policy-of', 120, (input) => buildFacts(input));

/** policyOf as written with spreads (main `6c1b6e0`). */
function spreadPolicyOf(facts: Facts, required: Required, candidate: Candidate): { policy?: CompiledPolicy; owner: string } {
  const t = candidate.target;
  if (required.on === 'workload') return { ...(t.workload?.policy ? { policy: t.workload.policy } : {}), owner: t.workload?.accountId ?? t.accountId };
  if (required.on === 'artifact') return { ...(t.artifact?.policy ? { policy: t.artifact.policy } : {}), owner: t.artifact?.accountId ?? t.accountId };
  if (required.on === 'target-key') {
    const key = t.keyArn ? facts.resourcesByArn.get(t.keyArn) : undefined;
    return { ...(key?.policy ? { policy: key.policy } : {}), owner: key?.accountId ?? t.accountId };
  }
  if (t.principal?.kind === 'role' && required.action.toLowerCase() === 'sts:assumerole') return { policy: t.principal.trust!, owner: t.accountId };
  const policy = t.policy ?? t.resource?.policy;
  return { ...(policy ? { policy } : {}), owner: t.accountId };
}

describe('policyOf in one shape', () => {
  for (const name of ['demo', 'organization']) {
    it(`names the spread-built policy and owner for every rule action and candidate (${name})`, () => {
      const facts = inputs[name]!;
      const run = new TechniqueRun(facts, rules, { admins: new Set(), modelAccounts: new Set() }, new ProvenanceKeys(), RELATIONS, { blocks: true });
      const candidates = new Set<Candidate>();
      const callers = facts.principals.filter((_, i) => i % 7 === 0);
      for (const rule of rules.techniques) {
        const derive = run.relationOf(rule).derive;
        if (derive.by === 'candidate') for (const c of candidatesOf(run, rule, derive.candidates)) candidates.add(c);
        else if (derive.by === 'caller') for (const caller of callers) for (const c of derive.candidates(run, rule, caller)) candidates.add(c);
      }
      const required = [...new Map(rules.techniques.flatMap((rule) => rule.actions).map((a) => [`${a.on} ${a.action}`, a])).values()];
      const seen = { workloadPolicy: 0, differs: 0, trust: 0 };
      for (const candidate of candidates) {
        for (const r of required) {
          const found = policyOf(run, r, candidate);
          const expected = spreadPolicyOf(facts, r, candidate);
          expect(found.policy, `${r.on} ${r.action} ${candidate.target.arn}`).toBe(expected.policy);
          expect(found.owner).toBe(expected.owner);
          if (r.on === 'workload' && found.policy) seen.workloadPolicy++;
          if (found.policy !== (candidate.target.policy ?? candidate.target.resource?.policy)) seen.differs++;
          if (found.policy && found.policy === candidate.target.principal?.trust) seen.trust++;
        }
      }
      // The traps were there: workload policies, answers other than the target's own policy, trusts.
      expect(seen.differs).toBeGreaterThan(0);
      expect(seen.trust).toBeGreaterThan(0);
      if (name === 'organization') expect(seen.workloadPolicy).toBeGreaterThan(0);
    });
  }
});
