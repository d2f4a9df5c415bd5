/**
 * Where credentials can sit in a region's configuration, section by section: each entry
 * lists the value blocks (environment maps, `{name, value}` lists, stage variables, literal
 * integration parameters, OAuth parameters) of one snapshot section, with the resource they
 * belong to. redact.ts scans these blocks and nothing else; sections without an entry hold
 * identifiers, references (ARNs) and settings, not secret values (docs/snapshot.md#redaction).
 */
import type { RegionData } from './schema.js';

/** Resource kinds whose configuration can hold credentials (graph node kinds where one exists). */
export const CREDENTIAL_RESOURCE_KINDS = [
  'lambda-function',
  'model',
  'training-job',
  'processing-job',
  'rest-api',
  'http-api',
  'ecs-task-definition',
  'ecs-task',
  'apprunner-service',
  'agentcore-runtime',
  'agentcore-gateway',
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

/** A `{KEY: value}` map at `path` (from the region) / `field` (from the resource). */
function fromMap(map: Record<string, string> | undefined, path: PropertyKey[], field: PropertyKey[], accept: (value: string) => string | undefined = (v) => v): SiteValue[] {
  return Object.entries(map ?? {}).flatMap(([variable, raw]) => {
    const value = accept(raw);
    return value === undefined ? [] : [{ variable, value, path: [...path, variable], field: [...field, variable] }];
  });
}

/** ECS `[{name, value}]` lists. */
function fromPairs(pairs: ReadonlyArray<{ name?: string | undefined; value?: string | undefined }> | undefined, path: PropertyKey[], field: PropertyKey[]): SiteValue[] {
  return (pairs ?? []).flatMap((pair, i) =>
    typeof pair.value === 'string' && pair.name !== undefined ? [{ variable: pair.name, value: pair.value, path: [...path, i, 'value'], field: [...field, i, 'value'] }] : [],
  );
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

/**
 * The sites of every section that can hold a credential. A section missing here is a
 * decision too: its fields were reviewed and hold no values a person types in as secrets.
 */
export const REDACTION_SITES: Record<string, Scan> = {
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
        ...(api.Stages ?? []).map((stage, s): SiteBlock => ({ resourceArn, resourceKind: 'rest-api', values: fromMap(stage.variables, [...at, 'Stages', s, 'variables'], ['Stages', s, 'variables']) })),
        ...(api.Resources ?? []).flatMap((resource, r) =>
          Object.entries(resource.resourceMethods ?? {}).map(([verb, method]): SiteBlock => {
            const field = ['Resources', r, 'resourceMethods', verb, 'methodIntegration', 'requestParameters'];
            return { resourceArn, resourceKind: 'rest-api', values: fromMap(method.methodIntegration?.requestParameters, [...at, ...field], field, literalParameter) };
          }),
        ),
      ];
    }),
  ApiGatewayV2: (data, { region }) =>
    (data.ApiGatewayV2?.Apis ?? []).flatMap((api, a): SiteBlock[] => {
      const at = ['ApiGatewayV2', 'Apis', a];
      const resourceArn = httpApiArn(region, api.ApiId);
      return [
        ...(api.Stages ?? []).map((stage, s): SiteBlock => ({ resourceArn, resourceKind: 'http-api', values: fromMap(stage.StageVariables, [...at, 'Stages', s, 'StageVariables'], ['Stages', s, 'StageVariables']) })),
        ...(api.Integrations ?? []).map((integration, n): SiteBlock => {
          const field = ['Integrations', n, 'RequestParameters'];
          return { resourceArn, resourceKind: 'http-api', values: fromMap(integration.RequestParameters, [...at, ...field], field, literalParameter) };
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
};
