/**
 * Snapshot format v1: one document per collection, holding AWS API responses verbatim
 * (AWS's own field names), so live collection and offline `aws` CLI output share one parser.
 * Objects are loose: fields we do not read are kept, never rejected. docs/snapshot.md
 * describes the format; `blastpath schema` prints it as JSON Schema.
 */
import { z } from 'zod';
import { PolicyDocument } from './policy-document.js';
import { OrganizationData } from './schema-organization.js';
import { ComputeSections } from './schema-compute.js';
import { ContainerSections } from './schema-containers.js';
import { FrontDoorSections } from './schema-frontdoors.js';
import { LoggingSections } from './schema-logging.js';
import { IamProviderSections, SageMakerExtraSections, ServiceSections } from './schema-services.js';

export const SCHEMA_VERSION = 1;

/** Outcomes of one API call, as recorded in `coverage`. Anything but `ok` is a gap. */
export const COVERAGE_OUTCOMES = ['ok', 'denied', 'throttled', 'failed', 'not-collected'] as const;
export type CoverageOutcome = (typeof COVERAGE_OUTCOMES)[number];

/**
 * Why a gap is a gap, most severe first: the order reports group and list gaps in. Severity
 * here is how much of the picture a cause usually hides and how unexpected it is: an endpoint
 * that cannot be reached hides everything, a service left out with `--services` was chosen.
 * docs/snapshot.md describes each one. These first ones are calls that were tried and failed.
 */
export const FAILURE_REASONS = [
  'connection-failed',
  'timeout',
  'credentials',
  'invalid-response',
  'server-error',
  'denied',
  'throttled',
  'not-implemented',
  'failed',
] as const;
/** Every reason: the calls that were tried and failed (above), then the parts left out by choice or by nature. */
export const COVERAGE_REASONS = [...FAILURE_REASONS, 'partial', 'region-unavailable', 'not-collected', 'not-requested', 'not-supported'] as const;
export type CoverageReason = (typeof COVERAGE_REASONS)[number];

export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b'] as const;

const accountId = z.string().regex(/^\d{12}$/, 'expected a 12-digit AWS account id');
const text = z.string();
const optionalText = z.string().optional();
const list = <T extends z.ZodType>(item: T) => z.array(item).optional();

/** `[{Key, Value}]` tags (IAM, S3, Secrets Manager). */
const KeyValueTags = list(z.looseObject({ Key: text, Value: z.string().optional() }));

// ---- IAM: merged pages of GetAccountAuthorizationDetails, plus ListAccessKeys -------------

const InlinePolicy = z.looseObject({ PolicyName: text, PolicyDocument });
const AttachedPolicy = z.looseObject({ PolicyName: optionalText, PolicyArn: text });
const PermissionsBoundary = z.looseObject({
  PermissionsBoundaryType: optionalText,
  PermissionsBoundaryArn: text,
});

export const UserDetail = z.looseObject({
  UserName: text,
  UserId: optionalText,
  Arn: text,
  Path: optionalText,
  CreateDate: optionalText,
  UserPolicyList: list(InlinePolicy),
  GroupList: list(text),
  AttachedManagedPolicies: list(AttachedPolicy),
  PermissionsBoundary: PermissionsBoundary.optional(),
  Tags: KeyValueTags,
});

export const GroupDetail = z.looseObject({
  GroupName: text,
  GroupId: optionalText,
  Arn: text,
  Path: optionalText,
  GroupPolicyList: list(InlinePolicy),
  AttachedManagedPolicies: list(AttachedPolicy),
});

export const RoleDetail = z.looseObject({
  RoleName: text,
  RoleId: optionalText,
  Arn: text,
  Path: optionalText,
  CreateDate: optionalText,
  AssumeRolePolicyDocument: PolicyDocument,
  RolePolicyList: list(InlinePolicy),
  AttachedManagedPolicies: list(AttachedPolicy),
  PermissionsBoundary: PermissionsBoundary.optional(),
  InstanceProfileList: list(z.looseObject({ InstanceProfileName: optionalText, Arn: optionalText })),
  Tags: KeyValueTags,
});

export const ManagedPolicyDetail = z.looseObject({
  PolicyName: text,
  Arn: text,
  DefaultVersionId: optionalText,
  PolicyVersionList: z.array(
    z.looseObject({ Document: PolicyDocument, VersionId: optionalText, IsDefaultVersion: z.boolean() }),
  ),
});

export const AuthorizationDetails = z.looseObject({
  UserDetailList: z.array(UserDetail).default([]),
  GroupDetailList: z.array(GroupDetail).default([]),
  RoleDetailList: z.array(RoleDetail).default([]),
  Policies: z.array(ManagedPolicyDetail).default([]),
});

/** ListAccessKeys: `AccessKeyMetadata[]`, merged over every user. */
export const AccessKeyMetadata = z.looseObject({
  UserName: text,
  AccessKeyId: text,
  Status: z.enum(['Active', 'Inactive', 'Expired']),
  CreateDate: optionalText,
  /** GetAccessKeyLastUsed `AccessKeyLastUsed`, merged in by `blastpath collect`. */
  AccessKeyLastUsed: z.looseObject({ LastUsedDate: optionalText, ServiceName: optionalText, Region: optionalText }).optional(),
});

/**
 * ListServiceSpecificCredentials with `ServiceName` bedrock.amazonaws.com: a user's long-term
 * Amazon Bedrock API keys, metadata only (the secret is returned once, by the create call, and
 * never read). IAM records no last use for them.
 */
export const ServiceSpecificCredentialMetadata = z.looseObject({
  UserName: text,
  ServiceName: text,
  ServiceSpecificCredentialId: text,
  Status: z.enum(['Active', 'Inactive', 'Expired']),
  CreateDate: optionalText,
  /** Present only for keys created with an expiration period. */
  ExpirationDate: optionalText,
});

const IamData = z.looseObject({
  AuthorizationDetails,
  /** Absent when not collected: then users' keys are unknown, which is reported as a gap. */
  AccessKeyMetadata: list(AccessKeyMetadata),
  /** Long-term Bedrock API keys, concatenated over every user; absent when not collected. */
  ServiceSpecificCredentials: list(ServiceSpecificCredentialMetadata),
  ...IamProviderSections,
});

// ---- S3 (global listing; each bucket holds the responses of its per-bucket calls) ---------

const PublicAccessBlockConfiguration = z.looseObject({
  BlockPublicAcls: z.boolean().optional(),
  IgnorePublicAcls: z.boolean().optional(),
  BlockPublicPolicy: z.boolean().optional(),
  RestrictPublicBuckets: z.boolean().optional(),
});

export const Bucket = z.looseObject({
  Name: text,
  CreationDate: optionalText,
  /** GetBucketLocation response. `LocationConstraint` null or "" means us-east-1. */
  Location: z.looseObject({ LocationConstraint: z.string().nullable().optional() }).optional(),
  /** GetBucketPolicy response; absent when the bucket has no policy. */
  Policy: z.looseObject({ Policy: PolicyDocument }).optional(),
  PolicyStatus: z.looseObject({ PolicyStatus: z.looseObject({ IsPublic: z.boolean().optional() }) }).optional(),
  PublicAccessBlock: z.looseObject({ PublicAccessBlockConfiguration }).optional(),
  Tagging: z.looseObject({ TagSet: z.array(z.looseObject({ Key: text, Value: text })) }).optional(),
  Encryption: z.looseObject({ ServerSideEncryptionConfiguration: z.looseObject({}).optional() }).optional(),
});

const S3Data = z.looseObject({
  Buckets: z.array(Bucket).default([]),
  /** s3control GetPublicAccessBlock for the account. */
  AccountPublicAccessBlock: z.looseObject({ PublicAccessBlockConfiguration }).optional(),
});

// ---- Regional services ---------------------------------------------------------------------

/** ListSecrets entry, with GetResourcePolicy's `ResourcePolicy` merged in. Never a value. */
export const Secret = z.looseObject({
  ARN: text,
  Name: text,
  KmsKeyId: optionalText,
  Tags: KeyValueTags,
  ResourcePolicy: PolicyDocument.optional(),
});

/** DescribeKey's `KeyMetadata`, GetKeyPolicy's `Policy`, ListResourceTags' `Tags`, ListGrants' `Grants`. */
export const KmsKey = z.looseObject({
  KeyMetadata: z.looseObject({ KeyId: text, Arn: text, KeyManager: optionalText, KeyState: optionalText }),
  Policy: PolicyDocument.optional(),
  Tags: list(z.looseObject({ TagKey: text, TagValue: text })),
  /** ListAliases (by KeyId) `Aliases`: how secrets and parameters may name the key (`alias/<name>`). */
  Aliases: list(z.looseObject({ AliasName: optionalText, AliasArn: optionalText, TargetKeyId: optionalText })),
  /** ListGrants `Grants`: a grant lets its grantee use the key whatever the key policy says. */
  Grants: list(
    z.looseObject({
      GrantId: optionalText,
      GranteePrincipal: optionalText,
      RetiringPrincipal: optionalText,
      Operations: list(text),
      Constraints: z.looseObject({}).optional(),
    }),
  ),
});

const EnvironmentVariables = z.record(z.string(), z.string());
const ContainerDefinition = z.looseObject({
  Image: optionalText,
  ModelDataUrl: optionalText,
  Environment: EnvironmentVariables.optional(),
});

export const NotebookInstance = z.looseObject({
  NotebookInstanceName: text,
  NotebookInstanceArn: text,
  NotebookInstanceStatus: optionalText,
  RoleArn: text,
  DirectInternetAccess: optionalText,
  RootAccess: optionalText,
  NotebookInstanceLifecycleConfigName: optionalText,
});

export const Endpoint = z.looseObject({
  EndpointName: text,
  EndpointArn: text,
  EndpointConfigName: text,
  EndpointStatus: optionalText,
});

export const EndpointConfig = z.looseObject({
  EndpointConfigName: text,
  EndpointConfigArn: optionalText,
  ProductionVariants: z.array(z.looseObject({ VariantName: optionalText, ModelName: optionalText })).default([]),
});

export const Model = z.looseObject({
  ModelName: text,
  ModelArn: text,
  ExecutionRoleArn: optionalText,
  PrimaryContainer: ContainerDefinition.optional(),
  Containers: list(ContainerDefinition),
  EnableNetworkIsolation: z.boolean().optional(),
});

const S3DataSource = z.looseObject({ S3DataSource: z.looseObject({ S3Uri: text }).optional() });

export const TrainingJob = z.looseObject({
  TrainingJobName: text,
  TrainingJobArn: text,
  TrainingJobStatus: optionalText,
  RoleArn: text,
  /** The image the job runs (`TrainingImage`), or the algorithm it was built from. */
  AlgorithmSpecification: z.looseObject({ TrainingImage: optionalText, AlgorithmName: optionalText }).optional(),
  InputDataConfig: list(z.looseObject({ ChannelName: optionalText, DataSource: S3DataSource.optional() })),
  OutputDataConfig: z.looseObject({ S3OutputPath: optionalText }).optional(),
  ModelArtifacts: z.looseObject({ S3ModelArtifacts: optionalText }).optional(),
  Environment: EnvironmentVariables.optional(),
  HyperParameters: EnvironmentVariables.optional(),
});

export const ProcessingJob = z.looseObject({
  ProcessingJobName: text,
  ProcessingJobArn: text,
  ProcessingJobStatus: optionalText,
  RoleArn: optionalText,
  ProcessingInputs: list(z.looseObject({ InputName: optionalText, S3Input: z.looseObject({ S3Uri: text }).optional() })),
  ProcessingOutputConfig: z
    .looseObject({ Outputs: z.array(z.looseObject({ S3Output: z.looseObject({ S3Uri: text }).optional() })) })
    .optional(),
  Environment: EnvironmentVariables.optional(),
});

const UserSettings = z.looseObject({ ExecutionRole: optionalText });

export const Domain = z.looseObject({
  DomainId: text,
  DomainArn: text,
  DomainName: optionalText,
  AuthMode: optionalText,
  AppNetworkAccessType: optionalText,
  DefaultUserSettings: UserSettings.optional(),
});

export const UserProfile = z.looseObject({
  DomainId: text,
  UserProfileName: text,
  UserProfileArn: text,
  UserSettings: UserSettings.optional(),
});

const SageMakerData = z.looseObject({
  NotebookInstances: z.array(NotebookInstance).default([]),
  Endpoints: z.array(Endpoint).default([]),
  EndpointConfigs: z.array(EndpointConfig).default([]),
  Models: z.array(Model).default([]),
  TrainingJobs: z.array(TrainingJob).default([]),
  ProcessingJobs: z.array(ProcessingJob).default([]),
  Domains: z.array(Domain).default([]),
  UserProfiles: z.array(UserProfile).default([]),
  ...SageMakerExtraSections,
});

/** ListFunctionUrlConfigs entry. */
export const FunctionUrlConfig = z.looseObject({
  FunctionUrl: text,
  FunctionArn: text,
  AuthType: z.enum(['NONE', 'AWS_IAM']),
});

/** ListFunctions' FunctionConfiguration, with GetPolicy's `Policy` and the URL configs merged in. */
export const LambdaFunction = z.looseObject({
  FunctionName: text,
  FunctionArn: text,
  Role: text,
  Environment: z.looseObject({ Variables: EnvironmentVariables.optional() }).optional(),
  KMSKeyArn: optionalText,
  Policy: PolicyDocument.optional(),
  FunctionUrlConfigs: list(FunctionUrlConfig),
  Tags: z.record(z.string(), z.string()).optional(),
});

/**
 * lambda:ListEventSourceMappings `EventSourceMappings[]`: which stream or queue (`EventSourceArn`)
 * feeds which function. `SourceAccessConfigurations` name secrets by ARN, never by value.
 */
export const EventSourceMapping = z.looseObject({ UUID: text, EventSourceArn: optionalText, FunctionArn: optionalText, State: optionalText });

export const RegionData = z.looseObject({
  SecretsManager: z.looseObject({ SecretList: z.array(Secret).default([]) }).optional(),
  KMS: z.looseObject({ Keys: z.array(KmsKey).default([]) }).optional(),
  SageMaker: SageMakerData.optional(),
  Lambda: z.looseObject({ Functions: z.array(LambdaFunction).default([]), EventSourceMappings: list(EventSourceMapping) }).optional(),
  ...ServiceSections,
  ...ComputeSections,
  ...ContainerSections,
  ...FrontDoorSections,
  ...LoggingSections,
});

export const AccountData = z.looseObject({
  accountId,
  partition: z.enum(PARTITIONS).default('aws'),
  alias: optionalText,
  iam: IamData.optional(),
  s3: S3Data.optional(),
  /** Regional services, keyed by region name. */
  regions: z.record(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'expected an AWS region name'), RegionData).default({}),
});

/** One API call's outcome. Calls that fail become gaps that every report shows. */
export const CoverageRecord = z.looseObject({
  accountId,
  region: optionalText,
  service: text,
  operation: text,
  resource: optionalText,
  outcome: z.enum(COVERAGE_OUTCOMES),
  /** Additive in v1: snapshots written before it have none, and loading derives it (coverage-reason.ts). */
  reason: z.enum(COVERAGE_REASONS).optional(),
  message: optionalText,
});

export const Snapshot = z.looseObject({
  schemaVersion: z.literal(SCHEMA_VERSION),
  collectedAt: z.iso.datetime({ offset: true }),
  tool: z.looseObject({ name: text, version: text }),
  accounts: z.array(AccountData),
  /** AWS Organizations structure and SCPs/RCPs, when collected from the management account. */
  organization: OrganizationData.optional(),
  coverage: z.array(CoverageRecord).default([]),
});

export type Snapshot = z.output<typeof Snapshot>;
export type AccountData = z.output<typeof AccountData>;
export type RegionData = z.output<typeof RegionData>;
export type CoverageRecord = z.output<typeof CoverageRecord>;
export type UserDetail = z.output<typeof UserDetail>;
export type GroupDetail = z.output<typeof GroupDetail>;
export type RoleDetail = z.output<typeof RoleDetail>;
export type ManagedPolicyDetail = z.output<typeof ManagedPolicyDetail>;
export type AuthorizationDetails = z.output<typeof AuthorizationDetails>;
export type Bucket = z.output<typeof Bucket>;
export type Secret = z.output<typeof Secret>;
export type KmsKey = z.output<typeof KmsKey>;
export type LambdaFunction = z.output<typeof LambdaFunction>;
export type EventSourceMapping = z.output<typeof EventSourceMapping>;
export type NotebookInstance = z.output<typeof NotebookInstance>;
export type Endpoint = z.output<typeof Endpoint>;
export type EndpointConfig = z.output<typeof EndpointConfig>;
export type Model = z.output<typeof Model>;
export type TrainingJob = z.output<typeof TrainingJob>;
export type ProcessingJob = z.output<typeof ProcessingJob>;
export type Domain = z.output<typeof Domain>;
export type UserProfile = z.output<typeof UserProfile>;
