/**
 * Snapshot v1 sections for container workloads and what exposes them: ECS (clusters, services,
 * running tasks, container instances, the task definitions in use), App Runner services, and
 * Elastic Load Balancing v2 load balancers and target groups. Verbatim AWS API response shapes,
 * loose objects: fields we do not read are kept. docs/snapshot.md names the call behind each field.
 */
import { z } from 'zod';

const text = z.string();
const optionalText = z.string().optional();
const list = <T extends z.ZodType>(item: T) => z.array(item).optional();

/** ECS `{name, value}` pairs: container environment (redacted), overrides. */
const NameValue = z.looseObject({ name: optionalText, value: optionalText });

/** ecs:DescribeServices `services[]`. */
export const EcsService = z.looseObject({
  serviceArn: text,
  serviceName: optionalText,
  clusterArn: optionalText,
  status: optionalText,
  taskDefinition: optionalText,
  launchType: optionalText,
  roleArn: optionalText,
  loadBalancers: list(z.looseObject({ targetGroupArn: optionalText, loadBalancerName: optionalText, containerName: optionalText, containerPort: z.number().optional() })),
  networkConfiguration: z
    .looseObject({ awsvpcConfiguration: z.looseObject({ subnets: list(text), securityGroups: list(text), assignPublicIp: optionalText }).optional() })
    .optional(),
});

/** ecs:DescribeTasks `tasks[]` (running tasks). */
export const EcsTask = z.looseObject({
  taskArn: text,
  clusterArn: optionalText,
  taskDefinitionArn: optionalText,
  lastStatus: optionalText,
  launchType: optionalText,
  group: optionalText,
  startedBy: optionalText,
  containerInstanceArn: optionalText,
  /** RunTask overrides: a task role and environment that replace the task definition's. */
  overrides: z
    .looseObject({ taskRoleArn: optionalText, executionRoleArn: optionalText, containerOverrides: list(z.looseObject({ name: optionalText, environment: list(NameValue) })) })
    .optional(),
});

/** ecs:DescribeContainerInstances `containerInstances[]`: the EC2 hosts tasks run on. */
export const EcsContainerInstance = z.looseObject({ containerInstanceArn: text, ec2InstanceId: optionalText, status: optionalText });

/** ecs:DescribeClusters `clusters[]`, with its services, running tasks and container instances. */
export const EcsCluster = z.looseObject({
  clusterName: optionalText,
  clusterArn: text,
  status: optionalText,
  Services: list(EcsService),
  Tasks: list(EcsTask),
  ContainerInstances: list(EcsContainerInstance),
});

/** ecs:DescribeTaskDefinition `taskDefinition`, with its `tags`. */
export const EcsTaskDefinition = z.looseObject({
  taskDefinitionArn: text,
  family: optionalText,
  revision: z.number().optional(),
  status: optionalText,
  taskRoleArn: optionalText,
  executionRoleArn: optionalText,
  networkMode: optionalText,
  containerDefinitions: list(
    z.looseObject({
      name: optionalText,
      image: optionalText,
      /** Redacted: values that look like credentials become markers. */
      environment: list(NameValue),
      /** References (Secrets Manager or SSM ARNs), never values. */
      secrets: list(z.looseObject({ name: optionalText, valueFrom: optionalText })),
    }),
  ),
});

/** App Runner's runtime settings: variables are redacted; secrets are references (ARNs), never values. */
const RuntimeConfiguration = z.looseObject({
  RuntimeEnvironmentVariables: z.record(z.string(), z.string()).optional(),
  RuntimeEnvironmentSecrets: z.record(z.string(), z.string()).optional(),
});

/** apprunner:DescribeService `Service`. */
export const AppRunnerService = z.looseObject({
  ServiceName: optionalText,
  ServiceArn: text,
  ServiceUrl: optionalText,
  Status: optionalText,
  InstanceConfiguration: z.looseObject({ InstanceRoleArn: optionalText }).optional(),
  NetworkConfiguration: z
    .looseObject({
      IngressConfiguration: z.looseObject({ IsPubliclyAccessible: z.boolean().optional() }).optional(),
      EgressConfiguration: z.looseObject({ EgressType: optionalText, VpcConnectorArn: optionalText }).optional(),
    })
    .optional(),
  SourceConfiguration: z
    .looseObject({
      ImageRepository: z.looseObject({ ImageIdentifier: optionalText, ImageConfiguration: RuntimeConfiguration.optional() }).optional(),
      CodeRepository: z
        .looseObject({ RepositoryUrl: optionalText, CodeConfiguration: z.looseObject({ CodeConfigurationValues: RuntimeConfiguration.optional() }).optional() })
        .optional(),
      AuthenticationConfiguration: z.looseObject({ AccessRoleArn: optionalText }).optional(),
    })
    .optional(),
});

/** elasticloadbalancing:DescribeLoadBalancers `LoadBalancers[]`. */
export const LoadBalancer = z.looseObject({ LoadBalancerArn: text, LoadBalancerName: optionalText, Scheme: optionalText, Type: optionalText, DNSName: optionalText, SecurityGroups: list(text) });

/** elasticloadbalancing:DescribeTargetGroups `TargetGroups[]`. */
export const TargetGroup = z.looseObject({ TargetGroupArn: text, TargetGroupName: optionalText, TargetType: optionalText, LoadBalancerArns: list(text) });

/** Regional sections added by this module; merged into RegionData in schema.ts. */
export const ContainerSections = {
  // Lists filled by a call other than the section's main listing are absent, not empty, when
  // that call failed: "not collected" must never read as "none".
  ECS: z.looseObject({ Clusters: z.array(EcsCluster).default([]), TaskDefinitions: list(EcsTaskDefinition) }).optional(),
  AppRunner: z.looseObject({ Services: z.array(AppRunnerService).default([]) }).optional(),
  ELBv2: z.looseObject({ LoadBalancers: z.array(LoadBalancer).default([]), TargetGroups: list(TargetGroup) }).optional(),
};

export type EcsCluster = z.output<typeof EcsCluster>;
export type EcsTaskDefinition = z.output<typeof EcsTaskDefinition>;
export type AppRunnerService = z.output<typeof AppRunnerService>;
