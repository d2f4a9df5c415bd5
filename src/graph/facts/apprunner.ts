/** App Runner facts: services, each running its instances as the instance role. */
import type { RegionalReader } from './regional.js';
import { runsAsWorkloads } from './runs-as.js';

/** The App Runner reader. */
export const appRunner: RegionalReader = {
  workloads: (data, at, links) =>
    runsAsWorkloads(
      'apprunner-service',
      (data.AppRunner?.Services ?? []).map((s) => ({ arn: s.ServiceArn, name: s.ServiceName ?? s.ServiceArn, role: s.InstanceConfiguration?.InstanceRoleArn, field: 'InstanceConfiguration.InstanceRoleArn' })),
      at,
      links,
    ),
};
