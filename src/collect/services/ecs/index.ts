/**
 * ECS (regional): clusters with their services (network configuration, load balancers),
 * running tasks and container instances, and the task definitions those services and tasks
 * use (task role, execution role, environment, secrets). Only task definitions in use are
 * read: ACTIVE revisions nothing runs would cost a call each and run as no one until started.
 * Environment values are redacted before a snapshot is written or analyzed.
 */
import {
  DescribeClustersCommand,
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListClustersCommand,
  ListContainerInstancesCommand,
  ListServicesCommand,
  ListTasksCommand,
} from '@aws-sdk/client-ecs';
import { compareStrings } from '../../../core/hash.js';
import { batchOf, call, str, type Rec, type ServiceDescriptor } from '../../engine/descriptor.js';

const pages = { inputToken: 'nextToken', outputToken: 'nextToken' } as const;
/** ECS list calls answer ARNs; the describe call wants them with their cluster. */
const inCluster = (arn: unknown, cluster: Rec): Rec => ({ arn, cluster: str(cluster, 'clusterArn') });
const arns = (parent: Rec) => batchOf(parent).map((r) => str(r, 'arn'));
const clusterOf = (parent: Rec) => str(batchOf(parent)[0] ?? {}, 'cluster');

/** Task definitions the collected services and tasks use, each once. */
function taskDefinitionsInUse(section: Rec): Rec[] {
  const used = new Set<string>();
  for (const cluster of (section['Clusters'] ?? []) as Rec[]) {
    for (const service of (cluster['Services'] ?? []) as Rec[]) used.add(str(service, 'taskDefinition'));
    for (const task of (cluster['Tasks'] ?? []) as Rec[]) used.add(str(task, 'taskDefinitionArn'));
  }
  used.delete('');
  return [...used].sort(compareStrings).map((taskDefinition) => ({ taskDefinition }));
}

/** The ECS collector. */
export const ecs: ServiceDescriptor = {
  service: 'ecs',
  scope: 'regional',
  section: 'ECS',
  client: ECSClient,
  fetches: [
    {
      field: 'Clusters',
      call: call(ListClustersCommand, () => ({ maxResults: 100 })),
      paginate: pages,
      items: 'clusterArns',
      record: (arn) => ({ arn }),
      describe: { ...call(DescribeClustersCommand, (p) => ({ clusters: arns(p) })), pick: 'clusters', batch: 100 },
      name: (c) => str(c, 'clusterArn'),
      required: true,
      details: [
        {
          field: 'Services',
          call: call(ListServicesCommand, (c) => ({ cluster: str(c, 'clusterArn'), maxResults: 100 })),
          paginate: pages,
          items: 'serviceArns',
          record: inCluster,
          describe: { ...call(DescribeServicesCommand, (p) => ({ cluster: clusterOf(p), services: arns(p) })), pick: 'services', batch: 10 },
        },
        {
          field: 'Tasks',
          call: call(ListTasksCommand, (c) => ({ cluster: str(c, 'clusterArn'), desiredStatus: 'RUNNING' as const, maxResults: 100 })),
          paginate: pages,
          items: 'taskArns',
          record: inCluster,
          describe: { ...call(DescribeTasksCommand, (p) => ({ cluster: clusterOf(p), tasks: arns(p) })), pick: 'tasks', batch: 100 },
        },
        {
          field: 'ContainerInstances',
          call: call(ListContainerInstancesCommand, (c) => ({ cluster: str(c, 'clusterArn'), maxResults: 100 })),
          paginate: pages,
          items: 'containerInstanceArns',
          record: inCluster,
          describe: {
            ...call(DescribeContainerInstancesCommand, (p) => ({ cluster: clusterOf(p), containerInstances: arns(p) })),
            pick: 'containerInstances',
            batch: 100,
          },
        },
      ],
    },
    {
      field: 'TaskDefinitions',
      after: ['Clusters'],
      over: taskDefinitionsInUse,
      call: call(DescribeTaskDefinitionCommand, (t) => ({ taskDefinition: str(t, 'taskDefinition'), include: ['TAGS' as const] })),
      // One call per definition; its tags ride along beside it.
      items: (output) => [{ ...(output['taskDefinition'] as Rec), ...(output['tags'] ? { tags: output['tags'] } : {}) }],
      resource: (t) => str(t, 'taskDefinition'),
    },
  ],
};
