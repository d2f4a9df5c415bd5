/**
 * ECS facts: the task definitions in use (a node each: their tasks run as the task role, their
 * environment and secrets are configuration), services with what exposes them (a public IP, an
 * internet-facing load balancer of ELBv2), container instances (the EC2 hosts tasks share), and
 * clusters, where an attacker runs tasks as whatever task role it may pass.
 */
import type { AccountData, RegionData } from '../../snapshot/index.js';
import { imdsPosture, metadataOptions } from './imds.js';
import type { RegionalReader } from './regional.js';
import { runsAsWorkloads } from './runs-as.js';
import { configuration, type Place, type Resource, type Workload } from './types.js';

/** A secret a task definition's execution role fetches at task start and hands to the container. */
export interface TaskSecret {
  /** `valueFrom`: a Secrets Manager ARN (optionally with `:json-key:...`) or an SSM parameter. */
  valueFrom: string;
  field: string;
}

/** A task definition with the roles and secrets its tasks start with. */
export interface TaskDefinition extends Place {
  arn: string;
  name: string;
  taskRole?: string;
  executionRole?: string;
  secrets: TaskSecret[];
}

/** A load balancer in front of a service, as far as the snapshot shows it. */
export interface ServiceLoadBalancer {
  targetGroupArn: string;
  loadBalancerArn?: string;
  loadBalancerName?: string;
  /** `internet-facing` or `internal`; absent when the load balancer was not collected. */
  scheme?: string;
  dnsName?: string;
  /** The load balancer's security groups; absent for a network load balancer without any. */
  securityGroups?: string[];
  field: string;
}

/** A service with the task definition it runs and how it is reachable. */
export interface EcsService extends Place {
  arn: string;
  name: string;
  clusterArn?: string;
  taskDefinition?: string;
  /** `awsvpcConfiguration.assignPublicIp` is ENABLED: each task gets a public address. */
  publicIp: boolean;
  subnets: string[];
  securityGroups: string[];
  loadBalancers: ServiceLoadBalancer[];
  /** Where the service sits in the snapshot, for provenance: `Clusters[i].Services[j]`. */
  field: string;
}

/** Services of every account and region, and the task definitions in use. */
export class EcsFacts {
  readonly services: EcsService[] = [];
  readonly taskDefinitions = new Map<string, TaskDefinition>();

  /** Reads one account's clusters and task definitions, and the ELBv2 load balancers in front of services. */
  read(account: AccountData): void {
    for (const [region, data] of Object.entries(account.regions)) {
      const at: Place = { accountId: account.accountId, partition: account.partition, region };
      for (const definition of taskDefinitionsOf(data, at)) this.taskDefinitions.set(definition.arn, definition);
      const balancers = loadBalancersOf(data);
      for (const [k, cluster] of (data.ECS?.Clusters ?? []).entries()) {
        for (const [s, service] of (cluster.Services ?? []).entries()) {
          const vpc = service.networkConfiguration?.awsvpcConfiguration;
          const field = `Clusters[${k}].Services[${s}]`;
          this.services.push({
            accountId: at.accountId,
            partition: at.partition,
            region: at.region,
            arn: service.serviceArn,
            name: service.serviceName ?? service.serviceArn.split('/').pop()!,
            clusterArn: service.clusterArn ?? cluster.clusterArn,
            ...(service.taskDefinition ? { taskDefinition: service.taskDefinition } : {}),
            publicIp: vpc?.assignPublicIp === 'ENABLED',
            subnets: vpc?.subnets ?? [],
            securityGroups: vpc?.securityGroups ?? [],
            loadBalancers: (service.loadBalancers ?? []).flatMap((lb, i) => (lb.targetGroupArn ? [{ ...balancers(lb.targetGroupArn), targetGroupArn: lb.targetGroupArn, field: `${field}.loadBalancers[${i}]` }] : [])),
            field,
          });
        }
      }
    }
  }
}

function taskDefinitionsOf(data: RegionData, at: Place): TaskDefinition[] {
  return (data.ECS?.TaskDefinitions ?? []).map((definition) => ({
    accountId: at.accountId,
    partition: at.partition,
    region: at.region,
    arn: definition.taskDefinitionArn,
    name: definition.family && definition.revision !== undefined ? `${definition.family}:${definition.revision}` : definition.taskDefinitionArn.split('/').pop()!,
    ...(definition.taskRoleArn ? { taskRole: definition.taskRoleArn } : {}),
    ...(definition.executionRoleArn ? { executionRole: definition.executionRoleArn } : {}),
    secrets: (definition.containerDefinitions ?? []).flatMap((container, c) =>
      (container.secrets ?? []).flatMap((secret, i) => (secret.valueFrom ? [{ valueFrom: secret.valueFrom, field: `containerDefinitions[${c}].secrets[${i}].valueFrom` }] : [])),
    ),
  }));
}

/** Target group ARN -> the load balancer it serves (the first one), from ELBv2. */
function loadBalancersOf(data: RegionData): (targetGroup: string) => Omit<ServiceLoadBalancer, 'targetGroupArn' | 'field'> {
  const byArn = new Map((data.ELBv2?.LoadBalancers ?? []).map((lb) => [lb.LoadBalancerArn, lb]));
  const groups = new Map((data.ELBv2?.TargetGroups ?? []).map((tg) => [tg.TargetGroupArn, tg]));
  return (targetGroup) => {
    const lbArn = groups.get(targetGroup)?.LoadBalancerArns?.[0];
    const lb = lbArn ? byArn.get(lbArn) : undefined;
    return {
      ...(lbArn ? { loadBalancerArn: lbArn } : {}),
      ...(lb?.LoadBalancerName ? { loadBalancerName: lb.LoadBalancerName } : {}),
      ...(lb?.Scheme ? { scheme: lb.Scheme } : {}),
      ...(lb?.DNSName ? { dnsName: lb.DNSName } : {}),
      ...(lb?.SecurityGroups?.length ? { securityGroups: lb.SecurityGroups } : {}),
    };
  };
}

/** The container instances of a region: each leads to the role of its EC2 host, which tasks on it may reach through IMDS. */
function containerInstances(data: RegionData, at: Place, links: Parameters<NonNullable<RegionalReader['workloads']>>[2]): Workload[] {
  const hosts = new Map((data.EC2?.Instances ?? []).map((i) => [i.InstanceId, i]));
  return (data.ECS?.Clusters ?? []).flatMap((cluster) =>
    (cluster.ContainerInstances ?? []).map((ci): Workload => {
      const host = ci.ec2InstanceId ? hosts.get(ci.ec2InstanceId) : undefined;
      const profile = host?.IamInstanceProfile?.Arn;
      const role = profile ? links.profileRoles.get(profile) : undefined;
      const hostArn = ci.ec2InstanceId ? `arn:${at.partition}:ec2:${at.region}:${at.accountId}:instance/${ci.ec2InstanceId}` : undefined;
      const metadata = host && hostArn ? metadataOptions(host.MetadataOptions, { resource: hostArn, field: 'MetadataOptions' }) : undefined;
      const known = role !== undefined && links.principalsByArn.has(role);
      return {
        arn: ci.containerInstanceArn,
        kind: 'ecs-container-instance',
        name: ci.containerInstanceArn.split('/').pop()!,
        ...at,
        ...(known ? { node: role, role: { arn: role, field: 'IamInstanceProfile.Arn' } } : {}),
        ...(ci.status ? { state: ci.status } : {}),
        imds: imdsPosture(metadata),
        evidence: known && hostArn ? [configuration(ci.containerInstanceArn, 'ec2InstanceId'), configuration(hostArn, 'IamInstanceProfile.Arn'), configuration(role, 'InstanceProfileList')] : [],
      };
    }),
  );
}

/** The ECS reader: task definitions get nodes; clusters, services and container instances are workloads techniques act on. */
export const ecs: RegionalReader = {
  resources: (data, at) =>
    taskDefinitionsOf(data, at).map(
      (definition): Resource => ({
        accountId: at.accountId,
        partition: at.partition,
        region: at.region,
        arn: definition.arn,
        kind: 'ecs-task-definition',
        name: definition.name,
        tags: {},
        ...(definition.taskRole ? { role: { arn: definition.taskRole, field: 'taskRoleArn' } } : {}),
        flags: [],
      }),
    ),
  workloads: (data, at, links) => [
    ...runsAsWorkloads('ecs-cluster', (data.ECS?.Clusters ?? []).map((c) => ({ arn: c.clusterArn, name: c.clusterName ?? c.clusterArn })), at, links),
    ...runsAsWorkloads(
      'ecs-service',
      (data.ECS?.Clusters ?? []).flatMap((c) => (c.Services ?? []).map((s) => ({ arn: s.serviceArn, name: s.serviceName ?? s.serviceArn }))),
      at,
      links,
    ),
    ...containerInstances(data, at, links),
  ],
};
