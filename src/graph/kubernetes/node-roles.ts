/**
 * The shared node role: every node of a cluster runs as its node group's instance role, and a
 * pod reaches that role's credentials through the node's metadata service unless IMDSv2 is
 * required with a hop limit of 1 (imds.ts). The metadata options come from the instances tagged
 * as the group's nodes when they were collected, else from the group's launch template version;
 * groups without either stay unknown. Self-managed nodes (tagged instances of no managed group)
 * count with their own options.
 */
import { imdsPosture, reachableFromContainers, configuration, type EksCluster, type Facts, type ImdsPosture, type Instance, type MetadataOptions } from '../facts/index.js';
import type { Provenance } from '../schema.js';

/** A role the cluster's nodes run as, and whether its pods reach it. */
export interface NodeRole {
  role: string;
  /** True when pods reach it, false when they cannot, undefined when the metadata options are unknown. */
  fromPods: boolean | undefined;
  /** False when the metadata service is off: then not even a host-network pod reaches it. */
  fromHost: boolean;
  posture: ImdsPosture;
  evidence: Provenance[];
  detail: Record<string, string>;
}

/** Most exposed first: a pod that reaches one node of the group reaches the role. */
const ORDER: Record<ImdsPosture, number> = { v1: 0, v2: 1, unknown: 2, 'v2-hop-limit-1': 3, disabled: 4 };

function mostExposed(options: ReadonlyArray<MetadataOptions | undefined>): { posture: ImdsPosture; options?: MetadataOptions } {
  let best: { posture: ImdsPosture; options?: MetadataOptions } = { posture: 'unknown' };
  let first = true;
  for (const o of options) {
    const posture = imdsPosture(o);
    if (first || ORDER[posture] < ORDER[best.posture]) best = { posture, ...(o ? { options: o } : {}) };
    first = false;
  }
  return best;
}

function nodeRole(role: string, posture: ImdsPosture, evidence: Provenance[], detail: Record<string, string>): NodeRole {
  return { role, fromPods: reachableFromContainers(posture), fromHost: posture !== 'disabled', posture, evidence, detail: { ...detail, imds: posture } };
}

/** The roles of a cluster's nodes (managed node groups, then self-managed nodes), one per role, most exposed kept. */
export function nodeRolesOf(facts: Facts, cluster: EksCluster): NodeRole[] {
  const found: NodeRole[] = [];
  const groups = new Set((cluster.nodegroups ?? []).map((g) => g.name));
  for (const group of cluster.nodegroups ?? []) {
    if (!group.role || !facts.principalsByArn.has(group.role)) continue;
    const instances = cluster.nodes.filter((n) => n.tags['eks:nodegroup-name'] === group.name && n.metadata);
    const { posture, options } = instances.length ? mostExposed(instances.map((n) => n.metadata)) : mostExposed([group.metadata]);
    const evidence = [configuration(cluster.arn, `${group.field}.nodeRole`), ...(options ? [configuration(options.resource, options.field)] : [])];
    found.push(nodeRole(group.role, posture, evidence, { cluster: cluster.name, nodegroup: group.name }));
  }
  const selfManaged = cluster.nodes.filter((n): n is Instance & { role: string } => n.role !== undefined && !groups.has(n.tags['eks:nodegroup-name'] ?? ''));
  for (const node of selfManaged) {
    const { posture } = mostExposed([node.metadata]);
    const evidence = [configuration(node.arn, 'Tags'), configuration(node.arn, 'IamInstanceProfile.Arn'), ...(node.metadata ? [configuration(node.arn, node.metadata.field)] : [])];
    found.push(nodeRole(node.role, posture, evidence, { cluster: cluster.name, instance: node.id }));
  }
  const byRole = new Map<string, NodeRole>();
  for (const candidate of found) {
    const kept = byRole.get(candidate.role);
    if (!kept || ORDER[candidate.posture] < ORDER[kept.posture]) byRole.set(candidate.role, candidate);
  }
  return [...byRole.values()];
}
