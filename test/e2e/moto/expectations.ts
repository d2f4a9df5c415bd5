/**
 * What a scan of the seeded deployment must find, as tables a later phase extends: the exact
 * attack paths the graph models today, the exact coverage gaps the emulator causes (each an
 * operation moto 5.2.1 does not implement), and per service what the collector must have put
 * in the snapshot. Adding a front door to the graph means adding rows to the findings; nothing
 * else here changes.
 */
import type { Snapshot } from '../../../src/snapshot/index.js';
import { REGION } from './seed/clients.js';
import type { Seeded } from './seed/index.js';
import { PLANTED_RUNTIME_KEY } from './seed/agentcore.js';
import { STAGE_TOKEN } from './seed/apigateway.js';
import { PLANTED_TOKEN } from './seed/ecs.js';
import { PLANTED_KEY } from './seed/lambda.js';
import { PLANTED_BUILD_TOKEN } from './seed/codebuild.js';
import { CI_USER } from './seed/iam.js';
import { BUCKETS } from './seed/s3.js';
import { PARAMETERS } from './seed/ssm.js';
import { fingerprint } from '../../../src/snapshot/credentials.js';

/** One expected finding: entry point, node ids from entry to target, impact class. */
export interface ExpectedFinding {
  entryPoint: string;
  path: string[];
  impact: string;
  severity: string;
  /** Holds only under conditions evaluation could not settle. */
  conditional: boolean;
}

const ACCOUNT = '123456789012';
const fn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const parameter = (name: string) => `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter${name}`;

/**
 * The findings, exactly. The function URL policy grants lambda:InvokeFunctionUrl only, so the
 * entry holds for URLs created before October 2025: the graph says so (conditional). The node
 * group has no launch template moto can describe, so whether pods reach the node role stays open
 * (conditional). The IRSA role pinned to one service account is no entry. The REST API's POST
 * /predict (authorization NONE, deployed stage `prod`) reaches the chat function through the
 * permission API Gateway holds for that API; the HTTP API's open route reaches no function (no
 * permission names it), the JWT route's token holders neither, the AgentCore gateway without
 * inbound auth has a target its role may not invoke, and the Cognito guest role stays unseen:
 * moto has no GetIdentityPoolRoles (a gap below), and it drops the pool's AllowClassicFlow
 * (asserted in the sections below), without which `cognito-guest` (trusting any pool's guest
 * tokens) is no basic-flow entry either.
 */
export function expectedFindings(seeded: Seeded): ExpectedFinding[] {
  const publicUrl = ['internet', fn('chat-frontend'), role('chat-frontend-role')];
  const predict = ['internet', `arn:aws:execute-api:${REGION}:${ACCOUNT}:${seeded.apis.restApiId}/prod/POST/predict`, fn('chat-frontend'), role('chat-frontend-role')];
  const publicService = ['internet', seeded.ecs.taskDefinitionArn];
  const artifacts = `arn:aws:s3:::${BUCKETS.artifacts}`;
  const training = `arn:aws:s3:::${BUCKETS.training}`;
  return [
    { entryPoint: 'lambda-function-url-public', path: [...publicUrl, seeded.secretArn], impact: 'C-SECRETS', severity: 'high', conditional: true },
    { entryPoint: 'lambda-function-url-public', path: [...publicUrl, training], impact: 'C-DATA', severity: 'medium', conditional: true },
    // API Gateway: POST /predict has no authorization and proxies to the chat function.
    { entryPoint: 'front-door-open', path: [...predict, seeded.secretArn], impact: 'C-SECRETS', severity: 'critical', conditional: false },
    { entryPoint: 'front-door-open', path: [...predict, training], impact: 'C-DATA', severity: 'high', conditional: false },
    // ECS: the service behind the internet-facing load balancer; its task role, and the secret its execution role fetches.
    { entryPoint: 'ecs-service-public-foothold', path: [...publicService, seeded.secretArn], impact: 'C-SECRETS', severity: 'high', conditional: false },
    { entryPoint: 'ecs-service-public-foothold', path: [...publicService, role('ecs-task-role'), training], impact: 'C-DATA', severity: 'medium', conditional: false },
    // ECS: the CI user's key re-points the service at a task definition of its own (ecs-update-service-task-definition).
    { entryPoint: 'iam-user-access-key', path: [`arn:aws:iam::${ACCOUNT}:user/${CI_USER}`, role('ecs-task-role'), training], impact: 'C-DATA', severity: 'high', conditional: false },
    // EC2: the public GPU host with IMDSv1.
    { entryPoint: 'ec2-instance-public-foothold', path: ['internet', role('ec2-gpu-role'), artifacts], impact: 'C-MODEL-THEFT', severity: 'medium', conditional: false },
    // EKS: code in the cluster, through the aud-only IRSA role and the shared node role.
    { entryPoint: 'eks-irsa-any-service-account', path: [seeded.eks.clusterArn, role('ml-serving-model-reader'), artifacts], impact: 'C-MODEL-THEFT', severity: 'medium', conditional: false },
    { entryPoint: 'eks-node-role-from-pods', path: [seeded.eks.clusterArn, role('ec2-gpu-role'), artifacts], impact: 'C-MODEL-THEFT', severity: 'low', conditional: true },
    // The SecureString under the AWS managed key; the one under alias/app-secrets needs kms:Decrypt the role lacks.
    { entryPoint: 'lambda-function-url-public', path: [...publicUrl, parameter(PARAMETERS.dbPassword)], impact: 'C-SECRETS', severity: 'high', conditional: true },
    // The OpenAI key in the function's environment: its own node, reached by holding the configuration.
    { entryPoint: 'credential-in-configuration', path: [fn('chat-frontend'), `credential:${fingerprint(PLANTED_KEY)}`], impact: 'C-OUTSIDE', severity: 'high', conditional: false },
    // The Hugging Face token in the CodeBuild project's PLAINTEXT variables, read with BatchGetProjects by the CI user's key.
    { entryPoint: 'iam-user-access-key', path: [`arn:aws:iam::${ACCOUNT}:user/${CI_USER}`, `credential:${fingerprint(PLANTED_BUILD_TOKEN)}`], impact: 'C-OUTSIDE', severity: 'high', conditional: false },
    // Whoever runs the function's code holds its environment, as it holds its role.
    { entryPoint: 'lambda-function-url-public', path: ['internet', fn('chat-frontend'), `credential:${fingerprint(PLANTED_KEY)}`], impact: 'C-OUTSIDE', severity: 'medium', conditional: true },
    // The Hugging Face token in the llm-server task definition's environment: held by the task
    // definition, so by whoever reads it and by whoever runs its code through the public service.
    { entryPoint: 'credential-in-configuration', path: [publicService[1]!, `credential:${fingerprint(PLANTED_TOKEN)}`], impact: 'C-OUTSIDE', severity: 'high', conditional: false },
    { entryPoint: 'ecs-service-public-foothold', path: [...publicService, `credential:${fingerprint(PLANTED_TOKEN)}`], impact: 'C-OUTSIDE', severity: 'medium', conditional: false },
    // The same function behind POST /predict: its parameter, and the key in its environment.
    { entryPoint: 'front-door-open', path: [...predict, parameter(PARAMETERS.dbPassword)], impact: 'C-SECRETS', severity: 'critical', conditional: false },
    { entryPoint: 'front-door-open', path: [...predict.slice(0, 3), `credential:${fingerprint(PLANTED_KEY)}`], impact: 'C-OUTSIDE', severity: 'high', conditional: false },
    // The token in the REST API stage's variables: the CI user may read the stage (apigateway:GET).
    { entryPoint: 'iam-user-access-key', path: [`arn:aws:iam::${ACCOUNT}:user/${CI_USER}`, `credential:${fingerprint(STAGE_TOKEN)}`], impact: 'C-OUTSIDE', severity: 'high', conditional: false },
    // The Anthropic key in the AgentCore runtime's environment variables.
    { entryPoint: 'credential-in-configuration', path: [seeded.agentCore.runtimeArn, `credential:${fingerprint(PLANTED_RUNTIME_KEY)}`], impact: 'C-OUTSIDE', severity: 'high', conditional: false },
  ];
}

/** `service Operation outcome` of every gap, and why moto causes it. */
export const EXPECTED_GAPS: ReadonlyArray<{ gap: string; why: string }> = [
  { gap: 'apigateway GetAuthorizers not-collected', why: 'moto has no apigatewayv2 GetAuthorizers; GetAuthorizer per route authorizer stands in' },
  { gap: 'apprunner ListServices not-collected', why: 'moto has no App Runner' },
  { gap: 'bedrock-agentcore GetResourcePolicy not-collected', why: 'moto serves AgentCore runtimes, gateways and memories without resource policies' },
  { gap: 'bedrock-agentcore ListBrowsers not-collected', why: 'moto has no AgentCore browsers' },
  { gap: 'bedrock-agentcore ListCodeInterpreters not-collected', why: 'moto has no AgentCore code interpreters' },
  { gap: 'cognito-identity GetIdentityPoolRoles not-collected', why: 'moto has no identity pool roles' },
  { gap: 'iam ListServiceSpecificCredentials not-collected', why: 'moto has no service-specific credentials (long-term Bedrock API keys)' },
  { gap: 'eks ListAccessEntries not-collected', why: 'moto has no EKS access entries' },
  { gap: 'eks ListPodIdentityAssociations not-collected', why: 'moto has no Pod Identity' },
  { gap: 'lambda ListFunctionUrlConfigs not-collected', why: 'moto lacks it; GetFunctionUrlConfig per function stands in' },
  { gap: 'sagemaker ListNotebookInstanceLifecycleConfigs not-collected', why: 'moto lacks it' },
  { gap: 'sagemaker ListUserProfiles not-collected', why: 'moto lacks it' },
  // Sections this version has no collector for: outside the run's scope, listed all the same.
  { gap: 'glue * not-collected', why: 'no collector' },
];

type Region = NonNullable<Snapshot['accounts'][number]['regions'][string]>;

/** Per service: a label, what to read from the region's data, and what it must be. */
export function expectedSections(seeded: Seeded): Array<[string, (region: Region) => unknown, unknown]> {
  return [
    ['Auto Scaling group with its launch template and that version\'s instance profile only', (r) => r.AutoScaling?.AutoScalingGroups?.map((g) => [g.AutoScalingGroupName, g.LaunchTemplate?.LaunchTemplateId, g.LaunchTemplateVersions?.map((v) => [v.IamInstanceProfile?.Arn ?? v.IamInstanceProfile?.Name, 'LaunchTemplateData' in v])]), [['batch-fleet', seeded.launchTemplateId, [['ec2-gpu-profile', false]]]]],
    ['CloudFormation stack set with its instance, default roles, parameter keys only', (r) => r.CloudFormation?.StackSets?.map((s) => [s.StackSetName, s.PermissionModel, s.AdministrationRoleARN, s.ExecutionRoleName, s.StackInstances?.map((i) => i.Account), s.Parameters, 'TemplateBody' in s]), [['org-baseline', 'SELF_MANAGED', `arn:aws:iam::${ACCOUNT}:role/AWSCloudFormationStackSetAdministrationRole`, 'AWSCloudFormationStackSetExecutionRole', [ACCOUNT], [{ ParameterKey: 'AlertToken' }], false]]],
    ['Lambda event source mapping onto the SQS queue', (r) => r.Lambda?.EventSourceMappings?.map((m) => [m.EventSourceArn, m.FunctionArn]), [[seeded.reportQueueArn, fn('nightly-report')]]],
    ['Lambda URLs (through the GetFunctionUrlConfig fallback)', (r) => r.Lambda?.Functions.map((f) => [f.FunctionName, (f.FunctionUrlConfigs ?? []).map((u) => u.AuthType)]), [['chat-frontend', ['NONE']], ['nightly-report', []]]],
    ['REST API methods', (r) => r.ApiGateway?.RestApis[0]?.Resources?.flatMap((res) => Object.values(res.resourceMethods ?? {}).map((m) => [res.path, m.authorizationType, m.apiKeyRequired, m.methodIntegration?.type, m.methodIntegration?.credentials ?? null])), [['/predict', 'NONE', false, 'AWS_PROXY', null], ['/admin', 'AWS_IAM', true, 'AWS', role('apigw-sagemaker-invoke')]]],
    ['REST API stages and deployments', (r) => { const api = r.ApiGateway?.RestApis[0]; return [api?.Stages?.map((s) => s.stageName), api?.Stages?.[0]?.deploymentId === api?.Deployments?.[0]?.id]; }, [['prod'], true]],
    ['REST API authorizers', (r) => r.ApiGateway?.RestApis[0]?.Authorizers?.map((a) => [a.type, a.providerARNs]), [['COGNITO_USER_POOLS', [seeded.cognito.userPoolArn]]]],
    ['HTTP API routes', (r) => r.ApiGatewayV2?.Apis[0]?.Routes?.map((route) => [route.RouteKey, route.AuthorizationType]).sort(), [['POST /chat', 'NONE'], ['POST /history', 'JWT']]],
    ['HTTP API authorizers (through the GetAuthorizer fallback)', (r) => r.ApiGatewayV2?.Apis[0]?.Authorizers?.map((a) => [a.AuthorizerType, a.JwtConfiguration?.Audience]), [['JWT', ['chat-app']]]],
    ['HTTP API integrations', (r) => r.ApiGatewayV2?.Apis[0]?.Integrations?.map((i) => [i.IntegrationType, i.IntegrationUri]), [['AWS_PROXY', fn('chat-frontend')]]],
    // Seeded with AllowClassicFlow true, which moto 5.2.1 drops: a moto that returns it makes the
    // basic-flow entry (internet -> cognito-guest) a finding to add above.
    ['Cognito identity pools (guests allowed; basic flow not served)', (r) => r.CognitoIdentity?.IdentityPools.map((p) => [p.IdentityPoolId, p.AllowUnauthenticatedIdentities, p.AllowClassicFlow ?? null]), [[seeded.cognito.identityPoolId, true, null]]],
    ['Cognito user pools (self sign-up)', (r) => r.CognitoUserPools?.UserPools.map((p) => [p.Id, p.AdminCreateUserConfig?.AllowAdminCreateUserOnly]), [[seeded.cognito.userPoolId, false]]],
    ['EC2 instance (public, IMDSv1, profile)', (r) => r.EC2?.Instances.map((i) => [i.InstanceId, i.PublicIpAddress !== undefined, i.MetadataOptions?.HttpTokens, i.IamInstanceProfile?.Arn]), [[seeded.network.instanceId, true, 'optional', `arn:aws:iam::${ACCOUNT}:instance-profile/ec2-gpu-profile`]]],
    ['EC2 security group open to the world', (r) => r.EC2?.SecurityGroups?.find((g) => g.GroupId === seeded.network.openGroupId)?.IpPermissions?.map((p) => [p.FromPort, p.IpRanges?.map((x) => x.CidrIp)]), [[443, ['0.0.0.0/0']]]],
    ['EC2 public subnet routes to the internet gateway', (r) => r.EC2?.RouteTables?.some((t) => t.Associations?.some((a) => a.SubnetId === seeded.network.publicSubnetId) && t.Routes?.some((x) => x.GatewayId === seeded.network.internetGatewayId)), true],
    ['ECS service (public IP, behind a load balancer)', (r) => r.ECS?.Clusters[0]?.Services?.map((s) => [s.serviceArn, s.networkConfiguration?.awsvpcConfiguration?.assignPublicIp, s.loadBalancers?.map((l) => l.targetGroupArn)]), [[seeded.ecs.serviceArn, 'ENABLED', [seeded.ecs.targetGroupArn]]]],
    ['ECS task definitions in use (roles)', (r) => r.ECS?.TaskDefinitions?.map((t) => [t.family, t.taskRoleArn, t.executionRoleArn ?? null]).sort(), [['batch-scorer', role('ecs-task-role'), null], ['llm-server', role('ecs-task-role'), role('ecs-execution-role')]]],
    ['ECS task definition secrets are references', (r) => r.ECS?.TaskDefinitions?.find((t) => t.family === 'llm-server')?.containerDefinitions?.[0]?.secrets, [{ name: 'OPENAI_API_KEY', valueFrom: seeded.secretArn }]],
    ['ECS running tasks and container instances', (r) => [r.ECS?.Clusters[0]?.Tasks?.length, r.ECS?.Clusters[0]?.ContainerInstances?.map((c) => c.ec2InstanceId)], [1, [seeded.network.instanceId]]],
    ['ELBv2 load balancer scheme, and the target group it serves', (r) => [r.ELBv2?.LoadBalancers.map((l) => l.Scheme), r.ELBv2?.TargetGroups?.map((t) => [t.TargetGroupArn, t.LoadBalancerArns])], [['internet-facing'], [[seeded.ecs.targetGroupArn, [seeded.ecs.loadBalancerArn]]]]],
    ['EKS node group role', (r) => r.EKS?.Clusters[0]?.Nodegroups?.map((g) => [g.nodegroupName, g.nodeRole]), [['gpu-nodes', role('ec2-gpu-role')]]],
    ['EKS cluster OIDC issuer and public endpoint', (r) => r.EKS?.Clusters.map((c) => [c.arn, c.identity?.oidc?.issuer, c.resourcesVpcConfig?.endpointPublicAccess]), [[seeded.eks.clusterArn, `https://${seeded.eks.issuer}`, true]]],
    ['AgentCore runtime role', (r) => r.BedrockAgentCore?.AgentRuntimes.map((x) => [x.agentRuntimeId, x.roleArn]), [[seeded.agentCore.runtimeId, role('agent-runtime-role')]]],
    ['AgentCore gateway without inbound auth, and its Lambda target', (r) => r.BedrockAgentCore?.Gateways?.map((g) => [g.gatewayId, g.authorizerType, g.Targets?.map((t) => t.targetConfiguration?.mcp?.lambda?.lambdaArn)]), [[seeded.agentCore.gatewayId, 'NONE', [fn('chat-frontend')]]]],
    [
      'SSM parameters: metadata only, with the key of each SecureString',
      (r) => r.SSM?.Parameters.map((p) => [p.Name, p.Type, p.KeyId ?? null, 'Value' in p]).sort(),
      [[PARAMETERS.dbPassword, 'SecureString', 'alias/aws/ssm', false], [PARAMETERS.hfToken, 'SecureString', 'alias/app-secrets', false], [PARAMETERS.modelName, 'String', null, false]],
    ],
    ['KMS key alias (ListAliases by key)', (r) => r.KMS?.Keys.find((k) => k.KeyMetadata.Arn === seeded.appKeyArn)?.Aliases?.map((a) => a.AliasName), ['alias/app-secrets']],
    ['AgentCore memory', (r) => r.BedrockAgentCore?.Memories?.map((m) => m.id), [seeded.agentCore.memoryId]],
    ['CodeBuild project: service role, variable types (the PLAINTEXT value redacted)', (r) => r.CodeBuild?.Projects.map((p) => [p.name, p.serviceRole, p.environment?.environmentVariables?.map((v) => [v.name, v.type, v.value?.startsWith('<redacted:huggingface-token ') ?? false])]), [['model-eval', role('report-role'), [['HF_TOKEN', 'PLAINTEXT', true], ['OPENAI_API_KEY', 'SECRETS_MANAGER', false]]]]],
    [
      'CloudTrail trail: multi-Region, logging, management and training-data events',
      (r) => r.CloudTrail?.Trails.map((t) => [t.Name, t.IsMultiRegionTrail, t.Status?.IsLogging, t.EventSelectors?.AdvancedEventSelectors?.map((s) => s.FieldSelectors.find((f) => f.Field === 'eventCategory')?.Equals)]),
      [['org-audit', true, true, [['Management'], ['Data']]]],
    ],
  ];
}
