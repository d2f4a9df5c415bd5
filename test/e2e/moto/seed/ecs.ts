/**
 * ECS and ELBv2: a cluster with a Fargate service behind an internet-facing load balancer, its
 * task definition (task role, execution role, a key planted in the environment, a secret
 * reference), and a running task.
 */
import { CreateClusterCommand, CreateServiceCommand, ECSClient, RegisterContainerInstanceCommand, RegisterTaskDefinitionCommand, RunTaskCommand } from '@aws-sdk/client-ecs';
import { CreateListenerCommand, CreateLoadBalancerCommand, CreateTargetGroupCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { roleArn, type SeedContext } from './clients.js';
import type { SeededNetwork } from './ec2.js';

/** A Hugging Face token planted in the task definition's environment: never in the snapshot. */
export const PLANTED_TOKEN = 'hf_QwErTyUiOpAsDfGhJkLzXcVbNm0123456789';

/** What was created, for the expectations. */
export interface SeededEcs {
  clusterArn: string;
  serviceArn: string;
  taskDefinitionArn: string;
  loadBalancerArn: string;
  targetGroupArn: string;
}

/** Creates the load balancer, the cluster, its service and a task. */
export async function seedEcs(context: SeedContext, network: SeededNetwork, secretArn: string): Promise<SeededEcs> {
  const elb = new ElasticLoadBalancingV2Client(context.config);
  const lb = await elb.send(new CreateLoadBalancerCommand({ Name: 'inference-public', Scheme: 'internet-facing', Type: 'application', Subnets: [network.publicSubnetId, network.privateSubnetId], SecurityGroups: [network.openGroupId] }));
  const loadBalancerArn = lb.LoadBalancers![0]!.LoadBalancerArn!;
  const tg = await elb.send(new CreateTargetGroupCommand({ Name: 'inference-tasks', Protocol: 'HTTP', Port: 8080, VpcId: network.vpcId, TargetType: 'ip' }));
  const targetGroupArn = tg.TargetGroups![0]!.TargetGroupArn!;
  await elb.send(new CreateListenerCommand({ LoadBalancerArn: loadBalancerArn, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }] }));
  elb.destroy();

  const ecs = new ECSClient(context.config);
  const clusterArn = (await ecs.send(new CreateClusterCommand({ clusterName: 'inference' }))).cluster!.clusterArn!;
  const taskDefinition = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'llm-server',
      taskRoleArn: roleArn(context, 'ecs-task-role'),
      executionRoleArn: roleArn(context, 'ecs-execution-role'),
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '1024',
      memory: '2048',
      containerDefinitions: [
        {
          name: 'server',
          cpu: 1024,
          memory: 2048,
          image: `${context.account}.dkr.ecr.us-east-1.amazonaws.com/llm:3`,
          environment: [
            { name: 'HF_TOKEN', value: PLANTED_TOKEN },
            { name: 'MODEL_ID', value: 'llm-v3' },
          ],
          secrets: [{ name: 'OPENAI_API_KEY', valueFrom: secretArn }],
        },
      ],
    }),
  );
  const taskDefinitionArn = taskDefinition.taskDefinition!.taskDefinitionArn!;
  const network_ = { awsvpcConfiguration: { subnets: [network.publicSubnetId], securityGroups: [network.openGroupId], assignPublicIp: 'ENABLED' as const } };
  const service = await ecs.send(
    new CreateServiceCommand({
      cluster: clusterArn,
      serviceName: 'llm-api',
      taskDefinition: taskDefinitionArn,
      desiredCount: 1,
      launchType: 'FARGATE',
      networkConfiguration: network_,
      loadBalancers: [{ targetGroupArn, containerName: 'server', containerPort: 8080 }],
    }),
  );
  // moto 5.2.1 fails RunTask with an awsvpc network configuration (its ENI lacks a DNS name),
  // so the running task is a bridge-mode batch job on an EC2 container instance: the GPU host.
  await ecs.send(new RegisterContainerInstanceCommand({ cluster: clusterArn, instanceIdentityDocument: JSON.stringify({ instanceId: network.instanceId, region: 'us-east-1' }) }));
  const batch = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'batch-scorer',
      taskRoleArn: roleArn(context, 'ecs-task-role'),
      networkMode: 'bridge',
      containerDefinitions: [{ name: 'scorer', image: `${context.account}.dkr.ecr.us-east-1.amazonaws.com/scorer:1`, cpu: 256, memory: 512 }],
    }),
  );
  await ecs.send(new RunTaskCommand({ cluster: clusterArn, taskDefinition: batch.taskDefinition!.taskDefinitionArn!, launchType: 'EC2', count: 1, startedBy: 'nightly' }));
  ecs.destroy();
  return { clusterArn, serviceArn: service.service!.serviceArn!, taskDefinitionArn, loadBalancerArn, targetGroupArn };
}
