/**
 * CloudFormation facts: stacks with a service role, which CloudFormation uses for every change;
 * stack sets, whose updates run in every account holding one of their stack instances.
 */
import type { RegionData } from '../../snapshot/index.js';
import { nodeIds } from '../schema.js';
import type { Links, RegionalReader } from './regional.js';
import { runsAsWorkloads } from './runs-as.js';
import { configuration, type Place, type Workload } from './types.js';

/** The administration role self-managed stack sets use when none is named (its requests need not name it). */
const DEFAULT_ADMIN_ROLE = 'AWSCloudFormationStackSetAdministrationRole';
/** The execution role self-managed stack sets assume in each target account when none is named. */
const DEFAULT_EXECUTION_ROLE = 'AWSCloudFormationStackSetExecutionRole';

type StackSet = NonNullable<NonNullable<RegionData['CloudFormation']>['StackSets']>[number];

/**
 * Where an update of the stack set runs in one target account: self-managed, as the execution
 * role of that account (the administration role assumes it and provisions the template);
 * service-managed, as the `stacksets-exec-*` role StackSets creates there with
 * AdministratorAccess, so as that account's admin. Undefined when that node is not in the snapshot.
 */
function runsIn(set: StackSet, account: string, at: Place, links: Links): { node: string; field: string } | undefined {
  if (set.PermissionModel === 'SERVICE_MANAGED') return links.accountIds.has(account) ? { node: nodeIds.admin(account), field: 'PermissionModel' } : undefined;
  const role = `arn:${at.partition}:iam::${account}:role/${set.ExecutionRoleName || DEFAULT_EXECUTION_ROLE}`;
  return links.principalsByArn.has(role) ? { node: role, field: 'ExecutionRoleName' } : undefined;
}

/** A customized administration role, which every UpdateStackSet request must name again (so pass). */
function customAdminRole(set: StackSet): string | undefined {
  const role = set.PermissionModel === 'SERVICE_MANAGED' ? undefined : set.AdministrationRoleARN;
  return role && !role.endsWith(`:role/${DEFAULT_ADMIN_ROLE}`) ? role : undefined;
}

/** One workload per stack set and account holding one of its instances: updating the set runs the template there. */
function stackSetWorkloads(data: RegionData, at: Place, links: Links): Workload[] {
  return (data.CloudFormation?.StackSets ?? []).flatMap((set) => {
    const arn = set.StackSetARN;
    if (!arn || (set.Status !== undefined && set.Status !== 'ACTIVE')) return [];
    const accounts = [...new Set((set.StackInstances ?? []).flatMap((i) => (i.Account ? [i.Account] : [])))].sort();
    const passedRole = customAdminRole(set);
    return accounts.flatMap((account): Workload[] => {
      const target = runsIn(set, account, at, links);
      if (!target) return [];
      return [
        {
          arn,
          kind: 'cloudformation-stack-set',
          name: set.StackSetName,
          accountId: at.accountId,
          partition: at.partition,
          region: at.region,
          node: target.node,
          evidence: [configuration(arn, target.field), configuration(arn, `StackInstances[Account=${account}]`)],
          ...(passedRole ? { passedRole } : {}),
        },
      ];
    });
  });
}

/** The CloudFormation reader. */
export const cloudFormation: RegionalReader = {
  workloads: (data, at, links) => [
    ...runsAsWorkloads('cloudformation-stack', (data.CloudFormation?.Stacks ?? []).flatMap((s) => (s.StackId ? [{ arn: s.StackId, name: s.StackName, role: s.RoleARN, field: 'RoleARN' }] : [])), at, links),
    ...stackSetWorkloads(data, at, links),
  ],
};
