/** Glue facts: development endpoints and jobs, each running as its role. */
import type { RegionalReader } from './regional.js';
import { runsAsWorkloads } from './runs-as.js';
import type { Place } from './types.js';

/** Glue takes a role name or ARN; a bare name is a role at the root path of the account. */
const roleArn = (value: string | undefined, at: Place) => (value && !value.startsWith('arn:') ? `arn:${at.partition}:iam::${at.accountId}:role/${value}` : value);

/** The Glue reader. */
export const glue: RegionalReader = {
  workloads: (data, at, links) => [
    ...runsAsWorkloads(
      'glue-dev-endpoint',
      (data.Glue?.DevEndpoints ?? []).map((e) => ({ arn: `arn:${at.partition}:glue:${at.region}:${at.accountId}:devEndpoint/${e.EndpointName}`, name: e.EndpointName, role: e.RoleArn, field: 'RoleArn' })),
      at,
      links,
    ),
    ...runsAsWorkloads('glue-job', (data.Glue?.Jobs ?? []).map((j) => ({ arn: `arn:${at.partition}:glue:${at.region}:${at.accountId}:job/${j.Name}`, name: j.Name, role: roleArn(j.Role, at), field: 'Role' })), at, links),
  ],
};
