/**
 * `existing-resource`: the actions on an existing workload of `resourceKind` -> control of that
 * workload, which runs as its role (a workload without a node, such as an EC2 instance, leads
 * straight to its role).
 */
import type { Workload, WorkloadKind } from '../../facts/index.js';
import type { Candidate, TechniqueTarget } from '../model.js';
import type { Relation, TechniqueRun } from '../relation.js';

/**
 * Every workload of the rule's kind that has a node to point to; the workload's own policy may
 * grant. The list reads the kind alone: one list per kind, shared by its rules (candidatesOf
 * sorts it once).
 */
export const existingResource: Relation = {
  derive: {
    by: 'candidate',
    candidates: (run, rule) =>
      run.cached(`existing-resources|${rule.resourceKind!}`, () => workloadCandidates(run, rule.resourceKind!)),
  },
  targetGrant: () => 'policy',
  asksTargetOnce: true,
};

/** The candidates of every workload of a kind with a node. */
function workloadCandidates(run: TechniqueRun, kind: WorkloadKind): Candidate[] {
  const out: Candidate[] = [];
  for (const w of run.facts.workloads.get(kind) ?? []) if (w.node !== undefined) out.push({ node: w.node, target: workloadTarget(run, w) });
  return out;
}

/**
 * A workload's target, field by field in a fixed order: the conditional spreads this replaced
 * made a throw-away object per optional field, for every function of an organization (72,000 at size L).
 */
function workloadTarget(run: TechniqueRun, w: Workload): TechniqueTarget {
  const target: TechniqueTarget = { arn: w.arn, accountId: w.accountId, region: w.region, workload: w };
  const resource = run.facts.resourcesByArn.get(w.arn);
  if (resource) target.resource = resource;
  if (w.policy) target.policy = w.policy;
  if (w.domainArn) target.domainArn = w.domainArn;
  if (w.lifecycleConfigArn) target.lifecycleConfigArn = w.lifecycleConfigArn;
  if (w.resourceId) target.resourceId = w.resourceId;
  target.evidence = w.evidence;
  // An instance has no node of its own: say which one leads to the role.
  if (w.kind === 'ec2-instance') target.detail = { instance: w.arn };
  return target;
}
