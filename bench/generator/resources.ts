/**
 * Resource records in the AWS response shapes snapshot v1 stores: S3 buckets (with their
 * per-bucket Get* responses), KMS keys, secrets, Lambda functions (with policy and URL
 * configs), and SageMaker jobs, models, endpoints and notebooks.
 */
import { arn, doc, type Document, type Statement } from './documents.js';
import { ALPHABETS, hash32, token, uuid } from './random.js';

type Json = Record<string, unknown>;

/** The regional sections of one account, filled in place. */
export interface RegionParts {
  SecretsManager: { SecretList: Json[] };
  KMS: { Keys: Json[] };
  Lambda: { Functions: Json[] };
  SageMaker: {
    NotebookInstances: Json[];
    Endpoints: Json[];
    EndpointConfigs: Json[];
    Models: Json[];
    TrainingJobs: Json[];
    ProcessingJobs: Json[];
    Domains: Json[];
    UserProfiles: Json[];
  };
}

/** Empty sections for a region. */
export function emptyRegion(): RegionParts {
  return {
    SecretsManager: { SecretList: [] },
    KMS: { Keys: [] },
    Lambda: { Functions: [] },
    SageMaker: { NotebookInstances: [], Endpoints: [], EndpointConfigs: [], Models: [], TrainingJobs: [], ProcessingJobs: [], Domains: [], UserProfiles: [] },
  };
}

const tagList = (tags: Record<string, string> = {}) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

/** ListBuckets entry with GetBucketLocation, GetBucketPolicy, PublicAccessBlock, tagging, encryption. */
export function bucket(name: string, o: { region: string; created: string; tags?: Record<string, string>; policy?: Document; blockPublic?: boolean; kmsKey?: string }): Json {
  const blocked = o.blockPublic ?? true;
  return {
    Name: name,
    CreationDate: o.created,
    Location: { LocationConstraint: o.region === 'us-east-1' ? null : o.region },
    ...(o.policy ? { Policy: { Policy: JSON.stringify(o.policy) }, PolicyStatus: { PolicyStatus: { IsPublic: !blocked && o.policy.Statement.some((s) => s.Principal === '*') } } } : {}),
    PublicAccessBlock: { PublicAccessBlockConfiguration: { BlockPublicAcls: blocked, IgnorePublicAcls: blocked, BlockPublicPolicy: blocked, RestrictPublicBuckets: blocked } },
    ...(o.tags ? { Tagging: { TagSet: tagList(o.tags) } } : {}),
    Encryption: {
      ServerSideEncryptionConfiguration: {
        Rules: [o.kmsKey ? { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: o.kmsKey }, BucketKeyEnabled: true } : { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    },
  };
}

/** `Deny` for requests without TLS: on nearly every real bucket policy. */
export function denyInsecureTransport(name: string): Statement {
  return { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [arn.bucket(name), arn.objects(name)], Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
}

/** DescribeKey + GetKeyPolicy + ListResourceTags; the default key policy plus key users. */
export function kmsKey(account: string, region: string, alias: string, o: { created: string; users: string[]; admins: string[]; tags?: Record<string, string> }): Json {
  const keyId = uuid(`kms:${account}:${region}:${alias}`);
  const statements: Statement[] = [
    { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: arn.root(account) }, Action: 'kms:*', Resource: '*' },
    ...(o.admins.length ? [{ Sid: 'Allow access for Key Administrators', Effect: 'Allow' as const, Principal: { AWS: o.admins }, Action: ['kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*', 'kms:Disable*', 'kms:Get*', 'kms:Delete*', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion'], Resource: '*' }] : []),
    ...(o.users.length ? [{ Sid: 'Allow use of the key', Effect: 'Allow' as const, Principal: { AWS: o.users }, Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'], Resource: '*' }] : []),
  ];
  return {
    KeyMetadata: { AWSAccountId: account, KeyId: keyId, Arn: `arn:aws:kms:${region}:${account}:key/${keyId}`, CreationDate: o.created, Enabled: true, KeyUsage: 'ENCRYPT_DECRYPT', KeyState: 'Enabled', Origin: 'AWS_KMS', KeyManager: 'CUSTOMER', KeySpec: 'SYMMETRIC_DEFAULT' },
    Aliases: [{ AliasName: `alias/${alias}`, AliasArn: `arn:aws:kms:${region}:${account}:alias/${alias}`, TargetKeyId: keyId }],
    Policy: JSON.stringify({ ...doc(...statements), Id: 'key-consolepolicy-3' }, null, 2),
    Tags: Object.entries(o.tags ?? {}).map(([TagKey, TagValue]) => ({ TagKey, TagValue })),
  };
}

/** The ARN a secret gets: name plus AWS's six random characters. */
export function secretArn(account: string, region: string, name: string): string {
  return `arn:aws:secretsmanager:${region}:${account}:secret:${name}-${token(`secret:${account}:${name}`, 6, ALPHABETS.mixedAlnum)}`;
}

/** ListSecrets entry with GetResourcePolicy; never a value. */
export function secret(account: string, region: string, name: string, o: { created: string; kmsKey?: string; tags?: Record<string, string>; policy?: Document; rotationDays?: number }): Json {
  return {
    ARN: secretArn(account, region, name),
    Name: name,
    ...(o.kmsKey ? { KmsKeyId: o.kmsKey } : {}),
    RotationEnabled: o.rotationDays !== undefined,
    ...(o.rotationDays ? { RotationRules: { AutomaticallyAfterDays: o.rotationDays } } : {}),
    LastChangedDate: o.created,
    Tags: tagList(o.tags),
    CreatedDate: o.created,
    ...(o.policy ? { ResourcePolicy: JSON.stringify(o.policy) } : {}),
  };
}

/** Lambda's two public statements for an `AuthType: NONE` URL (the console's, since Oct 2025). */
export function publicUrlStatements(fnArn: string): Statement[] {
  return [
    { Sid: 'FunctionURLAllowPublicAccess', Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunctionUrl', Resource: fnArn, Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } } },
    { Sid: 'FunctionURLAllowInvokeAction', Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: fnArn, Condition: { Bool: { 'lambda:InvokedViaFunctionUrl': 'true' } } },
  ];
}

/** A service's permission to invoke a function from one source (API Gateway, S3, EventBridge). */
export function serviceInvoke(sid: string, service: string, fnArn: string, sourceArn: string, account: string): Statement {
  return { Sid: sid, Effect: 'Allow', Principal: { Service: service }, Action: 'lambda:InvokeFunction', Resource: fnArn, Condition: { StringEquals: { 'AWS:SourceAccount': account }, ArnLike: { 'AWS:SourceArn': sourceArn } } };
}

/** ListFunctions' configuration with GetPolicy and ListFunctionUrlConfigs merged in. */
export function lambdaFunction(account: string, region: string, name: string, o: { role: string; modified: string; env?: Record<string, string>; statements?: Statement[]; publicUrl?: boolean; runtime?: string; tags?: Record<string, string> }): Json {
  const fnArn = arn.fn(account, region, name);
  return {
    FunctionName: name,
    FunctionArn: fnArn,
    Runtime: o.runtime ?? 'python3.12',
    Role: o.role,
    Handler: 'app.handler',
    CodeSize: 200_000 + (hash32(`size:${fnArn}`) % 9_000_000),
    Timeout: 30,
    MemorySize: 512,
    LastModified: o.modified,
    CodeSha256: token(`code:${fnArn}`, 43, ALPHABETS.mixedAlnum) + '=',
    Version: '$LATEST',
    ...(o.env ? { Environment: { Variables: o.env } } : {}),
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: uuid(`revision:${fnArn}`),
    PackageType: 'Zip',
    Architectures: ['arm64'],
    ...(o.statements?.length ? { Policy: JSON.stringify({ ...doc(...o.statements), Id: 'default' }) } : {}),
    FunctionUrlConfigs: o.publicUrl
      ? [{ FunctionUrl: `https://${token(`url:${fnArn}`, 32, ALPHABETS.lowerAlnum)}.lambda-url.${region}.on.aws/`, FunctionArn: fnArn, AuthType: 'NONE', CreationTime: o.modified, InvokeMode: 'BUFFERED' }]
      : [],
    Tags: o.tags ?? {},
  };
}
