/**
 * Workloads without a node of their own (Glue, CodeBuild, CloudFormation, ECS, App Runner):
 * taking one over leads straight to the role it runs as, and the configuration field naming
 * that role is the edge's evidence. Each service module lists its entries; this builds them.
 */
import type { Links } from './regional.js';
import { configuration, type Place, type Workload, type WorkloadKind } from './types.js';

/** What one snapshot entry contributes: its ARN, name and role (with the field naming it). */
export interface RunsAs {
  arn: string;
  name: string;
  role?: string | undefined;
  field?: string;
}

/** The workloads of entries of one kind; a role outside the snapshot leaves the workload without a node. */
export function runsAsWorkloads(kind: WorkloadKind, entries: readonly RunsAs[], at: Place, links: Links): Workload[] {
  return entries.map((entry) => {
    const role = entry.role && links.principalsByArn.has(entry.role) ? entry.role : undefined;
    return {
      arn: entry.arn,
      kind,
      name: entry.name,
      accountId: at.accountId,
      partition: at.partition,
      region: at.region,
      ...(role ? { node: role, role: { arn: role, field: entry.field! } } : {}),
      evidence: role ? [configuration(entry.arn, entry.field!)] : [],
    };
  });
}
