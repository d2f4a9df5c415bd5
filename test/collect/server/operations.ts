/**
 * How the local server answers each operation blastpath calls: which request parameter picks
 * the recorded response (per-resource calls), where a listing's items sit in the body, which
 * fields carry the continuation token, and the error AWS sends when a resource has no such
 * configuration. Written from AWS's API reference, independently of the collector's code.
 */

/** An AWS error as the server sends it. */
export interface AwsError {
  status: number;
  code: string;
  message?: string;
}

/** Paging of a listing: item paths in the body, the token's request and response names, the "more" flag. */
export interface Listing {
  items: string[];
  tokenIn?: string;
  tokenOut?: string;
  more?: string;
}

/** One operation's behaviour. */
export interface Operation {
  /** Request parameter whose value selects the response in the fixture's map. */
  key?: string;
  list?: Listing;
  /** Sent when the key has no recorded response. */
  absent?: AwsError;
  /** Answered when there is no recording at all (and no `absent`). */
  fallback?: Record<string, unknown>;
  /**
   * A batched describe (ECS): the recording lists every item under `items`; the answer keeps
   * those whose `by` field is among the request's `param` values.
   */
  select?: { param: string; items: string; by: string };
}

const marker = { tokenIn: 'Marker', tokenOut: 'Marker', more: 'IsTruncated' };
const next = { tokenIn: 'NextToken', tokenOut: 'NextToken' };
const lowerNext = { tokenIn: 'nextToken', tokenOut: 'nextToken' };
const position = { tokenIn: 'position', tokenOut: 'position' };
const kmsMarker = { tokenIn: 'Marker', tokenOut: 'NextMarker', more: 'Truncated' };
const lambdaMarker = { tokenIn: 'Marker', tokenOut: 'NextMarker' };
const notFound = (code: string, status = 404): AwsError => ({ status, code, message: 'The specified resource does not exist.' });

/** Operations by server service name. */
export const OPERATIONS: Record<string, Record<string, Operation>> = {
  iam: {
    GetAccountAuthorizationDetails: {
      list: { items: ['UserDetailList.member', 'GroupDetailList.member', 'RoleDetailList.member', 'Policies.member'], ...marker },
    },
    ListAccessKeys: { key: 'UserName', list: { items: ['AccessKeyMetadata.member'], ...marker } },
    GetAccessKeyLastUsed: { key: 'AccessKeyId', fallback: { AccessKeyLastUsed: { Region: 'N/A', ServiceName: 'N/A' } } },
    ListServiceSpecificCredentials: { key: 'UserName', fallback: { ServiceSpecificCredentials: {} } },
    ListOpenIDConnectProviders: { list: { items: ['OpenIDConnectProviderList.member'] } },
    GetOpenIDConnectProvider: { key: 'OpenIDConnectProviderArn', absent: notFound('NoSuchEntity') },
    ListSAMLProviders: { list: { items: ['SAMLProviderList.member'] } },
    ListAccountAliases: { list: { items: ['AccountAliases.member'], ...marker } },
  },
  ec2: {
    DescribeRegions: { list: { items: ['regionInfo.item'] } },
    DescribeInstances: { list: { items: ['reservationSet.item'], tokenIn: 'NextToken', tokenOut: 'nextToken' } },
    DescribeSecurityGroups: { list: { items: ['securityGroupInfo.item'], tokenIn: 'NextToken', tokenOut: 'nextToken' } },
    DescribeRouteTables: { list: { items: ['routeTableSet.item'], tokenIn: 'NextToken', tokenOut: 'nextToken' } },
    DescribeLaunchTemplateVersions: { key: 'LaunchTemplateId', absent: { status: 400, code: 'InvalidLaunchTemplateId.NotFound', message: 'The specified launch template does not exist.' } },
  },
  s3: {
    ListBuckets: { list: { items: ['ListAllMyBucketsResult.Buckets.Bucket'], tokenIn: 'continuation-token', tokenOut: 'ListAllMyBucketsResult.ContinuationToken' } },
    GetBucketLocation: { key: 'Bucket', fallback: { LocationConstraint: null } },
    GetBucketPolicy: { key: 'Bucket', absent: notFound('NoSuchBucketPolicy') },
    GetBucketPolicyStatus: { key: 'Bucket', absent: notFound('NoSuchBucketPolicy') },
    GetPublicAccessBlock: { key: 'Bucket', absent: notFound('NoSuchPublicAccessBlockConfiguration') },
    GetBucketTagging: { key: 'Bucket', absent: notFound('NoSuchTagSet') },
    GetBucketEncryption: { key: 'Bucket', absent: notFound('ServerSideEncryptionConfigurationNotFoundError') },
  },
  s3control: {
    GetPublicAccessBlock: { absent: notFound('NoSuchPublicAccessBlockConfiguration') },
  },
  secretsmanager: {
    ListSecrets: { list: { items: ['SecretList'], ...next } },
    GetResourcePolicy: { key: 'SecretId', fallback: {} },
  },
  ssm: {
    DescribeParameters: { list: { items: ['Parameters'], ...next } },
    ListTagsForResource: { key: 'ResourceId', fallback: { TagList: [] } },
  },
  kms: {
    ListKeys: { list: { items: ['Keys'], ...kmsMarker } },
    DescribeKey: { key: 'KeyId', absent: notFound('NotFoundException', 400) },
    GetKeyPolicy: { key: 'KeyId', absent: notFound('NotFoundException', 400) },
    ListResourceTags: { key: 'KeyId', list: { items: ['Tags'], ...kmsMarker } },
    ListAliases: { key: 'KeyId', list: { items: ['Aliases'], ...kmsMarker } },
    ListGrants: { key: 'KeyId', list: { items: ['Grants'], ...kmsMarker } },
  },
  sagemaker: {
    ListNotebookInstances: { list: { items: ['NotebookInstances'], ...next } },
    DescribeNotebookInstance: { key: 'NotebookInstanceName', absent: notFound('ValidationException', 400) },
    ListNotebookInstanceLifecycleConfigs: { list: { items: ['NotebookInstanceLifecycleConfigs'], ...next } },
    DescribeNotebookInstanceLifecycleConfig: { key: 'NotebookInstanceLifecycleConfigName', absent: notFound('ValidationException', 400) },
    ListDomains: { list: { items: ['Domains'], ...next } },
    DescribeDomain: { key: 'DomainId', absent: notFound('ResourceNotFound', 400) },
    ListUserProfiles: { list: { items: ['UserProfiles'], ...next } },
    DescribeUserProfile: { key: 'UserProfileName', absent: notFound('ResourceNotFound', 400) },
    ListEndpoints: { list: { items: ['Endpoints'], ...next } },
    DescribeEndpoint: { key: 'EndpointName', absent: notFound('ValidationException', 400) },
    ListEndpointConfigs: { list: { items: ['EndpointConfigs'], ...next } },
    DescribeEndpointConfig: { key: 'EndpointConfigName', absent: notFound('ValidationException', 400) },
    ListModels: { list: { items: ['Models'], ...next } },
    DescribeModel: { key: 'ModelName', absent: notFound('ValidationException', 400) },
    ListTrainingJobs: { list: { items: ['TrainingJobSummaries'], ...next } },
    DescribeTrainingJob: { key: 'TrainingJobName', absent: notFound('ResourceNotFound', 400) },
    ListProcessingJobs: { list: { items: ['ProcessingJobSummaries'], ...next } },
    DescribeProcessingJob: { key: 'ProcessingJobName', absent: notFound('ResourceNotFound', 400) },
    ListPipelines: { list: { items: ['PipelineSummaries'], ...next } },
    DescribePipeline: { key: 'PipelineName', absent: notFound('ResourceNotFound', 400) },
  },
  lambda: {
    ListFunctions: { list: { items: ['Functions'], ...lambdaMarker } },
    GetPolicy: { key: 'FunctionName', absent: notFound('ResourceNotFoundException') },
    ListFunctionUrlConfigs: { key: 'FunctionName', list: { items: ['FunctionUrlConfigs'], ...lambdaMarker } },
    GetFunctionUrlConfig: { key: 'FunctionName', absent: notFound('ResourceNotFoundException') },
    ListTags: { key: 'Resource', fallback: { Tags: {} } },
    ListEventSourceMappings: { list: { items: ['EventSourceMappings'], ...lambdaMarker } },
  },
  // API Gateway's JSON names are not the SDK's member names: `item` (REST), lower camel case (HTTP).
  apigateway: {
    GetRestApis: { list: { items: ['item'], ...position } },
    GetResources: { key: 'restApiId', list: { items: ['item'], ...position } },
    GetStages: { key: 'restApiId', fallback: { item: [] } },
    GetAuthorizers: { key: 'restApiId', list: { items: ['item'], ...position } },
    GetDeployments: { key: 'restApiId', list: { items: ['item'], ...position } },
  },
  apigatewayv2: {
    GetApis: { list: { items: ['items'], ...lowerNext } },
    GetRoutes: { key: 'ApiId', list: { items: ['items'], ...lowerNext } },
    GetIntegrations: { key: 'ApiId', list: { items: ['items'], ...lowerNext } },
    GetStages: { key: 'ApiId', list: { items: ['items'], ...lowerNext } },
    GetAuthorizers: { key: 'ApiId', list: { items: ['items'], ...lowerNext } },
    GetAuthorizer: { key: 'AuthorizerId', absent: notFound('NotFoundException') },
  },
  'bedrock-agentcore': {
    ListAgentRuntimes: { list: { items: ['agentRuntimes'], ...lowerNext } },
    GetAgentRuntime: { key: 'agentRuntimeId', absent: notFound('ResourceNotFoundException') },
    ListAgentRuntimeEndpoints: { key: 'agentRuntimeId', list: { items: ['runtimeEndpoints'], ...lowerNext } },
    ListGateways: { list: { items: ['items'], ...lowerNext } },
    GetGateway: { key: 'gatewayIdentifier', absent: notFound('ResourceNotFoundException') },
    ListGatewayTargets: { key: 'gatewayIdentifier', list: { items: ['items'], ...lowerNext } },
    GetGatewayTarget: { key: 'targetId', absent: notFound('ResourceNotFoundException') },
    ListMemories: { list: { items: ['memories'], ...lowerNext } },
    GetMemory: { key: 'memoryId', absent: notFound('ResourceNotFoundException') },
    ListCodeInterpreters: { list: { items: ['codeInterpreterSummaries'], ...lowerNext } },
    GetCodeInterpreter: { key: 'codeInterpreterId', absent: notFound('ResourceNotFoundException') },
    ListBrowsers: { list: { items: ['browserSummaries'], ...lowerNext } },
    GetBrowser: { key: 'browserId', absent: notFound('ResourceNotFoundException') },
    GetResourcePolicy: { key: 'resourceArn', absent: notFound('ResourceNotFoundException') },
  },
  'cognito-identity': {
    ListIdentityPools: { list: { items: ['IdentityPools'], ...next } },
    DescribeIdentityPool: { key: 'IdentityPoolId', absent: notFound('ResourceNotFoundException', 400) },
    GetIdentityPoolRoles: { key: 'IdentityPoolId', fallback: { Roles: {} } },
  },
  'cognito-idp': {
    ListUserPools: { list: { items: ['UserPools'], ...next } },
    DescribeUserPool: { key: 'UserPoolId', absent: notFound('ResourceNotFoundException', 400) },
  },
  ecs: {
    ListClusters: { list: { items: ['clusterArns'], ...lowerNext } },
    DescribeClusters: { select: { param: 'clusters', items: 'clusters', by: 'clusterArn' } },
    ListServices: { key: 'cluster', list: { items: ['serviceArns'], ...lowerNext } },
    DescribeServices: { select: { param: 'services', items: 'services', by: 'serviceArn' } },
    ListTasks: { key: 'cluster', list: { items: ['taskArns'], ...lowerNext } },
    DescribeTasks: { select: { param: 'tasks', items: 'tasks', by: 'taskArn' } },
    ListContainerInstances: { key: 'cluster', list: { items: ['containerInstanceArns'], ...lowerNext } },
    DescribeContainerInstances: { select: { param: 'containerInstances', items: 'containerInstances', by: 'containerInstanceArn' } },
    DescribeTaskDefinition: { key: 'taskDefinition', absent: { status: 400, code: 'ClientException', message: 'Unable to describe task definition.' } },
  },
  apprunner: {
    ListServices: { list: { items: ['ServiceSummaryList'], ...next } },
    DescribeService: { key: 'ServiceArn', absent: notFound('ResourceNotFoundException', 400) },
  },
  autoscaling: {
    DescribeAutoScalingGroups: { list: { items: ['AutoScalingGroups.member'], ...next } },
  },
  cloudformation: {
    DescribeStacks: { list: { items: ['Stacks.member'], ...next } },
    ListStackSets: { list: { items: ['Summaries.member'], ...next } },
    DescribeStackSet: { key: 'StackSetName', absent: { status: 400, code: 'StackSetNotFoundException', message: 'StackSet not found' } },
    ListStackInstances: { key: 'StackSetName', list: { items: ['Summaries.member'], ...next } },
  },
  elasticloadbalancing: {
    DescribeLoadBalancers: { list: { items: ['LoadBalancers.member'], tokenIn: 'Marker', tokenOut: 'NextMarker' } },
    DescribeTargetGroups: { list: { items: ['TargetGroups.member'], tokenIn: 'Marker', tokenOut: 'NextMarker' } },
  },
  bedrock: {
    ListCustomModels: { list: { items: ['modelSummaries'], ...lowerNext } },
    GetCustomModel: { key: 'modelIdentifier', absent: notFound('ResourceNotFoundException') },
    GetModelInvocationLoggingConfiguration: { fallback: {} },
  },
  'bedrock-agent': {
    ListAgents: { list: { items: ['agentSummaries'], ...lowerNext } },
    GetAgent: { key: 'agentId', absent: notFound('ResourceNotFoundException') },
    ListAgentActionGroups: { key: 'agentId', list: { items: ['actionGroupSummaries'], ...lowerNext } },
    GetAgentActionGroup: { key: 'actionGroupId', absent: notFound('ResourceNotFoundException') },
    ListAgentAliases: { key: 'agentId', list: { items: ['agentAliasSummaries'], ...lowerNext } },
    ListAgentKnowledgeBases: { key: 'agentId', list: { items: ['agentKnowledgeBaseSummaries'], ...lowerNext } },
    ListKnowledgeBases: { list: { items: ['knowledgeBaseSummaries'], ...lowerNext } },
    GetKnowledgeBase: { key: 'knowledgeBaseId', absent: notFound('ResourceNotFoundException') },
    ListDataSources: { key: 'knowledgeBaseId', list: { items: ['dataSourceSummaries'], ...lowerNext } },
    GetDataSource: { key: 'dataSourceId', absent: notFound('ResourceNotFoundException') },
  },
  eks: {
    ListClusters: { list: { items: ['clusters'], ...lowerNext } },
    DescribeCluster: { key: 'name', absent: notFound('ResourceNotFoundException') },
    ListAccessEntries: { key: 'clusterName', list: { items: ['accessEntries'], ...lowerNext } },
    DescribeAccessEntry: { key: 'principalArn', absent: notFound('ResourceNotFoundException') },
    ListAssociatedAccessPolicies: { key: 'principalArn', list: { items: ['associatedAccessPolicies'], ...lowerNext } },
    ListPodIdentityAssociations: { key: 'clusterName', list: { items: ['associations'], ...lowerNext } },
    DescribePodIdentityAssociation: { key: 'associationId', absent: notFound('ResourceNotFoundException') },
    ListNodegroups: { key: 'clusterName', list: { items: ['nodegroups'], ...lowerNext } },
    DescribeNodegroup: { key: 'nodegroupName', absent: notFound('ResourceNotFoundException') },
  },
  ecr: {
    DescribeRepositories: { list: { items: ['repositories'], ...lowerNext } },
    GetRepositoryPolicy: { key: 'repositoryName', absent: notFound('RepositoryPolicyNotFoundException', 400) },
  },
  codebuild: {
    ListProjects: { list: { items: ['projects'], ...lowerNext } },
    BatchGetProjects: { select: { param: 'names', items: 'projects', by: 'name' } },
  },
  cloudtrail: {
    DescribeTrails: { fallback: { trailList: [] } },
    GetTrailStatus: { key: 'Name', absent: { status: 400, code: 'TrailNotFoundException', message: 'Unknown trail.' } },
    GetEventSelectors: { key: 'TrailName', absent: { status: 400, code: 'TrailNotFoundException', message: 'Unknown trail.' } },
  },
  organizations: {
    DescribeOrganization: { absent: { status: 400, code: 'AWSOrganizationsNotInUseException', message: 'Your account is not a member of an organization.' } },
    ListRoots: { list: { items: ['Roots'], ...next } },
    ListOrganizationalUnitsForParent: { key: 'ParentId', list: { items: ['OrganizationalUnits'], ...next } },
    ListAccounts: { list: { items: ['Accounts'], ...next } },
    ListParents: { key: 'ChildId', list: { items: ['Parents'], ...next } },
    ListPolicies: { key: 'Filter', list: { items: ['Policies'], ...next } },
    DescribePolicy: { key: 'PolicyId', absent: notFound('PolicyNotFoundException', 400) },
    ListTargetsForPolicy: { key: 'PolicyId', list: { items: ['Targets'], ...next } },
  },
};

/** Services whose recordings are account-wide rather than per region. */
export const GLOBAL_SERVICES = new Set(['iam', 'sts', 's3', 's3control', 'organizations']);
