/**
 * What the foothold entry points share: the internet's node, and whether a workload with a
 * public address is reachable from it. A security group rule open to 0.0.0.0/0 or ::/0 must
 * admit traffic, and the subnet must route to an internet gateway; what was not collected stays
 * open and makes the hop conditional, never silently closed or silently open.
 */
import type { Facts, Place } from '../facts/index.js';
import { configuration } from '../facts/index.js';
import type { NodeSpec } from '../edges.js';
import { nodeIds, type Provenance } from '../schema.js';

/** The internet's node, the source of every foothold hop. */
export const INTERNET: NodeSpec = [nodeIds.internet, { kind: 'internet', label: 'internet' }];

/** How the internet reaches a workload: the open rules proving it, and what stays unknown. */
export interface NetworkReach {
  provenance: Provenance[];
  residual: string[];
  /** Ports the open rules admit, e.g. `443`, `all`; absent when the groups were not collected. */
  ports?: string;
}

/** The reach of a workload in `groups` (and `subnet`, when it has one); undefined when the network closes it. */
export function networkReach(facts: Facts, at: Place, groups: readonly string[], subnet?: { id?: string | undefined; vpc?: string | undefined }): NetworkReach | undefined {
  const open = facts.ec2.network.openIngress(at, groups);
  if (open !== undefined && open.length === 0) return undefined;
  const route = subnet ? facts.ec2.network.routesToInternet(at, subnet.id, subnet.vpc) : true;
  if (route === false) return undefined;
  const groupArn = (id: string) => `arn:${at.partition}:ec2:${at.region}:${at.accountId}:security-group/${id}`;
  return {
    provenance: (open ?? []).map((rule) => configuration(groupArn(rule.group), `IpPermissions[${rule.index}]`)),
    residual: [
      ...(open === undefined ? [`security groups not collected: ${groups.join(', ') || 'the workload'} must admit traffic from the internet`] : []),
      ...(route === undefined ? [`route tables not collected: subnet ${subnet?.id ?? '?'} must route to an internet gateway`] : []),
    ],
    ...(open ? { ports: [...new Set(open.map((r) => (r.protocol === 'all' ? 'all' : r.ports)))].sort().join(',') } : {}),
  };
}
