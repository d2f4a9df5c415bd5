/**
 * Kubernetes on EKS: which roles a cluster's pods can become, decided once per build and handed
 * to the steps that draw them. A role is bound to the cluster's service accounts through IRSA
 * (its trust admits the cluster's OIDC issuer; irsa.ts decides how widely) or a Pod Identity
 * association (pod-identity.ts), and every node runs as its node group's role (node-roles.ts).
 * Code in any pod reaches IRSA roles open to any service account (or a namespace) and node roles
 * the metadata service hands to pods: the code-in-cluster entry points draw those. The cluster's
 * admin reaches every role bound to any of its service accounts, and every node role: this step
 * draws those edges, from the `eks-admin:<cluster>` node.
 */
import { compareStrings } from '../../core/hash.js';
import type { EvaluationResult } from '../../iam/index.js';
import type { RuleSet } from '../../rules/index.js';
import { hopConfidence } from '../confidence.js';
import { provenanceOf, residualClauses } from '../decide.js';
import { EdgeSet, type NodeSpec, type ProvenanceKeys } from '../edges.js';
import { oidcProvidersIn } from '../entry-points/oidc.js';
import { ASSUME_TECHNIQUE } from '../assume.js';
import { configuration, isEksIssuer, type EksCluster, type Facts, type Principal } from '../facts/index.js';
import { nodeIds, type NodeAttrs, type Provenance } from '../schema.js';
import { irsaAdmissions, scopeWords, type ServiceAccountScope } from './irsa.js';
import { nodeRolesOf, type NodeRole } from './node-roles.js';
import { podIdentityDecision } from './pod-identity.js';

export type { NodeRole } from './node-roles.js';
export type { ServiceAccountScope } from './irsa.js';

/** A role bound to service accounts of a cluster, decided. */
export interface ServiceAccountRole {
  /** The node code running in the cluster starts from: the cluster's ARN, or the OIDC provider's for a cluster not in the snapshot. */
  source: string;
  sourceAttrs: NodeAttrs;
  /** The cluster, when it is in the snapshot. */
  cluster?: EksCluster;
  role: Principal;
  via: 'irsa' | 'pod-identity';
  scope: ServiceAccountScope;
  /** The actions the binding's session needs, decided by `result`. */
  actions: string[];
  result: EvaluationResult;
  /** Configuration that links the role to the cluster: its issuer, or the association. */
  evidence: Provenance[];
  detail: Record<string, string>;
}

/** What the Kubernetes steps need, decided once per build. */
export interface KubernetesBindings {
  serviceAccounts: ServiceAccountRole[];
  /** Cluster ARN -> the roles its nodes run as. */
  nodeRoles: Map<string, NodeRole[]>;
}

/** The node standing for code running in a cluster, with the API endpoint's exposure as flags. */
export function clusterNode(cluster: EksCluster): NodeSpec {
  const open = cluster.endpointPublic === true && (cluster.publicAccessCidrs.length === 0 || cluster.publicAccessCidrs.includes('0.0.0.0/0'));
  const flags = [
    ...(cluster.endpointPublic === true ? ['api-endpoint-public'] : []),
    ...(open ? ['api-endpoint-open-to-internet'] : []),
    ...(cluster.endpointPublic === false ? ['api-endpoint-private'] : []),
  ];
  return [cluster.arn, { kind: 'eks-cluster', label: `code running in cluster ${cluster.name}`, accountId: cluster.accountId, region: cluster.region, ...(flags.length ? { flags } : {}) }];
}

/** The cluster node and the cluster-admin node of every cluster. */
export function kubernetesNodes(facts: Facts): NodeSpec[] {
  return facts.eks.clusters.flatMap((cluster): NodeSpec[] => [
    clusterNode(cluster),
    [nodeIds.clusterAdmin(cluster.arn), { kind: 'eks-cluster-admin', label: `${cluster.name} cluster admin`, accountId: cluster.accountId, region: cluster.region }],
  ]);
}

/** IRSA bindings: roles whose trust admits tokens of an EKS issuer, each with its broadest admission. */
function irsaRoles(facts: Facts): ServiceAccountRole[] {
  const out: ServiceAccountRole[] = [];
  for (const role of facts.principals) {
    if (role.kind !== 'role' || !role.trust) continue;
    for (const provider of oidcProvidersIn(role.trust)) {
      const host = provider.host.toLowerCase();
      if (!isEksIssuer(host)) continue;
      const admission = irsaAdmissions(role, provider.arn, host)[0];
      if (!admission) continue;
      const cluster = facts.eks.byIssuer(host);
      const id = host.split('/').pop()!;
      out.push({
        source: cluster?.arn ?? provider.arn,
        sourceAttrs: cluster ? clusterNode(cluster)[1] : { kind: 'eks-cluster', label: `code running in the EKS cluster of issuer ${id} (not in the snapshot)`, ...(provider.accountId ? { accountId: provider.accountId } : {}) },
        ...(cluster ? { cluster } : {}),
        role,
        via: 'irsa',
        scope: admission.scope,
        actions: ['sts:AssumeRoleWithWebIdentity'],
        result: admission.result,
        evidence: cluster ? [configuration(cluster.arn, 'identity.oidc.issuer')] : [],
        detail: { cluster: cluster?.name ?? id, serviceAccounts: scopeWords(admission), issuer: host },
      });
    }
  }
  return out;
}

/** Pod Identity bindings: every association whose role's trust lets EKS Auth in. */
function podIdentityRoles(facts: Facts): ServiceAccountRole[] {
  const out: ServiceAccountRole[] = [];
  for (const cluster of facts.eks.clusters) {
    for (const association of cluster.podIdentity ?? []) {
      const role = facts.principalsByArn.get(association.roleArn);
      if (!role?.trust) continue;
      const { result, unscoped } = podIdentityDecision(role, cluster, association);
      if (result.decision === 'denied') continue;
      const account = `${association.namespace}/${association.serviceAccount}`;
      out.push({
        source: cluster.arn,
        sourceAttrs: clusterNode(cluster)[1],
        cluster,
        role,
        via: 'pod-identity',
        scope: 'service-account',
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        result,
        evidence: [configuration(cluster.arn, `${association.field}.roleArn`)],
        detail: { cluster: cluster.name, serviceAccounts: `service account ${account}`, ...(unscoped ? { trust: 'any Pod Identity association in the account' } : {}) },
      });
    }
  }
  return out;
}

/** Every cluster's bindings, in a stable order. */
export function kubernetesBindings(facts: Facts): KubernetesBindings {
  const serviceAccounts = [...irsaRoles(facts), ...podIdentityRoles(facts)].sort((a, b) => compareStrings(a.source, b.source) || compareStrings(a.role.arn, b.role.arn) || compareStrings(a.via, b.via));
  return { serviceAccounts, nodeRoles: new Map(facts.eks.clusters.map((c) => [c.arn, nodeRolesOf(facts, c)])) };
}

/** Provenance of a binding: the trust statements that admit it, then the configuration linking it to the cluster. */
export function bindingProvenance(binding: ServiceAccountRole): Provenance[] {
  return [...binding.actions.flatMap((a) => provenanceOf(binding.result, a, binding.role.arn)), ...binding.evidence];
}

/**
 * Edges from each cluster's admin: to every role bound to one of its service accounts (the admin
 * runs a pod as that account), and to every node role (a host-network pod reads the node's
 * metadata service whatever its hop limit).
 */
export function clusterAdminEdges(facts: Facts, rules: RuleSet, bindings: KubernetesBindings, keys: ProvenanceKeys): EdgeSet {
  const edges = new EdgeSet(keys);
  for (const binding of bindings.serviceAccounts) {
    if (!binding.cluster) continue;
    const conditional = binding.result.decision === 'conditional';
    edges.put(nodeIds.clusterAdmin(binding.cluster.arn), binding.role.arn, {
      kind: 'can-assume',
      technique: ASSUME_TECHNIQUE,
      actions: binding.actions,
      provenance: bindingProvenance(binding),
      conditional,
      confidence: hopConfidence(rules.scoring, { conditional }),
      ...(conditional ? { residual: residualClauses(binding.result) } : {}),
      detail: { ...binding.detail, via: binding.via },
    });
  }
  for (const cluster of facts.eks.clusters) {
    for (const node of bindings.nodeRoles.get(cluster.arn) ?? []) {
      if (!node.fromHost) continue;
      edges.put(nodeIds.clusterAdmin(cluster.arn), node.role, {
        kind: 'runs-as',
        actions: [],
        provenance: node.evidence,
        conditional: false,
        confidence: hopConfidence(rules.scoring, {}),
        detail: { ...node.detail, via: 'host-network pod' },
      });
    }
  }
  return edges;
}
