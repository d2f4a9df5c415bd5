/** ECS facts: clusters, where an attacker runs tasks as whatever task role it may pass. */
import type { RegionalReader } from './regional.js';
import { runsAsWorkloads } from './runs-as.js';

/** The ECS reader. */
export const ecs: RegionalReader = {
  workloads: (data, at, links) => runsAsWorkloads('ecs-cluster', (data.ECS?.Clusters ?? []).map((c) => ({ arn: c.clusterArn, name: c.clusterName ?? c.clusterArn })), at, links),
};
