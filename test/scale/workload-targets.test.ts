/**
 * The `existing-resource` relation's candidates (src/graph/techniques/relations/existing-resource.ts)
 * are built field by field, not with a conditional spread per optional field (a throw-away object
 * each, for every function of an organization). They must stay what the spreads made: the same
 * fields in the same order, the same objects (workload, resource, policy, evidence), an
 * instance's detail. Compared, as JSON and by identity, with the spread-built definition written
 * out here, for every workload kind of the demo and a generated organization, and a made-up EC2
 * instance (the one kind with a detail and no node of its own).
 */
import { describe, expect, it } from 'vitest';
import { ProvenanceKeys } from '../../src/graph/edges.js';
import { buildFacts, type Facts, type Workload } from '../../src/graph/facts/index.js';
import { RELATIONS } from '../../src/graph/techniques/index.js';
import type { Candidate } from '../../src/graph/techniques/model.js';
import { TechniqueRun } from '../../src/graph/techniques/relation.js';
import { loadRules } from '../../src/rules/index.js';
import { demoAndOrganization } from '../support/demo-and-organization.js';

const rules = loadRules();
const inputs = demoAndOrganization('workload-targets', 120, (input) => buildFacts(input));

/** The candidates as the relation built them with spreads (main `6c1b6e0`). */
function spreadCandidates(facts: Facts, workloads: readonly Workload[]): Candidate[] {
  return workloads
    .filter((w) => w.node !== undefined)
    .map((w) => {
      const resource = facts.resourcesByArn.get(w.arn);
      return {
        node: w.node!,
        target: {
          arn: w.arn,
          accountId: w.accountId,
          region: w.region,
          workload: w,
          ...(resource ? { resource } : {}),
          ...(w.policy ? { policy: w.policy } : {}),
          ...(w.domainArn ? { domainArn: w.domainArn } : {}),
          ...(w.lifecycleConfigArn ? { lifecycleConfigArn: w.lifecycleConfigArn } : {}),
          ...(w.resourceId ? { resourceId: w.resourceId } : {}),
          evidence: w.evidence,
          ...(w.kind === 'ec2-instance' ? { detail: { instance: w.arn } } : {}),
        },
      };
    });
}

/** A candidate's fields in order, the shared objects named by reference rather than spelled out. */
function shape(c: Candidate): string {
  return JSON.stringify({ node: c.node, target: Object.entries(c.target).map(([k, v]) => [k, typeof v === 'object' && k !== 'detail' ? typeof v : v]) });
}

describe('existing-resource candidates built field by field', () => {
  for (const name of ['demo', 'organization']) {
    it(`equal the spread-built candidates, field order and objects included (${name})`, () => {
      const facts = inputs[name]!;
      const scope = { admins: new Set<string>(), modelAccounts: new Set<string>() };
      const derive = RELATIONS['existing-resource'].derive;
      if (derive.by !== 'candidate') throw new Error('existing-resource lists its candidates per candidate');
      // A made-up instance with a node: the kind whose candidates carry a detail.
      const role = facts.principals.find((p) => p.kind === 'role')!;
      const instance = { ...[...facts.workloads.values()].flat()[0]!, kind: 'ec2-instance', arn: `arn:aws:ec2:us-east-1:${role.accountId}:instance/i-0abc`, node: role.arn } as Workload;
      facts.workloads.set('ec2-instance', [...(facts.workloads.get('ec2-instance') ?? []), instance]);
      let fields = 0;
      for (const [kind, workloads] of facts.workloads) {
        const run = new TechniqueRun(facts, rules, scope, new ProvenanceKeys(), RELATIONS, { blocks: true });
        const found = derive.candidates(run, { resourceKind: kind } as never);
        const expected = spreadCandidates(facts, workloads);
        expect(found.map(shape), kind).toEqual(expected.map(shape));
        for (const [i, c] of found.entries()) {
          const e = expected[i]!;
          for (const key of ['workload', 'resource', 'policy', 'evidence'] as const) expect(c.target[key], `${kind} ${key}`).toBe(e.target[key]);
          fields += Object.keys(c.target).length;
        }
      }
      expect(fields).toBeGreaterThan(0);
      expect(derive.candidates(new TechniqueRun(facts, rules, scope, new ProvenanceKeys(), RELATIONS, { blocks: true }), { resourceKind: 'ec2-instance' } as never).at(-1)!.target.detail).toEqual({ instance: instance.arn });
    });
  }
});
