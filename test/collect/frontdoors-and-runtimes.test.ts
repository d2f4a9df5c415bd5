/**
 * The collectors of AI front doors and runtime identities, against recorded responses
 * (fixtures/aws-api/org, 111111111111 us-east-1) through the real SDK clients: AgentCore,
 * Cognito, ECS, App Runner, ELBv2, EC2 networking, EKS node groups, API Gateway deployments and
 * HTTP authorizers. moto lacks several of these (test/e2e/moto.test.ts lists which), so the
 * recordings are where they are proven. Also: what redaction does to each new section.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DetectedCredential, RegionData, Snapshot } from '../../src/snapshot/index.js';
import { collectFrom, MANAGEMENT, startOrgServer } from './helpers.js';
import type { AwsServer } from './server/index.js';

let server: AwsServer;
let snapshot: Snapshot;
let credentials: DetectedCredential[];

beforeAll(async () => {
  server = await startOrgServer();
  const result = await collectFrom(server, { regions: ['us-east-1'], services: ['apigateway', 'apprunner', 'bedrock-agentcore', 'codebuild', 'cognito-identity', 'cognito-idp', 'ec2', 'ecs', 'eks', 'elasticloadbalancing'] });
  snapshot = result.snapshot;
  credentials = result.credentials;
});
afterAll(() => server.close());

const east = (): RegionData => snapshot.accounts.find((a) => a.accountId === MANAGEMENT)!.regions['us-east-1']!;
const arn = (rest: string) => `arn:aws:bedrock-agentcore:us-east-1:${MANAGEMENT}:${rest}`;
const role = (name: string) => `arn:aws:iam::${MANAGEMENT}:role/${name}`;

describe('collect: front doors and runtime identities, from recordings', () => {
  it('has no gaps in the services it was asked for', () => {
    const gaps = snapshot.coverage.filter((r) => r.outcome !== 'ok' && r.accountId === MANAGEMENT && r.region === 'us-east-1');
    expect(gaps).toEqual([]);
  });

  it.each([
    ['AgentCore runtime: role, JWT inbound auth, public resource policy', () => east().BedrockAgentCore?.AgentRuntimes.map((r) => [r.roleArn, r.authorizerConfiguration?.customJWTAuthorizer?.allowedClients, (r.ResourcePolicy?.Statement as Array<{ Principal: unknown }>)[0]?.Principal]), [[role('lambda-inference'), ['client-1'], '*']]],
    ['AgentCore runtime endpoints, each with its own policy or none', () => east().BedrockAgentCore?.AgentRuntimes[0]?.Endpoints?.map((e) => [e.name, e.ResourcePolicy !== undefined]), [['prod', true], ['DEFAULT', false]]],
    ['AgentCore gateway: NONE inbound auth, role, no resource policy', () => east().BedrockAgentCore?.Gateways?.map((g) => [g.authorizerType, g.roleArn, g.ResourcePolicy]), [['NONE', role('lambda-inference'), undefined]]],
    ['AgentCore gateway targets: Lambda, OpenAPI, Smithy with their credential providers', () => east().BedrockAgentCore?.Gateways?.[0]?.Targets?.map((t) => [t.name, Object.keys(t.targetConfiguration?.mcp ?? {})[0], t.credentialProviderConfigurations?.map((c) => c.credentialProviderType)]), [['report-tool', 'lambda', ['GATEWAY_IAM_ROLE']], ['crm-api', 'openApiSchema', ['OAUTH']], ['billing-smithy', 'smithyModel', ['API_KEY']]]],
    ['AgentCore memory with a cross-account policy', () => east().BedrockAgentCore?.Memories?.map((m) => [m.arn, m.memoryExecutionRoleArn, JSON.stringify(m.ResourcePolicy?.Statement)]), [[arn('memory/support_memory-XyZ'), role('sagemaker-execution'), expect.stringContaining('222222222222')]]],
    ['AgentCore code interpreters and browsers with their roles', () => [east().BedrockAgentCore?.CodeInterpreters?.map((c) => c.executionRoleArn), east().BedrockAgentCore?.Browsers?.map((b) => b.executionRoleArn)], [[role('sagemaker-execution')], [role('lambda-inference')]]],
    ['Cognito identity pools: guests, and the roles handed out', () => east().CognitoIdentity?.IdentityPools.map((p) => [p.IdentityPoolName, p.AllowUnauthenticatedIdentities, p.IdentityPoolRoles?.Roles?.['unauthenticated'] ?? null]), [['chat_guests', true, role('sagemaker-execution')], ['staff_only', false, null]]],
    ['Cognito user pools: self sign-up', () => east().CognitoUserPools?.UserPools.map((p) => [p.Id, p.AdminCreateUserConfig?.AllowAdminCreateUserOnly]), [['us-east-1_EXAMPLE', false]]],
    ['ECS services, every page and batch', () => east().ECS?.Clusters[0]?.Services?.map((s) => [s.serviceName, s.networkConfiguration?.awsvpcConfiguration?.assignPublicIp ?? null, s.loadBalancers?.length ?? 0]), [['llm-api', 'DISABLED', 1], ['embedder', 'ENABLED', 0], ['worker', null, 0]]],
    ['ECS running task with a task role override, on a container instance', () => east().ECS?.Clusters[0]?.Tasks?.map((t) => [t.overrides?.taskRoleArn, t.containerInstanceArn?.split('/').pop()]), [[role('sagemaker-execution'), 'fedcba9876543210']]],
    ['ECS container instances', () => east().ECS?.Clusters[0]?.ContainerInstances?.map((c) => c.ec2InstanceId), ['i-0bbbbbbbbbbbbbbb2']],
    ['ECS task definitions in use, each once, with tags', () => east().ECS?.TaskDefinitions?.map((t) => [t.family, t.taskRoleArn, t.executionRoleArn ?? null, (t as { tags?: unknown[] }).tags?.length ?? 0]), [['batch-scorer', role('lambda-inference'), null, 0], ['llm-server', role('lambda-inference'), role('sagemaker-execution'), 1]]],
    ['App Runner service: instance role, public ingress, secret references', () => east().AppRunner?.Services.map((s) => [s.InstanceConfiguration?.InstanceRoleArn, s.NetworkConfiguration?.IngressConfiguration?.IsPubliclyAccessible, Object.keys(s.SourceConfiguration?.ImageRepository?.ImageConfiguration?.RuntimeEnvironmentSecrets ?? {})]), [[role('lambda-inference'), true, ['DB_PASSWORD']]]],
    ['ELBv2 schemes and the target group behind the public one', () => [east().ELBv2?.LoadBalancers.map((l) => l.Scheme), east().ELBv2?.TargetGroups?.map((t) => t.LoadBalancerArns?.length)], [['internet-facing', 'internal'], [1]]],
    ['EC2 security groups, every page', () => east().EC2?.SecurityGroups?.map((g) => [g.GroupName, g.IpPermissions?.flatMap((p) => p.IpRanges?.map((r) => r.CidrIp) ?? []) ?? []]), [['inference-open', ['0.0.0.0/0']], ['internal', []], ['default', []]]],
    ['EC2 route tables: the public subnet routes to an internet gateway', () => east().EC2?.RouteTables?.map((t) => [t.Associations?.map((a) => a.SubnetId ?? (a.Main ? 'main' : '')), t.Routes?.some((r) => r.GatewayId?.startsWith('igw-'))]), [[['subnet-0public'], true], [['main'], false]]],
    ['EKS node groups: role, and IMDS settings of the launch template (only those)', () => east().EKS?.Clusters[0]?.Nodegroups?.map((g) => [g.nodegroupName, g.nodeRole, g.LaunchTemplateVersions ?? null]), [['gpu-nodes', role('eks-node'), [{ LaunchTemplateId: 'lt-0gpunodes', VersionNumber: 3, MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 2, HttpEndpoint: 'enabled' } }]], ['cpu-nodes', role('eks-node'), null]]],
    ['CodeBuild project: service role, variables with their types (BatchGetProjects)', () => east().CodeBuild?.Projects.map((p) => [p.name, p.serviceRole, p.environment?.environmentVariables?.map((v) => [v.name, v.type])]), [['model-eval', role('ec2-app'), [['HF_TOKEN', 'PLAINTEXT'], ['OPENAI_API_KEY', 'SECRETS_MANAGER'], ['EVAL_SUITE', 'PLAINTEXT']]]]],
    ['REST API deployments', () => east().ApiGateway?.RestApis[0]?.Deployments?.map((d) => d.id), ['dep123', 'dep100']],
    ['HTTP API authorizers', () => east().ApiGatewayV2?.Apis[0]?.Authorizers?.map((a) => [a.AuthorizerId, a.AuthorizerType, a.JwtConfiguration?.Audience]), [['jwt1', 'JWT', ['chat-app']]]],
  ])('%s', (_label, read, expected) => {
    expect(read()).toEqual(expected);
  });

  it('calls DescribeLaunchTemplateVersions only for node groups that have a launch template', () => {
    expect(server.calls.filter((c) => c.operation === 'DescribeLaunchTemplateVersions').map((c) => c.key)).toEqual(['lt-0gpunodes']);
  });

  it('describes ECS items in batches, not one call each', () => {
    const describes = server.calls.filter((c) => c.operation === 'DescribeServices' && c.account === MANAGEMENT);
    expect(describes).toHaveLength(1);
  });
});

describe('redaction of the new sections', () => {
  const planted = [
    'sk-proj-St4gEv4rIaBlE9kQ2mN7pL3vR8sT1wY6zA',
    'Lit3ralBackendKey-8f2a9c',
    'sk-ant-api03-R3c0rd3dRuNt1m3K3yAbCdEfGh',
    'Cl13ntS3cr3tF0rCrmXyZ12345',
    'w4ndbK3yF0rTh3N1ghtlyRunXYZ123456',
    'Zk9pQ2xWbE5tR3hUcjdZdUJ2S1pQa1dYcDFxQXc1',
    'sk-proj-4ppRunn3rK3yAbCdEfGhIjKlMnOp',
    'hf_Zp3LkQ9mWv2RtB7nXc4JdY8sGh1FaE6uTo',
    // Launch template user data (base64) is never kept, let alone its token.
    'IyEvYmluL2Jhc2gKZXhwb3J0IEhGX1RPS0VO',
  ];

  it('never writes a planted value', () => {
    const text = JSON.stringify(snapshot);
    for (const secret of planted) expect(text).not.toContain(secret);
  });

  it('reports each credential with its resource, kind and field', () => {
    const found = credentials.filter((c) => c.accountId === MANAGEMENT).map((c) => [c.resourceKind, c.field, c.kind]);
    const sorted = (rows: string[][]) => [...rows].sort((a, b) => a.join(' ').localeCompare(b.join(' ')));
    expect(sorted(found)).toEqual(
      sorted([
        ['api-stage', 'variables.upstreamKey', 'openai-api-key'],
        ['api-integration', 'methodIntegration.requestParameters["integration.request.header.x-api-key"]', 'generic-secret'],
        ['agentcore-runtime', 'environmentVariables.ANTHROPIC_API_KEY', 'anthropic-api-key'],
        ['agentcore-gateway', 'Targets[1].credentialProviderConfigurations[0].credentialProvider.oauthCredentialProvider.customParameters.client_secret', 'generic-secret'],
        ['ecs-task', 'overrides.containerOverrides[0].environment[0].value', 'generic-secret'],
        ['ecs-task-definition', 'containerDefinitions[0].environment[0].value', 'aws-access-key-id'],
        ['ecs-task-definition', 'containerDefinitions[0].environment[1].value', 'aws-secret-access-key'],
        ['apprunner-service', 'SourceConfiguration.ImageRepository.ImageConfiguration.RuntimeEnvironmentVariables.OPENAI_API_KEY', 'openai-api-key'],
        // A PLAINTEXT variable; the SECRETS_MANAGER one beside it is a name, and stays.
        ['codebuild-project', 'environment.environmentVariables[0].value', 'huggingface-token'],
      ]),
    );
    // The access key in the task definition is mapped to its owner, like one in a Lambda environment.
    expect(credentials.find((c) => c.resourceKind === 'ecs-task-definition' && c.kind === 'aws-access-key-id')?.accessKeyId).toBe('AKIAALICEEXAMPLE0001');
  });

  it('leaves references and non-secrets alone', () => {
    const methods = east().ApiGateway?.RestApis[0]?.Resources?.flatMap((r) => Object.values(r.resourceMethods ?? {}));
    const parameters = methods?.find((m) => m.methodIntegration?.requestParameters)?.methodIntegration?.requestParameters;
    expect(parameters?.['integration.request.header.x-user']).toBe('method.request.header.x-user');
    expect(east().ECS?.TaskDefinitions?.[1]?.containerDefinitions?.[0]?.environment?.[2]).toEqual({ name: 'MODEL_ID', value: 'llm-v4' });
    expect(east().BedrockAgentCore?.AgentRuntimes[0]?.environmentVariables?.['LOG_LEVEL']).toBe('info');
  });
});
