/**
 * EKS Pod Identity: the EKS Auth service (`pods.eks.amazonaws.com`) assumes an association's
 * role with sts:AssumeRole and sts:TagSession, tagging the session with the cluster, namespace
 * and service account. The trust may test those tags (aws:RequestTag/...) or the source cluster
 * (aws:SourceArn); when it tests none, any association in the account, in any cluster and
 * namespace, can use the role (catalogue E-09): we flag it by asking again for a stranger.
 * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html
 * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-abac.html
 */
import { evaluate, type EvaluationResult } from '../../iam/index.js';
import { ATTACKER_CHOSEN } from '../decide.js';
import type { EksCluster, PodIdentityAssociation, Principal } from '../facts/index.js';

const SERVICE = 'pods.eks.amazonaws.com';
const ACTIONS = ['sts:AssumeRole', 'sts:TagSession'] as const;

/** The session EKS Auth opens for an association, as the trust's condition keys see it. */
function sessionContext(cluster: Pick<EksCluster, 'arn' | 'name' | 'accountId'>, namespace: string, serviceAccount: string): Record<string, string[] | null> {
  return {
    ...ATTACKER_CHOSEN,
    'aws:principalisawsservice': ['true'],
    'aws:principalservicename': [SERVICE],
    'aws:sourceaccount': [cluster.accountId],
    'aws:sourcearn': [cluster.arn],
    'aws:requesttag/eks-cluster-arn': [cluster.arn],
    'aws:requesttag/eks-cluster-name': [cluster.name],
    'aws:requesttag/kubernetes-namespace': [namespace],
    'aws:requesttag/kubernetes-service-account': [serviceAccount],
    'aws:tagkeys': ['eks-cluster-arn', 'eks-cluster-name', 'kubernetes-namespace', 'kubernetes-pod-name', 'kubernetes-pod-uid', 'kubernetes-service-account'],
  };
}

/** Both actions for one session: the weaker decision wins (denied < conditional < allowed). */
function decideSession(role: Principal, context: Record<string, string[] | null>): EvaluationResult {
  let worst: EvaluationResult | undefined;
  for (const action of ACTIONS) {
    const result = evaluate(
      { principal: { arn: SERVICE, type: 'service' }, action, resource: role.arn, resourceAccount: role.accountId, context },
      { identity: [], resource: role.trust!, resourcePolicyMode: 'required' },
    );
    if (result.decision === 'denied') return result;
    if (!worst || result.decision === 'conditional') worst = result;
  }
  return worst!;
}

/** What the role's trust says of one association: its decision, and whether a stranger's association would pass too. */
export interface PodIdentityDecision {
  result: EvaluationResult;
  /** True when the trust tests no cluster, namespace or service account: any association in the account can use the role. */
  unscoped: boolean;
}

/** Decides the association's session against the role's trust. */
export function podIdentityDecision(role: Principal, cluster: EksCluster, association: PodIdentityAssociation): PodIdentityDecision {
  const result = decideSession(role, sessionContext(cluster, association.namespace, association.serviceAccount));
  if (result.decision === 'denied') return { result, unscoped: false };
  const stranger = { arn: `arn:${cluster.partition}:eks:${cluster.region}:${cluster.accountId}:cluster/blastpath-other`, name: 'blastpath-other', accountId: cluster.accountId };
  return { result, unscoped: decideSession(role, sessionContext(stranger, 'blastpath-attacker-ns', 'blastpath-attacker-sa')).decision === 'allowed' };
}
