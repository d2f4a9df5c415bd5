/**
 * Workloads read from the snapshot's compute sections (Glue, CodeBuild, CloudFormation, ECS,
 * App Runner): none has a graph node, so taking one over leads straight to the role it runs
 * as, and the configuration field naming that role is the edge's evidence.
 */
import type { BuildContext } from '../context.js';
import type { RegionData } from '../../snapshot/index.js';
import { configuration, type Workload, type WorkloadKind } from './model.js';

type ComputeKind = Extract<WorkloadKind, 'glue-dev-endpoint' | 'glue-job' | 'codebuild-project' | 'cloudformation-stack' | 'ecs-cluster' | 'apprunner-service'>;

/** What one snapshot entry contributes: its ARN, name and role (with the field naming it). */
type Entry = { arn: string; name: string; role?: string; field?: string };
type At = { partition: string; region: string; accountId: string };

/** Glue takes a role name or ARN; a bare name is a role at the root path of the account. */
const roleArn = (value: string | undefined, at: At) => (value && !value.startsWith('arn:') ? `arn:${at.partition}:iam::${at.accountId}:role/${value}` : value);

const EXTRACT: Record<ComputeKind, (data: RegionData, at: At) => Entry[]> = {
  'glue-dev-endpoint': (d, at) =>
    (d.Glue?.DevEndpoints ?? []).map((e) => ({ arn: `arn:${at.partition}:glue:${at.region}:${at.accountId}:devEndpoint/${e.EndpointName}`, name: e.EndpointName, role: e.RoleArn, field: 'RoleArn' })),
  'glue-job': (d, at) => (d.Glue?.Jobs ?? []).map((j) => ({ arn: `arn:${at.partition}:glue:${at.region}:${at.accountId}:job/${j.Name}`, name: j.Name, role: roleArn(j.Role, at), field: 'Role' })),
  'codebuild-project': (d, at) =>
    (d.CodeBuild?.Projects ?? []).map((p) => ({ arn: p.arn ?? `arn:${at.partition}:codebuild:${at.region}:${at.accountId}:project/${p.name}`, name: p.name, role: p.serviceRole, field: 'serviceRole' })),
  'cloudformation-stack': (d, at) =>
    (d.CloudFormation?.Stacks ?? []).flatMap((s) => (s.StackId ? [{ arn: s.StackId, name: s.StackName, role: s.RoleARN, field: 'RoleARN' }] : [])),
  'ecs-cluster': (d) => (d.ECS?.Clusters ?? []).map((c) => ({ arn: c.clusterArn, name: c.clusterName ?? c.clusterArn })),
  'apprunner-service': (d) => (d.AppRunner?.Services ?? []).map((s) => ({ arn: s.ServiceArn, name: s.ServiceName ?? s.ServiceArn, role: s.InstanceConfiguration?.InstanceRoleArn, field: 'InstanceConfiguration.InstanceRoleArn' })),
};

/** True for the kinds this module reads. */
export function isComputeKind(kind: WorkloadKind): kind is ComputeKind {
  return kind in EXTRACT;
}

/** Every workload of a compute kind in the snapshot. */
export function computeWorkloads(ctx: BuildContext, kind: ComputeKind): Workload[] {
  const out: Workload[] = [];
  for (const account of ctx.input.snapshot.accounts) {
    for (const [region, data] of Object.entries(account.regions)) {
      const at = { partition: account.partition, region, accountId: account.accountId };
      for (const entry of EXTRACT[kind](data, at)) {
        const role = entry.role && ctx.inventory.principalsByArn.has(entry.role) ? entry.role : undefined;
        out.push({
          arn: entry.arn,
          kind,
          name: entry.name,
          accountId: account.accountId,
          partition: account.partition,
          region,
          ...(role ? { node: role, role: { arn: role, field: entry.field! } } : {}),
          evidence: role ? [configuration(entry.arn, entry.field!)] : [],
        });
      }
    }
  }
  return out;
}
