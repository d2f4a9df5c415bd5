/**
 * EC2 networking facts, read from DescribeSecurityGroups and DescribeRouteTables: which ingress
 * rules admit the whole internet, and which subnets route to an internet gateway. Both lists are
 * absent (not empty) when their call failed; then every answer here is "unknown", never "closed".
 */
import type { RegionData } from '../../snapshot/index.js';
import type { Place } from './types.js';

/** One ingress rule open to every address: the group, the rule's index, and what it admits. */
export interface OpenIngress {
  group: string;
  /** Index of the rule in the group's IpPermissions. */
  index: number;
  protocol: string;
  /** `443`, `8000-8080`, or `all`. */
  ports: string;
  /** `0.0.0.0/0` or `::/0`. */
  source: string;
}

const WORLD_V4 = '0.0.0.0/0';
const WORLD_V6 = '::/0';
/** ICMP reaches no application: an echo rule open to the world is no foothold. */
const NOT_APPLICATION = new Set(['icmp', 'icmpv6', '1', '58']);

const key = (at: Pick<Place, 'accountId' | 'region'>, id: string) => `${at.accountId}|${at.region}|${id}`;

type Permission = NonNullable<NonNullable<NonNullable<RegionData['EC2']>['SecurityGroups']>[number]['IpPermissions']>[number];

function portsOf(permission: Permission): string {
  const protocol = permission.IpProtocol ?? '-1';
  if (protocol === '-1' || permission.FromPort === undefined || permission.FromPort === -1) return 'all';
  return permission.FromPort === permission.ToPort ? String(permission.FromPort) : `${permission.FromPort}-${permission.ToPort}`;
}

/** Security groups and route tables of every region read. */
export class NetworkFacts {
  private readonly open = new Map<string, OpenIngress[]>();
  private readonly groupsRead = new Set<string>();
  private readonly routesRead = new Set<string>();
  /** Subnets with an explicit route table association, and whether that table reaches an internet gateway. */
  private readonly subnetRoutes = new Map<string, boolean>();
  /** VPCs whose main route table reaches an internet gateway (it serves subnets without an association). */
  private readonly mainToInternet = new Set<string>();

  /** Reads one region's EC2 networking. */
  read(at: Place, ec2: RegionData['EC2']): void {
    const place = `${at.accountId}|${at.region}`;
    if (ec2?.SecurityGroups) {
      this.groupsRead.add(place);
      for (const group of ec2.SecurityGroups) {
        const open = (group.IpPermissions ?? []).flatMap((permission, index): OpenIngress[] => {
          const protocol = (permission.IpProtocol ?? '-1').toLowerCase();
          if (NOT_APPLICATION.has(protocol)) return [];
          const sources = [
            ...(permission.IpRanges ?? []).filter((r) => r.CidrIp === WORLD_V4).map(() => WORLD_V4),
            ...(permission.Ipv6Ranges ?? []).filter((r) => r.CidrIpv6 === WORLD_V6).map(() => WORLD_V6),
          ];
          return sources.map((source) => ({ group: group.GroupId, index, protocol: protocol === '-1' ? 'all' : protocol, ports: portsOf(permission), source }));
        });
        this.open.set(key(at, group.GroupId), open);
      }
    }
    if (ec2?.RouteTables) {
      this.routesRead.add(place);
      for (const table of ec2.RouteTables) {
        const toInternet = (table.Routes ?? []).some(
          (r) => (r.GatewayId ?? '').startsWith('igw-') && r.State !== 'blackhole' && (r.DestinationCidrBlock === WORLD_V4 || r.DestinationIpv6CidrBlock === WORLD_V6),
        );
        for (const association of table.Associations ?? []) {
          if (association.SubnetId) this.subnetRoutes.set(key(at, association.SubnetId), toInternet);
          if (association.Main && table.VpcId && toInternet) this.mainToInternet.add(key(at, table.VpcId));
        }
      }
    }
  }

  /** The world-open ingress rules of these groups; undefined when the region's groups were not collected. */
  openIngress(at: Pick<Place, 'accountId' | 'region'>, groupIds: readonly string[]): OpenIngress[] | undefined {
    if (!this.groupsRead.has(`${at.accountId}|${at.region}`)) return undefined;
    return groupIds.flatMap((id) => this.open.get(key(at, id)) ?? []);
  }

  /** Whether the subnet's route table sends default traffic to an internet gateway; undefined when unknown. */
  routesToInternet(at: Pick<Place, 'accountId' | 'region'>, subnetId: string | undefined, vpcId: string | undefined): boolean | undefined {
    if (!subnetId || !this.routesRead.has(`${at.accountId}|${at.region}`)) return undefined;
    const explicit = this.subnetRoutes.get(key(at, subnetId));
    if (explicit !== undefined) return explicit;
    return vpcId ? this.mainToInternet.has(key(at, vpcId)) : undefined;
  }
}
