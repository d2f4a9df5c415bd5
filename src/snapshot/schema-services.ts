/**
 * Snapshot v1 sections for the services beyond the first pipeline: SSM, API Gateway (REST and
 * HTTP), Bedrock, EKS, EC2, ECR. Verbatim AWS API response shapes, loose objects: fields we do
 * not read are kept. docs/snapshot.md names the API call behind each field.
 */
import { z } from 'zod';
import { PolicyDocument } from './policy-document.js';

const text = z.string();
const optionalText = z.string().optional();
const list = <T extends z.ZodType>(item: T) => z.array(item).optional();
const KeyValueTags = list(z.looseObject({ Key: text, Value: z.string().optional() }));

/** Instance metadata service settings: `HttpTokens` optional is IMDSv1; a hop limit above 1 reaches containers. */
const MetadataOptions = z.looseObject({ HttpTokens: optionalText, HttpPutResponseHopLimit: z.number().optional(), HttpEndpoint: optionalText });

/** ssm:DescribeParameters `Parameters[]` (metadata only, never values), with ListTagsForResource `TagList`. */
export const SsmParameter = z.looseObject({
  Name: text,
  ARN: optionalText,
  Type: optionalText,
  KeyId: optionalText,
  Tier: optionalText,
  TagList: KeyValueTags,
});

/** A literal integration parameter can carry a backend credential: values are redacted. */
const Parameters = z.record(z.string(), z.string()).optional();

const RestMethod = z.looseObject({
  httpMethod: optionalText,
  authorizationType: optionalText,
  authorizerId: optionalText,
  apiKeyRequired: z.boolean().optional(),
  methodIntegration: z
    .looseObject({
      type: optionalText,
      uri: optionalText,
      /** The role API Gateway assumes to call an AWS service integration. */
      credentials: optionalText,
      connectionType: optionalText,
      connectionId: optionalText,
      requestParameters: Parameters,
    })
    .optional(),
});

/** apigateway:GetRestApis item, with GetResources (embed=methods), GetStages, GetDeployments and GetAuthorizers. */
export const RestApi = z.looseObject({
  id: text,
  name: optionalText,
  /** The resource policy as API Gateway returns it: an escaped JSON string. */
  policy: optionalText,
  disableExecuteApiEndpoint: z.boolean().optional(),
  endpointConfiguration: z.looseObject({ types: list(text), vpcEndpointIds: list(text) }).optional(),
  apiKeySource: optionalText,
  Resources: list(z.looseObject({ id: text, path: optionalText, resourceMethods: z.record(z.string(), RestMethod).optional() })),
  /** `variables` (stage variables) are redacted. */
  Stages: list(z.looseObject({ stageName: text, deploymentId: optionalText, variables: Parameters, webAclArn: optionalText, clientCertificateId: optionalText })),
  Deployments: list(z.looseObject({ id: text, createdDate: optionalText })),
  Authorizers: list(
    z.looseObject({
      id: text,
      name: optionalText,
      /** TOKEN, REQUEST (Lambda) or COGNITO_USER_POOLS. */
      type: optionalText,
      providerARNs: list(text),
      authorizerUri: optionalText,
      authorizerCredentials: optionalText,
      identitySource: optionalText,
    }),
  ),
});

/** apigatewayv2:GetApis item, with GetRoutes, GetIntegrations, GetAuthorizers and GetStages. */
export const HttpApi = z.looseObject({
  ApiId: text,
  Name: optionalText,
  ProtocolType: optionalText,
  ApiEndpoint: optionalText,
  DisableExecuteApiEndpoint: z.boolean().optional(),
  Routes: list(
    z.looseObject({
      RouteId: optionalText,
      RouteKey: text,
      AuthorizationType: optionalText,
      AuthorizerId: optionalText,
      ApiKeyRequired: z.boolean().optional(),
      Target: optionalText,
    }),
  ),
  Integrations: list(
    z.looseObject({
      IntegrationId: text,
      IntegrationType: optionalText,
      IntegrationSubtype: optionalText,
      IntegrationUri: optionalText,
      CredentialsArn: optionalText,
      ConnectionType: optionalText,
      ConnectionId: optionalText,
      RequestParameters: Parameters,
    }),
  ),
  Authorizers: list(
    z.looseObject({
      AuthorizerId: text,
      Name: optionalText,
      /** JWT or REQUEST (Lambda). */
      AuthorizerType: optionalText,
      AuthorizerUri: optionalText,
      AuthorizerCredentialsArn: optionalText,
      JwtConfiguration: z.looseObject({ Audience: list(text), Issuer: optionalText }).optional(),
    }),
  ),
  /** `StageVariables` are redacted. */
  Stages: list(z.looseObject({ StageName: text, StageVariables: Parameters, AutoDeploy: z.boolean().optional() })),
});

/** bedrock-agent:GetAgent `agent`, with its action groups, aliases and knowledge-base links. */
export const BedrockAgent = z.looseObject({
  agentId: text,
  agentArn: optionalText,
  agentName: optionalText,
  agentStatus: optionalText,
  agentResourceRoleArn: optionalText,
  ActionGroups: list(
    z.looseObject({
      actionGroupId: optionalText,
      actionGroupName: optionalText,
      actionGroupState: optionalText,
      actionGroupExecutor: z.looseObject({ lambda: optionalText, customControl: optionalText }).optional(),
    }),
  ),
  Aliases: list(z.looseObject({ agentAliasId: text, agentAliasArn: optionalText, agentAliasName: optionalText })),
  KnowledgeBases: list(z.looseObject({ knowledgeBaseId: text, knowledgeBaseState: optionalText })),
});

/** bedrock-agent:GetKnowledgeBase `knowledgeBase`, with GetDataSource `dataSource` for each source. */
export const BedrockKnowledgeBase = z.looseObject({
  knowledgeBaseId: text,
  knowledgeBaseArn: optionalText,
  name: optionalText,
  roleArn: optionalText,
  status: optionalText,
  DataSources: list(
    z.looseObject({
      dataSourceId: text,
      name: optionalText,
      dataSourceConfiguration: z
        .looseObject({
          type: optionalText,
          s3Configuration: z.looseObject({ bucketArn: optionalText, inclusionPrefixes: list(text) }).optional(),
        })
        .optional(),
    }),
  ),
});

/** bedrock:GetCustomModel. */
export const BedrockCustomModel = z.looseObject({
  modelArn: text,
  modelName: optionalText,
  jobArn: optionalText,
  trainingDataConfig: z.looseObject({ s3Uri: optionalText }).optional(),
  outputDataConfig: z.looseObject({ s3Uri: optionalText }).optional(),
});

export const BedrockData = z.looseObject({
  Agents: z.array(BedrockAgent).default([]),
  KnowledgeBases: z.array(BedrockKnowledgeBase).default([]),
  CustomModels: z.array(BedrockCustomModel).default([]),
  /** bedrock:GetModelInvocationLoggingConfiguration `loggingConfig`; absent when logging is off. */
  ModelInvocationLoggingConfiguration: z
    .looseObject({
      s3Config: z.looseObject({ bucketName: optionalText, keyPrefix: optionalText }).optional(),
      cloudWatchConfig: z.looseObject({ logGroupName: optionalText, roleArn: optionalText }).optional(),
    })
    .optional(),
});

/** eks:DescribeCluster `cluster`, with access entries and Pod Identity associations. */
export const EksCluster = z.looseObject({
  name: text,
  arn: text,
  roleArn: optionalText,
  resourcesVpcConfig: z
    .looseObject({ endpointPublicAccess: z.boolean().optional(), endpointPrivateAccess: z.boolean().optional(), publicAccessCidrs: list(text) })
    .optional(),
  identity: z.looseObject({ oidc: z.looseObject({ issuer: optionalText }).optional() }).optional(),
  accessConfig: z.looseObject({ authenticationMode: optionalText }).optional(),
  /** eks:DescribeAccessEntry `accessEntry`, with ListAssociatedAccessPolicies `associatedAccessPolicies`. */
  AccessEntries: list(
    z.looseObject({
      principalArn: text,
      type: optionalText,
      kubernetesGroups: list(text),
      AssociatedAccessPolicies: list(z.looseObject({ policyArn: text, accessScope: z.looseObject({ type: optionalText, namespaces: list(text) }).optional() })),
    }),
  ),
  /** eks:DescribePodIdentityAssociation `association`. */
  PodIdentityAssociations: list(z.looseObject({ associationArn: optionalText, namespace: text, serviceAccount: text, roleArn: text })),
  /** eks:DescribeNodegroup `nodegroup`: its instances run as `nodeRole`. */
  Nodegroups: list(
    z.looseObject({
      nodegroupName: text,
      nodegroupArn: optionalText,
      nodeRole: optionalText,
      launchTemplate: z.looseObject({ id: optionalText, name: optionalText, version: optionalText }).optional(),
      /** ec2:DescribeLaunchTemplateVersions, metadata options only (user data is never kept). */
      LaunchTemplateVersions: list(z.looseObject({ LaunchTemplateId: optionalText, VersionNumber: z.number().optional(), MetadataOptions: MetadataOptions.optional() })),
    }),
  ),
});

/** ec2:DescribeInstances `Reservations[].Instances[]`, flattened. */
export const Ec2Instance = z.looseObject({
  InstanceId: text,
  State: z.looseObject({ Name: optionalText }).optional(),
  IamInstanceProfile: z.looseObject({ Arn: text, Id: optionalText }).optional(),
  PublicIpAddress: optionalText,
  SubnetId: optionalText,
  VpcId: optionalText,
  SecurityGroups: list(z.looseObject({ GroupId: optionalText, GroupName: optionalText })),
  /** Each interface's groups and public address (an instance's groups are those of its interfaces). */
  NetworkInterfaces: list(
    z.looseObject({ Groups: list(z.looseObject({ GroupId: optionalText })), Association: z.looseObject({ PublicIp: optionalText }).optional(), SubnetId: optionalText }),
  ),
  MetadataOptions: MetadataOptions.optional(),
  Tags: KeyValueTags,
});

const IpPermission = z.looseObject({
  IpProtocol: optionalText,
  FromPort: z.number().optional(),
  ToPort: z.number().optional(),
  IpRanges: list(z.looseObject({ CidrIp: optionalText })),
  Ipv6Ranges: list(z.looseObject({ CidrIpv6: optionalText })),
  UserIdGroupPairs: list(z.looseObject({ GroupId: optionalText, UserId: optionalText })),
  PrefixListIds: list(z.looseObject({ PrefixListId: optionalText })),
});

/** ec2:DescribeSecurityGroups `SecurityGroups[]`. */
export const SecurityGroup = z.looseObject({ GroupId: text, GroupName: optionalText, VpcId: optionalText, IpPermissions: list(IpPermission), IpPermissionsEgress: list(IpPermission) });

/** ec2:DescribeRouteTables `RouteTables[]`: a subnet reaches the internet when its table routes to an `igw-`. */
export const RouteTable = z.looseObject({
  RouteTableId: text,
  VpcId: optionalText,
  Routes: list(z.looseObject({ DestinationCidrBlock: optionalText, DestinationIpv6CidrBlock: optionalText, GatewayId: optionalText, State: optionalText })),
  /** `Main: true` applies to every subnet of the VPC without an explicit association. */
  Associations: list(z.looseObject({ SubnetId: optionalText, Main: z.boolean().optional(), RouteTableAssociationId: optionalText })),
});

/** ecr:DescribeRepositories item, with GetRepositoryPolicy `policyText`. */
export const EcrRepository = z.looseObject({
  repositoryName: text,
  repositoryArn: text,
  repositoryUri: optionalText,
  registryId: optionalText,
  imageTagMutability: optionalText,
  policyText: PolicyDocument.optional(),
});

/** Regional sections added by this module; merged into RegionData in schema.ts. */
export const ServiceSections = {
  SSM: z.looseObject({ Parameters: z.array(SsmParameter).default([]) }).optional(),
  ApiGateway: z.looseObject({ RestApis: z.array(RestApi).default([]) }).optional(),
  ApiGatewayV2: z.looseObject({ Apis: z.array(HttpApi).default([]) }).optional(),
  Bedrock: BedrockData.optional(),
  EKS: z.looseObject({ Clusters: z.array(EksCluster).default([]) }).optional(),
  EC2: z
    // Lists a collector fills with a call of its own are absent, not empty, when that call failed
    // (or the snapshot predates them): "not collected" must never read as "none".
    .looseObject({ Instances: z.array(Ec2Instance).default([]), SecurityGroups: list(SecurityGroup), RouteTables: list(RouteTable) })
    .optional(),
  ECR: z.looseObject({ Repositories: z.array(EcrRepository).default([]) }).optional(),
};

/** SageMaker additions: lifecycle configurations and pipelines. */
export const SageMakerExtraSections = {
  /** DescribeNotebookInstanceLifecycleConfig; `Content` is base64 (scripts are redacted at load). */
  NotebookInstanceLifecycleConfigs: z
    .array(
      z.looseObject({
        NotebookInstanceLifecycleConfigName: text,
        NotebookInstanceLifecycleConfigArn: optionalText,
        OnCreate: list(z.looseObject({ Content: optionalText })),
        OnStart: list(z.looseObject({ Content: optionalText })),
      }),
    )
    .default([]),
  /** DescribePipeline (`PipelineDefinition` is a JSON string). */
  Pipelines: z.array(z.looseObject({ PipelineName: text, PipelineArn: text, RoleArn: optionalText, PipelineDefinition: optionalText })).default([]),
};

/** IAM additions: identity providers. */
export const IamProviderSections = {
  /** GetOpenIDConnectProvider, with the provider's `Arn` added. */
  OpenIDConnectProviders: list(z.looseObject({ Arn: text, Url: optionalText, ClientIDList: list(text), ThumbprintList: list(text) })),
  /** ListSAMLProviders `SAMLProviderList`. */
  SAMLProviders: list(z.looseObject({ Arn: text, ValidUntil: optionalText })),
};

export type EcrRepository = z.output<typeof EcrRepository>;
export type BedrockAgent = z.output<typeof BedrockAgent>;
export type BedrockKnowledgeBase = z.output<typeof BedrockKnowledgeBase>;
export type EksCluster = z.output<typeof EksCluster>;
export type Ec2Instance = z.output<typeof Ec2Instance>;
export type RestApi = z.output<typeof RestApi>;
export type HttpApi = z.output<typeof HttpApi>;
export type SsmParameter = z.output<typeof SsmParameter>;
