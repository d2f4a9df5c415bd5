/** CloudFormation facts: stacks with a service role, which CloudFormation uses for every change. */
import type { RegionalReader } from './regional.js';
import { runsAsWorkloads } from './runs-as.js';

/** The CloudFormation reader. */
export const cloudFormation: RegionalReader = {
  workloads: (data, at, links) =>
    runsAsWorkloads('cloudformation-stack', (data.CloudFormation?.Stacks ?? []).flatMap((s) => (s.StackId ? [{ arn: s.StackId, name: s.StackName, role: s.RoleARN, field: 'RoleARN' }] : [])), at, links),
};
