/**
 * EC2 facts: instances, with what makes one a foothold (public address, security groups, subnet,
 * metadata options) and the role its instance profile hands out. An instance has no node: its
 * credentials are its instance profile's role, so taking it over leads straight to that role.
 */
import type { AccountData, Ec2Instance } from '../../snapshot/index.js';
import { metadataOptions, type MetadataOptions } from './imds.js';
import { NetworkFacts } from './network.js';
import type { Links, RegionalReader } from './regional.js';
import { configuration, tagMap, type Place } from './types.js';

/** One instance as entry points and runtime steps read it. */
export interface Instance extends Place {
  arn: string;
  id: string;
  /** The Name tag, or the id. */
  name: string;
  state?: string;
  /** The role of its instance profile, when that role is in the snapshot. */
  role?: string;
  publicIp?: string;
  subnetId?: string;
  vpcId?: string;
  securityGroups: string[];
  metadata?: MetadataOptions;
  tags: Record<string, string>;
}

const CLUSTER_TAG_PREFIX = 'kubernetes.io/cluster/';

/** The clusters whose nodes the tags say the instance is: EKS managed node groups' `eks:cluster-name`, node bootstrap's `kubernetes.io/cluster/<name>`. */
function clustersOf(tags: Record<string, string>): string[] {
  const names = new Set<string>();
  if (tags['eks:cluster-name']) names.add(tags['eks:cluster-name']);
  for (const key of Object.keys(tags)) if (key.startsWith(CLUSTER_TAG_PREFIX) && key.length > CLUSTER_TAG_PREFIX.length) names.add(key.slice(CLUSTER_TAG_PREFIX.length));
  return [...names];
}

const instanceArn = (at: Place, id: string) => `arn:${at.partition}:ec2:${at.region}:${at.accountId}:instance/${id}`;

/** The instance's public address, or that of one of its interfaces. */
function publicIpOf(instance: Ec2Instance): string | undefined {
  return instance.PublicIpAddress ?? instance.NetworkInterfaces?.find((n) => n.Association?.PublicIp)?.Association?.PublicIp;
}

/** The security groups of the instance and of its network interfaces, each once. */
function groupsOf(instance: Ec2Instance): string[] {
  const ids = [...(instance.SecurityGroups ?? []), ...(instance.NetworkInterfaces ?? []).flatMap((n) => n.Groups ?? [])].flatMap((g) => (g.GroupId ? [g.GroupId] : []));
  return [...new Set(ids)].sort();
}

/** The role an instance's profile hands out, when it is a principal of the snapshot. */
function roleOf(instance: Ec2Instance, links: Links): string | undefined {
  const profile = instance.IamInstanceProfile?.Arn;
  const role = profile ? links.profileRoles.get(profile) : undefined;
  return role && links.principalsByArn.has(role) ? role : undefined;
}

/** Instances of every region, and the network they sit in. */
export class Ec2Facts {
  readonly instances: Instance[] = [];
  readonly network = new NetworkFacts();
  private readonly byId = new Map<string, Instance>();
  /** `account|region|cluster` -> instances tagged as that Kubernetes cluster's nodes. */
  private readonly byCluster = new Map<string, Instance[]>();

  /** Reads one account's instances, security groups and route tables. */
  read(account: AccountData, links: Links): void {
    for (const [region, data] of Object.entries(account.regions)) {
      const at: Place = { accountId: account.accountId, partition: account.partition, region };
      this.network.read(at, data.EC2);
      for (const raw of data.EC2?.Instances ?? []) {
        const arn = instanceArn(at, raw.InstanceId);
        const tags = tagMap(raw.Tags);
        const role = roleOf(raw, links);
        const metadata = metadataOptions(raw.MetadataOptions, { resource: arn, field: 'MetadataOptions' });
        const instance: Instance = {
          accountId: at.accountId,
          partition: at.partition,
          region: at.region,
          arn,
          id: raw.InstanceId,
          name: tags['Name'] || raw.InstanceId,
          ...(raw.State?.Name ? { state: raw.State.Name } : {}),
          ...(role ? { role } : {}),
          ...(publicIpOf(raw) ? { publicIp: publicIpOf(raw)! } : {}),
          ...(raw.SubnetId ? { subnetId: raw.SubnetId } : {}),
          ...(raw.VpcId ? { vpcId: raw.VpcId } : {}),
          securityGroups: groupsOf(raw),
          ...(metadata ? { metadata } : {}),
          tags,
        };
        this.instances.push(instance);
        this.byId.set(`${at.accountId}|${region}|${raw.InstanceId}`, instance);
        for (const cluster of clustersOf(tags)) {
          const list = this.byCluster.get(`${at.accountId}|${region}|${cluster}`);
          if (list) list.push(instance);
          else this.byCluster.set(`${at.accountId}|${region}|${cluster}`, [instance]);
        }
      }
    }
  }

  /** Instances tagged as nodes of the named Kubernetes cluster of one region. */
  nodesOf(at: Pick<Place, 'accountId' | 'region'>, cluster: string): Instance[] {
    return this.byCluster.get(`${at.accountId}|${at.region}|${cluster}`) ?? [];
  }

  /** The instance of an id in one region, when collected. */
  instance(at: Pick<Place, 'accountId' | 'region'>, id: string): Instance | undefined {
    return this.byId.get(`${at.accountId}|${at.region}|${id}`);
  }
}

/** The EC2 reader: instances as workloads techniques act on (SSM, user data, Instance Connect). */
export const ec2: RegionalReader = {
  workloads: (data, at, links) =>
    (data.EC2?.Instances ?? []).map((instance) => {
      const arn = instanceArn(at, instance.InstanceId);
      const role = roleOf(instance, links);
      return {
        arn,
        kind: 'ec2-instance',
        name: instance.InstanceId,
        ...at,
        // No instance node: the edge goes to the role the instance's credentials belong to.
        ...(role ? { node: role, role: { arn: role, field: 'IamInstanceProfile.Arn' } } : {}),
        ...(instance.State?.Name ? { state: instance.State.Name } : {}),
        evidence: role ? [configuration(arn, 'IamInstanceProfile.Arn'), configuration(role, 'InstanceProfileList')] : [],
      };
    }),
};
