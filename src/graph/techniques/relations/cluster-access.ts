/**
 * `cluster-access`: an IAM principal holds an EKS access entry whose access policy lets it
 * create pods in every namespace -> the cluster's admin node (it runs a pod as any service
 * account, on any node). Kubernetes authenticates the principal with a presigned
 * sts:GetCallerIdentity, which no IAM policy can deny, so the edge needs no IAM permission: the
 * access entry is the grant, and its provenance. The API endpoint's reach is the attacker's
 * problem: a private-only endpoint makes the hop conditional.
 */
import type { TechniqueRule } from '../../../rules/index.js';
import { hopConfidence } from '../../confidence.js';
import { configuration, type AccessEntry, type EksCluster } from '../../facts/index.js';
import { nodeIds } from '../../schema.js';
import type { Relation, TechniqueRun } from '../relation.js';

/**
 * Access policies that bind a Kubernetes role allowed to create pods with any service account
 * (cluster-admin, admin, edit), when associated at cluster scope.
 * https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html
 */
const POD_CREATING = new Set(['AmazonEKSClusterAdminPolicy', 'AmazonEKSAdminPolicy', 'AmazonEKSEditPolicy']);

/** Authentication modes in which EKS reads access entries (CONFIG_MAP alone ignores them). */
const READS_ENTRIES = new Set(['API', 'API_AND_CONFIG_MAP']);

/** The cluster-wide, pod-creating policy of an entry, if any. */
function podCreatingPolicy(entry: AccessEntry): string | undefined {
  return entry.policies.find((p) => p.scope === 'cluster' && POD_CREATING.has(p.policyArn.split('/').pop() ?? ''))?.policyArn;
}

/** What stands between the attacker and the API server, when something does. */
function endpointResidual(cluster: EksCluster): string[] {
  if (cluster.endpointPublic === false) return [`the API endpoint of ${cluster.name} is private: the caller must reach the cluster's VPC`];
  const cidrs = cluster.publicAccessCidrs.filter((c) => c !== '0.0.0.0/0');
  if (cluster.endpointPublic === true && cidrs.length && cidrs.length === cluster.publicAccessCidrs.length) return [`the API endpoint of ${cluster.name} admits only ${cidrs.join(', ')}`];
  return [];
}

function draw(run: TechniqueRun, rule: TechniqueRule): void {
  for (const cluster of run.facts.eks.clusters) {
    if (cluster.authenticationMode !== undefined && !READS_ENTRIES.has(cluster.authenticationMode)) continue;
    const residual = endpointResidual(cluster);
    for (const entry of cluster.accessEntries ?? []) {
      const policy = podCreatingPolicy(entry);
      const principal = run.facts.principalsByArn.get(entry.principalArn);
      if (!policy || !principal) continue;
      // An admin already controls its own account: its admin finding stands for this hop.
      if (principal.accountId === cluster.accountId && run.admins.has(principal.arn)) continue;
      const conditional = residual.length > 0;
      run.edges.put(principal.arn, nodeIds.clusterAdmin(cluster.arn), {
        kind: 'escalation',
        technique: rule.id,
        actions: [],
        provenance: [configuration(cluster.arn, `${entry.field}.principalArn`), configuration(cluster.arn, `${entry.field}.AssociatedAccessPolicies`)],
        conditional,
        confidence: hopConfidence(run.rules.scoring, { conditional }),
        ...(conditional ? { residual } : {}),
        detail: { cluster: cluster.name, accessPolicy: policy.split('/').pop()!, scope: 'cluster' },
      });
    }
  }
}

/** Access entries decide: the relation draws its own edges. */
export const clusterAccess: Relation = { derive: { by: 'own', draw } };
