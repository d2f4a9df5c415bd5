/**
 * AWS managed policies the generated accounts attach, abbreviated to the statements that shape
 * their reach (the real documents are longer but grant the same kinds of access). GAAD lists
 * each attached one under `Policies` once per account, as AWS does.
 */
import { allow, arn, doc, type Document } from './documents.js';

/** One AWS managed policy. */
export interface AwsManagedPolicy {
  arn: string;
  id: string;
  version: string;
  document: Document;
}

const READ_SERVICES = [
  'athena', 'autoscaling', 'cloudformation', 'cloudtrail', 'cloudwatch', 'config', 'dynamodb', 'ec2', 'ecr', 'ecs', 'eks',
  'elasticloadbalancing', 'events', 'glue', 'iam', 'kms', 'lambda', 'logs', 'rds', 'route53', 'sagemaker', 'sns', 'sqs',
  'states', 'tag',
];

function managed(name: string, path: string, id: string, version: string, document: Document): AwsManagedPolicy {
  return { arn: arn.awsPolicy(name, path), id, version, document };
}

/** The library, by short name. */
export const AWS_MANAGED = {
  AdministratorAccess: managed('AdministratorAccess', '/', 'ANPAIWMBCKSKIEE64ZLYK', 'v1', doc(allow(undefined, '*', '*'))),
  ReadOnlyAccess: managed(
    'ReadOnlyAccess',
    '/',
    'ANPAILL3HVNFSB6DCOWYQ',
    'v127',
    doc(
      allow('ReadOnlyActions', READ_SERVICES.flatMap((s) => [`${s}:Describe*`, `${s}:Get*`, `${s}:List*`]), '*'),
      allow('S3Read', ['s3:Get*', 's3:List*'], '*'),
      allow('SecretsMetadata', ['secretsmanager:DescribeSecret', 'secretsmanager:GetResourcePolicy', 'secretsmanager:List*'], '*'),
    ),
  ),
  ViewOnlyAccess: managed(
    'ViewOnlyAccess',
    '/job-function/',
    'ANPAID22R6XPJATWOFDK6',
    'v22',
    doc(allow('ViewOnly', READ_SERVICES.flatMap((s) => [`${s}:Describe*`, `${s}:List*`]).concat(['s3:ListAllMyBuckets', 's3:GetBucketLocation']), '*')),
  ),
  SecurityAudit: managed(
    'SecurityAudit',
    '/',
    'ANPAIX2T3QCXHR2OGGCTO',
    'v41',
    doc(
      allow(undefined, READ_SERVICES.flatMap((s) => [`${s}:Describe*`, `${s}:List*`]), '*'),
      allow(undefined, ['s3:GetBucketPolicy', 's3:GetBucketAcl', 's3:GetBucketPublicAccessBlock', 's3:GetEncryptionConfiguration', 'iam:GetAccountAuthorizationDetails', 'iam:GenerateCredentialReport', 'iam:GetCredentialReport', 'kms:GetKeyPolicy', 'lambda:GetPolicy', 'secretsmanager:GetResourcePolicy'], '*'),
    ),
  ),
  PowerUserAccess: managed(
    'PowerUserAccess',
    '/',
    'ANPAJYRXTHIB4FOVS3ZXS',
    'v5',
    doc(
      { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
      allow(undefined, ['iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole', 'iam:ListRoles', 'organizations:DescribeOrganization', 'account:ListRegions', 'account:GetAccountInformation'], '*'),
    ),
  ),
  AmazonSageMakerFullAccess: managed(
    'AmazonSageMakerFullAccess',
    '/',
    'ANPAJZ5IWYMXO5QDB4QOG',
    'v27',
    doc(
      { Sid: 'AllowAllNonAdminSageMakerActions', Effect: 'Allow', Action: 'sagemaker:*', NotResource: ['arn:aws:sagemaker:*:*:domain/*', 'arn:aws:sagemaker:*:*:user-profile/*', 'arn:aws:sagemaker:*:*:app/*'] },
      allow('AllowPassRoleToSageMaker', 'iam:PassRole', 'arn:aws:iam::*:role/*', { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } }),
      allow('AllowSageMakerBuckets', ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], ['arn:aws:s3:::*SageMaker*', 'arn:aws:s3:::*sagemaker*']),
      allow('AllowSupportingReads', ['ecr:BatchGetImage', 'ecr:GetAuthorizationToken', 'logs:CreateLogStream', 'logs:PutLogEvents', 'cloudwatch:PutMetricData'], '*'),
    ),
  ),
  AWSLambdaBasicExecutionRole: managed(
    'AWSLambdaBasicExecutionRole',
    '/service-role/',
    'ANPAJNCQGXC42545SKXIK',
    'v1',
    doc(allow(undefined, ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], '*')),
  ),
  AWSLambdaVPCAccessExecutionRole: managed(
    'AWSLambdaVPCAccessExecutionRole',
    '/service-role/',
    'ANPAJVTME3YLVNL72YR2K',
    'v3',
    doc(
      allow('AWSLambdaVPCAccessExecutionPermissions', ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'], '*'),
    ),
  ),
  AmazonECSTaskExecutionRolePolicy: managed(
    'AmazonECSTaskExecutionRolePolicy',
    '/service-role/',
    'ANPAJG4T4G4PV56DE72PY',
    'v1',
    doc(allow(undefined, ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage', 'logs:CreateLogStream', 'logs:PutLogEvents'], '*')),
  ),
  AWSGlueServiceRole: managed(
    'AWSGlueServiceRole',
    '/service-role/',
    'ANPAJRGGHEQQZRJ2LSMBQ',
    'v7',
    doc(
      allow(undefined, ['glue:*', 's3:GetBucketLocation', 's3:ListBucket', 's3:ListAllMyBuckets', 's3:GetBucketAcl', 'ec2:DescribeVpcEndpoints', 'ec2:DescribeRouteTables', 'ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSecurityGroups', 'ec2:DescribeSubnets', 'iam:ListRolePolicies', 'iam:GetRole', 'iam:GetRolePolicy', 'cloudwatch:PutMetricData'], '*'),
      allow(undefined, ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], ['arn:aws:s3:::aws-glue-*/*', 'arn:aws:s3:::*/*aws-glue-*/*']),
      allow(undefined, ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], 'arn:aws:logs:*:*:*:/aws-glue/*'),
    ),
  ),
  AWSSupportServiceRolePolicy: managed(
    'AWSSupportServiceRolePolicy',
    '/aws-service-role/',
    'ANPAJ7W6266ELXF5MISDS',
    'v39',
    doc(allow('AWSSupportAPIGetAndDescribe', ['acm:DescribeCertificate', 'cloudtrail:DescribeTrails', 'cloudwatch:DescribeAlarms', 'ec2:Describe*', 'iam:GetAccountSummary', 'iam:ListRoles', 'lambda:ListFunctions', 's3:GetBucketLocation', 's3:GetBucketPolicyStatus', 's3:ListAllMyBuckets', 'sagemaker:DescribeEndpoint', 'sagemaker:ListEndpoints'], '*')),
  ),
  AWSConfigServiceRolePolicy: managed(
    'AWSConfigServiceRolePolicy',
    '/aws-service-role/',
    'ANPAJUCWFHNZER665LLQQ',
    'v52',
    doc(allow(undefined, READ_SERVICES.flatMap((s) => [`${s}:Describe*`, `${s}:List*`]).concat(['s3:GetBucketPolicy', 's3:GetBucketAcl', 'lambda:GetPolicy']), '*')),
  ),
} as const;

export type AwsManagedName = keyof typeof AWS_MANAGED;
