/**
 * `existing-resource`: the actions on an existing workload of `resourceKind` -> control of that
 * workload, which runs as its role (a workload without a node, such as an EC2 instance, leads
 * straight to its role).
 */
import type { WorkloadKind } from '../../facts/index.js';
import type { Candidate } from '../model.js';
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
  return (run.facts.workloads.get(kind) ?? [])
    .filter((w) => w.node !== undefined)
    .map((w) => {
      const resource = run.facts.resourcesByArn.get(w.arn);
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
          // An instance has no node of its own: say which one leads to the role.
          ...(w.kind === 'ec2-instance' ? { detail: { instance: w.arn } } : {}),
        },
      };
    });
}
