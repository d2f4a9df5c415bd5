/**
 * `existing-resource`: the actions on an existing workload of `resourceKind` -> control of that
 * workload, which runs as its role (a workload without a node, such as an EC2 instance, leads
 * straight to its role).
 */
import type { Relation } from '../relation.js';

/** Every workload of the rule's kind that has a node to point to; the workload's own policy may grant. */
export const existingResource: Relation = {
  derive: {
    by: 'candidate',
    candidates: (run, rule) =>
      (run.facts.workloads.get(rule.resourceKind!) ?? [])
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
        }),
  },
  targetGrant: () => 'policy',
  asksTargetOnce: true,
};
