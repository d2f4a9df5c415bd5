/**
 * Where credentials can sit in a region's configuration, section by section: each entry
 * lists the value blocks (environment maps, `{name, value}` lists, stage variables, literal
 * integration parameters, OAuth parameters, job arguments, stack parameters) of one snapshot
 * section, with the resource they belong to, or the reason it has none. redact.ts scans these
 * blocks and nothing else (docs/snapshot.md#redaction).
 */
import type { z } from 'zod';
import type { AccountData as AccountSchema, RegionData as RegionSchema, Snapshot as SnapshotSchema } from './schema.js';

type RegionData = z.output<typeof RegionSchema>;

/** Resource kinds whose configuration can hold credentials (graph node kinds where one exists). */
export const CREDENTIAL_RESOURCE_KINDS = [
  'lambda-function',
  'model',
  'training-job',
  'processing-job',
  'api-stage',
  'api-integration',
  'ecs-task-definition',
  'ecs-task',
  'apprunner-service',
  'agentcore-runtime',
  'agentcore-gateway',
  'glue-job',
  'codebuild-project',
  'cloudformation-stack',
  'cloudformation-stack-set',
  'notebook-lifecycle-config',
] as const;
export type CredentialResourceKind = (typeof CREDENTIAL_RESOURCE_KINDS)[number];

/** One value that may be a credential: its name, and where it is from the region and from its resource. */
export interface SiteValue {
  variable: string;
  value: string;
  /** From the region's data (`Lambda`, `Functions`, 0, ...) to the value. */
  path: PropertyKey[];
  /** From the resource to the value (`Environment.Variables.X`), as reports name it. */
  field: PropertyKey[];
}

/** Values configured together: an access key id among them makes a 40-character sibling its secret. */
export interface SiteBlock {
  resourceArn: string;
  resourceKind: CredentialResourceKind;
  values: SiteValue[];
}

type Scan = (data: RegionData, where: { accountId: string; region: string }) => SiteBlock[];

/** Names of the regional sections of a snapshot (`regions.<region>.<Section>`). */
export type RegionSection = keyof typeof RegionSchema.shape;
/** Names of the account-wide sections (`accounts[].<section>`). */
export type AccountSection = Exclude<keyof typeof AccountSchema.shape, 'accountId' | 'partition' | 'alias' | 'regions'>;
/** Names of the snapshot-wide sections. */
export type SnapshotSection = Exclude<keyof typeof SnapshotSchema.shape, 'schemaVersion' | 'collectedAt' | 'tool' | 'accounts' | 'coverage'>;

/** A `{KEY: value}` map at `path` (from the region) / `field` (from the resource). */
function fromMap(map: Record<string, string> | undefined, path: PropertyKey[], field: PropertyKey[], accept: (value: string) => string | undefined = (v) => v): SiteValue[] {
  return Object.entries(map ?? {}).flatMap(([variable, raw]) => {
    const value = accept(raw);
    return value === undefined ? [] : [{ variable, value, path: [...path, variable], field: [...field, variable] }];
  });
}

/** `[{name, value}]` lists (ECS, CodeBuild; `keys` names the fields where they differ, as in CloudFormation). */
function fromPairs(
  pairs: ReadonlyArray<Record<string, unknown>> | undefined,
  path: PropertyKey[],
  field: PropertyKey[],
  keys: { name: string; value: string } = { name: 'name', value: 'value' },
): SiteValue[] {
  return (pairs ?? []).flatMap((pair, i) => {
    const variable = pair[keys.name];
    const value = pair[keys.value];
    return typeof value === 'string' && typeof variable === 'string' ? [{ variable, value, path: [...path, i, keys.value], field: [...field, i, keys.value] }] : [];
  });
}

/**
 * The literal text of an API Gateway parameter mapping value, or undefined for a reference.
 * REST and WebSocket literals are single-quoted (`'Bearer abc'`); HTTP API literals are bare,
 * and references start with `$` (`$request.header.x`, `$stageVariables.y`).
 */
export function literalParameter(value: string): string | undefined {
  if (/^'.*'$/s.test(value)) return value.slice(1, -1);
  if (value.startsWith('$') || /^(method|route|context|stageVariables|integration)\./.test(value)) return undefined;
  return value;
}

const restApiArn = (region: string, id: string) => `arn:aws:apigateway:${region}::/restapis/${id}`;
const httpApiArn = (region: string, id: string) => `arn:aws:apigateway:${region}::/apis/${id}`;

/** A section reviewed and found to hold identifiers, references and settings only; the reason says which. */
interface NoValues {
  none: string;
}

/**
 * The redaction decision of every regional section: where its credentials can sit, or why it
 * has none. Checked by the compiler against the snapshot format: a new section without a
 * decision does not build.
 */
export const REDACTION_DECISIONS = {
  Lambda: (data) =>
    (data.Lambda?.Functions ?? []).map((fn, i) => ({
      resourceArn: fn.FunctionArn,
      resourceKind: 'lambda-function',
      values: fromMap(fn.Environment?.Variables, ['Lambda', 'Functions', i, 'Environment', 'Variables'], ['Environment', 'Variables']),
    })),
  SageMaker: (data) => [
    ...(data.SageMaker?.Models ?? []).flatMap((model, i): SiteBlock[] => [
      { resourceArn: model.ModelArn, resourceKind: 'model', values: fromMap(model.PrimaryContainer?.Environment, ['SageMaker', 'Models', i, 'PrimaryContainer', 'Environment'], ['PrimaryContainer', 'Environment']) },
      ...(model.Containers ?? []).map((c, j): SiteBlock => ({
        resourceArn: model.ModelArn,
        resourceKind: 'model',
        values: fromMap(c.Environment, ['SageMaker', 'Models', i, 'Containers', j, 'Environment'], ['Containers', j, 'Environment']),
      })),
    ]),
    ...(data.SageMaker?.TrainingJobs ?? []).flatMap((job, i): SiteBlock[] => [
      { resourceArn: job.TrainingJobArn, resourceKind: 'training-job', values: fromMap(job.Environment, ['SageMaker', 'TrainingJobs', i, 'Environment'], ['Environment']) },
      { resourceArn: job.TrainingJobArn, resourceKind: 'training-job', values: fromMap(job.HyperParameters, ['SageMaker', 'TrainingJobs', i, 'HyperParameters'], ['HyperParameters']) },
    ]),
    ...(data.SageMaker?.ProcessingJobs ?? []).map((job, i): SiteBlock => ({
      resourceArn: job.ProcessingJobArn,
      resourceKind: 'processing-job',
      values: fromMap(job.Environment, ['SageMaker', 'ProcessingJobs', i, 'Environment'], ['Environment']),
    })),
  ],
  ApiGateway: (data, { region }) =>
    (data.ApiGateway?.RestApis ?? []).flatMap((api, a): SiteBlock[] => {
      const at = ['ApiGateway', 'RestApis', a];
      const resourceArn = restApiArn(region, api.id);
      return [
        // Stage variables belong to their stage (apigateway:GET on it reads them).
        ...(api.Stages ?? []).map((stage, s): SiteBlock => ({ resourceArn: `${resourceArn}/stages/${stage.stageName}`, resourceKind: 'api-stage', values: fromMap(stage.variables, [...at, 'Stages', s, 'variables'], ['variables']) })),
        // Literal integration parameters belong to their method (GetMethod returns its integration).
        ...(api.Resources ?? []).flatMap((resource, r) =>
          Object.entries(resource.resourceMethods ?? {}).map(([verb, method]): SiteBlock => {
            const path = ['Resources', r, 'resourceMethods', verb, 'methodIntegration', 'requestParameters'];
            return {
              resourceArn: `${resourceArn}/resources/${resource.id}/methods/${verb}`,
              resourceKind: 'api-integration',
              values: fromMap(method.methodIntegration?.requestParameters, [...at, ...path], ['methodIntegration', 'requestParameters'], literalParameter),
            };
          }),
        ),
      ];
    }),
  ApiGatewayV2: (data, { region }) =>
    (data.ApiGatewayV2?.Apis ?? []).flatMap((api, a): SiteBlock[] => {
      const at = ['ApiGatewayV2', 'Apis', a];
      const resourceArn = httpApiArn(region, api.ApiId);
      return [
        ...(api.Stages ?? []).map((stage, s): SiteBlock => ({
          resourceArn: `${resourceArn}/stages/${stage.StageName}`,
          resourceKind: 'api-stage',
          values: fromMap(stage.StageVariables, [...at, 'Stages', s, 'StageVariables'], ['StageVariables']),
        })),
        ...(api.Integrations ?? []).map((integration, n): SiteBlock => {
          const path = ['Integrations', n, 'RequestParameters'];
          return { resourceArn: `${resourceArn}/integrations/${integration.IntegrationId}`, resourceKind: 'api-integration', values: fromMap(integration.RequestParameters, [...at, ...path], ['RequestParameters'], literalParameter) };
        }),
      ];
    }),
  ECS: (data) => [
    ...(data.ECS?.TaskDefinitions ?? []).flatMap((definition, d) =>
      (definition.containerDefinitions ?? []).map((container, c): SiteBlock => {
        const field = ['containerDefinitions', c, 'environment'];
        return { resourceArn: definition.taskDefinitionArn, resourceKind: 'ecs-task-definition', values: fromPairs(container.environment, ['ECS', 'TaskDefinitions', d, ...field], field) };
      }),
    ),
    ...(data.ECS?.Clusters ?? []).flatMap((cluster, k) =>
      (cluster.Tasks ?? []).flatMap((task, t) =>
        (task.overrides?.containerOverrides ?? []).map((override, o): SiteBlock => {
          const field = ['overrides', 'containerOverrides', o, 'environment'];
          return { resourceArn: task.taskArn, resourceKind: 'ecs-task', values: fromPairs(override.environment, ['ECS', 'Clusters', k, 'Tasks', t, ...field], field) };
        }),
      ),
    ),
  ],
  AppRunner: (data) =>
    (data.AppRunner?.Services ?? []).flatMap((service, i): SiteBlock[] => {
      const source = service.SourceConfiguration;
      const image = ['SourceConfiguration', 'ImageRepository', 'ImageConfiguration', 'RuntimeEnvironmentVariables'];
      const code = ['SourceConfiguration', 'CodeRepository', 'CodeConfiguration', 'CodeConfigurationValues', 'RuntimeEnvironmentVariables'];
      const at = ['AppRunner', 'Services', i];
      return [
        { resourceArn: service.ServiceArn, resourceKind: 'apprunner-service', values: fromMap(source?.ImageRepository?.ImageConfiguration?.RuntimeEnvironmentVariables, [...at, ...image], image) },
        {
          resourceArn: service.ServiceArn,
          resourceKind: 'apprunner-service',
          values: fromMap(source?.CodeRepository?.CodeConfiguration?.CodeConfigurationValues?.RuntimeEnvironmentVariables, [...at, ...code], code),
        },
      ];
    }),
  BedrockAgentCore: (data) => [
    ...(data.BedrockAgentCore?.AgentRuntimes ?? []).map((runtime, i): SiteBlock => ({
      resourceArn: runtime.agentRuntimeArn,
      resourceKind: 'agentcore-runtime',
      values: fromMap(runtime.environmentVariables, ['BedrockAgentCore', 'AgentRuntimes', i, 'environmentVariables'], ['environmentVariables']),
    })),
    ...(data.BedrockAgentCore?.Gateways ?? []).flatMap((gateway, g) =>
      (gateway.Targets ?? []).flatMap((target, t) =>
        (target.credentialProviderConfigurations ?? []).map((config, c): SiteBlock => {
          const field = ['Targets', t, 'credentialProviderConfigurations', c, 'credentialProvider', 'oauthCredentialProvider', 'customParameters'];
          return {
            resourceArn: gateway.gatewayArn,
            resourceKind: 'agentcore-gateway',
            values: fromMap(config.credentialProvider?.oauthCredentialProvider?.customParameters, ['BedrockAgentCore', 'Gateways', g, ...field], field),
          };
        }),
      ),
    ),
  ],
  Glue: (data, { accountId, region }) =>
    (data.Glue?.Jobs ?? []).map((job, i): SiteBlock => ({
      resourceArn: `arn:aws:glue:${region}:${accountId}:job/${job.Name}`,
      resourceKind: 'glue-job',
      values: fromMap(job.DefaultArguments, ['Glue', 'Jobs', i, 'DefaultArguments'], ['DefaultArguments']),
    })),
  CodeBuild: (data, { accountId, region }) =>
    (data.CodeBuild?.Projects ?? []).map((project, i): SiteBlock => {
      const field = ['environment', 'environmentVariables'];
      const plain = (project.environment?.environmentVariables ?? []).map((v) => (v.type === undefined || v.type === 'PLAINTEXT' ? v : {}));
      return { resourceArn: project.arn ?? `arn:aws:codebuild:${region}:${accountId}:project/${project.name}`, resourceKind: 'codebuild-project', values: fromPairs(plain, ['CodeBuild', 'Projects', i, ...field], field) };
    }),
  CloudFormation: (data) => [
    ...(data.CloudFormation?.Stacks ?? []).map((stack, i): SiteBlock => ({
      resourceArn: stack.StackId ?? stack.StackName,
      resourceKind: 'cloudformation-stack',
      values: fromPairs(stack.Parameters, ['CloudFormation', 'Stacks', i, 'Parameters'], ['Parameters'], { name: 'ParameterKey', value: 'ParameterValue' }),
    })),
    // The collector drops stack set parameter values; a snapshot from elsewhere may carry them.
    ...(data.CloudFormation?.StackSets ?? []).map((set, i): SiteBlock => ({
      resourceArn: set.StackSetARN ?? set.StackSetName,
      resourceKind: 'cloudformation-stack-set',
      values: fromPairs(set.Parameters, ['CloudFormation', 'StackSets', i, 'Parameters'], ['Parameters'], { name: 'ParameterKey', value: 'ParameterValue' }),
    })),
  ],
  SecretsManager: { none: 'secret metadata and resource policies (ListSecrets never returns values)' },
  KMS: { none: 'key metadata, key policies and grants' },
  SSM: { none: 'parameter metadata (DescribeParameters never returns values)' },
  Bedrock: { none: 'agents, knowledge bases and custom models: role ARNs, Lambda ARNs, S3 locations' },
  EKS: { none: 'cluster settings, access entries, Pod Identity associations, node groups (launch template user data is never collected)' },
  AutoScaling: { none: 'Auto Scaling groups and the instance profile of the launch template version each uses (user data is never collected)' },
  EC2: { none: 'instances (user data is not returned by DescribeInstances), security groups, route tables' },
  ECR: { none: 'repositories and their policies' },
  ELBv2: { none: 'load balancers and target groups' },
  CognitoIdentity: { none: 'identity pools: provider names, app ids, role ARNs' },
  CloudTrail: { none: 'trail settings, logging status and event selectors: names, ARNs, bucket names' },
  CognitoUserPools: { none: 'user pool settings (DescribeUserPool returns no client secrets)' },
} satisfies Record<RegionSection, Scan | NoValues>;

/** The decisions of the account-wide sections: none holds configuration values. */
export const ACCOUNT_REDACTION_DECISIONS = {
  iam: { none: 'authorization details (policies, names, tags), identity providers, access key ids with their status, and Bedrock API key metadata (id, status, dates; the secret exists only in the create call, never made): never a secret key' },
  s3: { none: 'buckets with their policies, tags and public access blocks' },
} satisfies Record<AccountSection, NoValues>;

/** The decisions of the snapshot-wide sections. */
export const SNAPSHOT_REDACTION_DECISIONS = {
  organization: { none: 'the organization, its OUs, accounts and policies (SCPs, RCPs)' },
} satisfies Record<SnapshotSection, NoValues>;

/** The scans of the sections that can hold credentials. */
export const REDACTION_SITES: readonly Scan[] = Object.values(REDACTION_DECISIONS).filter((decision): decision is Scan => typeof decision === 'function');
