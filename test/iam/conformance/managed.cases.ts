/**
 * Real-world policy shapes (test/iam/fixtures, each file naming its AWS source): the managed
 * policies PowerUserAccess, ReadOnlyAccess and AmazonSageMakerFullAccess, an SCP deny-list with
 * NotAction, a bucket policy keyed on aws:PrincipalOrgID, and the console's default key policy.
 */
import { readFileSync } from 'node:fs';
import { compilePolicy, type CompiledPolicy, type PolicySource, type RequestPrincipal } from '../../../src/iam/index.js';
import { ACCT, alice, appRole, OTHER, outsider } from '../helpers.js';
import { RULES, type Case, type Rule } from './harness.js';

function fixture(name: string, kind: PolicySource['kind'], id = name): CompiledPolicy {
  return compilePolicy(JSON.parse(readFileSync(`test/iam/fixtures/${name}.json`, 'utf8')), { kind, id });
}

const POWER = fixture('power-user-access', 'identity', 'arn:aws:iam::aws:policy/PowerUserAccess');
const READ = fixture('read-only-access', 'identity', 'arn:aws:iam::aws:policy/ReadOnlyAccess');
const SAGEMAKER = fixture('sagemaker-full-access', 'identity', 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess');
const REGIONS = fixture('scp-region-deny', 'scp');
const ORG_BUCKET = fixture('bucket-org-only', 'resource', 'arn:aws:s3:::org-datasets#resource-policy');
const KEY_POLICY = fixture('kms-default-key-policy', 'resource', 'key#resource-policy');
const ALL: CompiledPolicy = compilePolicy({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, { kind: 'identity', id: 'admin' });
const FULL_SCP: CompiledPolicy = compilePolicy({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, { kind: 'scp', id: 'FullAWSAccess' });

type Row = [title: string, action: string, resource: string, decision: Case['decision'], extra?: Partial<Case> & { context?: Record<string, string[] | null>; principal?: RequestPrincipal }];

function rows(rule: Rule, base: Omit<Case, 'rule' | 'title' | 'decision'>, list: Row[]): Case[] {
  return list.map(([title, action, resource, decision, extra = {}]) => {
    const { context, principal, ...rest } = extra;
    return {
      rule,
      title,
      ...base,
      request: { ...base.request, action, resource, ...(context ? { context } : {}), ...(principal ? { principal } : {}) },
      decision,
      ...(decision === 'denied' && !rest.denyReason ? { denyReason: 'no-allow' as const } : {}),
      ...rest,
    };
  });
}

const ROLE = (name: string) => `arn:aws:iam::${ACCT}:role/${name}`;
const SECRET = (name: string) => `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:${name}`;
const KEY = `arn:aws:kms:us-east-1:${ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

export const managedCases: Case[] = [
  ...rows(RULES.jobFunctions, { policies: { identity: [POWER] } }, [
    ['PowerUserAccess: reads S3 objects', 's3:GetObject', 'arn:aws:s3:::data/x', 'allowed'],
    ['PowerUserAccess: creates SageMaker training jobs', 'sagemaker:CreateTrainingJob', 'arn:aws:sagemaker:us-east-1:111111111111:training-job/t', 'allowed'],
    ['PowerUserAccess: reads secret values', 'secretsmanager:GetSecretValue', SECRET('db'), 'allowed'],
    ['PowerUserAccess: no iam:PassRole', 'iam:PassRole', ROLE('x'), 'denied'],
    ['PowerUserAccess: no iam:AttachRolePolicy', 'iam:AttachRolePolicy', ROLE('x'), 'denied'],
    ['PowerUserAccess: no iam:CreateAccessKey', 'iam:CreateAccessKey', 'arn:aws:iam::111111111111:user/u', 'denied'],
    ['PowerUserAccess: iam:ListRoles granted back', 'iam:ListRoles', '*', 'allowed'],
    ['PowerUserAccess: iam:CreateServiceLinkedRole granted back', 'iam:CreateServiceLinkedRole', ROLE('aws-service-role/x'), 'allowed'],
    ['PowerUserAccess: no organizations:LeaveOrganization', 'organizations:LeaveOrganization', '*', 'denied'],
    ['PowerUserAccess: organizations:DescribeOrganization granted back', 'organizations:DescribeOrganization', '*', 'allowed'],
    ['PowerUserAccess: no account:PutAlternateContact', 'account:PutAlternateContact', '*', 'denied'],
    ['PowerUserAccess: sts:AssumeRole is outside the NotAction list', 'sts:AssumeRole', ROLE('x'), 'allowed'],
    ['PowerUserAccess: lambda:UpdateFunctionCode', 'lambda:UpdateFunctionCode', 'arn:aws:lambda:us-east-1:111111111111:function:f', 'allowed'],
    ['PowerUserAccess: an action AWS does not define is not granted by NotAction', 's3:MadeUpAction', '*', 'denied'],
  ]),
  ...rows(RULES.jobFunctions, { policies: { identity: [READ] } }, [
    ['ReadOnlyAccess: s3:GetObject (object data is readable)', 's3:GetObject', 'arn:aws:s3:::data/x', 'allowed'],
    ['ReadOnlyAccess: s3:ListBucket', 's3:ListBucket', 'arn:aws:s3:::data', 'allowed'],
    ['ReadOnlyAccess: no s3:PutObject', 's3:PutObject', 'arn:aws:s3:::data/x', 'denied'],
    ['ReadOnlyAccess: no s3:PutBucketPolicy', 's3:PutBucketPolicy', 'arn:aws:s3:::data', 'denied'],
    ['ReadOnlyAccess: secret metadata', 'secretsmanager:DescribeSecret', SECRET('db'), 'allowed'],
    ['ReadOnlyAccess: no secret values', 'secretsmanager:GetSecretValue', SECRET('db'), 'denied'],
    ['ReadOnlyAccess: iam:GetRole', 'iam:GetRole', ROLE('x'), 'allowed'],
    ['ReadOnlyAccess: no iam:PassRole', 'iam:PassRole', ROLE('x'), 'denied'],
    ['ReadOnlyAccess: sagemaker:DescribeModel (reads container environments)', 'sagemaker:DescribeModel', 'arn:aws:sagemaker:us-east-1:111111111111:model/m', 'allowed'],
    ['ReadOnlyAccess: no sagemaker:CreatePresignedNotebookInstanceUrl', 'sagemaker:CreatePresignedNotebookInstanceUrl', 'arn:aws:sagemaker:us-east-1:111111111111:notebook-instance/n', 'denied'],
    ['ReadOnlyAccess: lambda:GetFunction', 'lambda:GetFunction', 'arn:aws:lambda:us-east-1:111111111111:function:f', 'allowed'],
    ['ReadOnlyAccess: no lambda:InvokeFunction', 'lambda:InvokeFunction', 'arn:aws:lambda:us-east-1:111111111111:function:f', 'denied'],
    ['ReadOnlyAccess: no kms:Decrypt', 'kms:Decrypt', KEY, 'denied'],
    ['ReadOnlyAccess: no sts:AssumeRole', 'sts:AssumeRole', ROLE('x'), 'denied'],
  ]),
  ...rows(RULES.sageMakerManaged, { policies: { identity: [SAGEMAKER] }, request: { principal: appRole } }, [
    ['SageMakerFullAccess: sagemaker:CreateTrainingJob', 'sagemaker:CreateTrainingJob', 'arn:aws:sagemaker:us-east-1:111111111111:training-job/t', 'allowed'],
    ['SageMakerFullAccess: sagemaker:CreatePresignedNotebookInstanceUrl', 'sagemaker:CreatePresignedNotebookInstanceUrl', 'arn:aws:sagemaker:us-east-1:111111111111:notebook-instance/n', 'allowed'],
    ['SageMakerFullAccess: Studio domains are outside the sagemaker:* statement', 'sagemaker:DeleteDomain', 'arn:aws:sagemaker:us-east-1:111111111111:domain/d-1', 'denied'],
    ['SageMakerFullAccess: but presigned domain URLs are granted', 'sagemaker:CreatePresignedDomainUrl', 'arn:aws:sagemaker:us-east-1:111111111111:user-profile/d-1/alice', 'allowed'],
    ['SageMakerFullAccess: apps through `sagemaker:*App`', 'sagemaker:CreateApp', 'arn:aws:sagemaker:us-east-1:111111111111:app/d-1/alice/jupyterserver/default', 'allowed'],
    ['SageMakerFullAccess: PassRole to SageMaker', 'iam:PassRole', ROLE('training'), 'allowed', { context: { 'iam:passedtoservice': ['sagemaker.amazonaws.com'] } }],
    ['SageMakerFullAccess: PassRole to Lambda is refused', 'iam:PassRole', ROLE('training'), 'denied', { context: { 'iam:passedtoservice': ['lambda.amazonaws.com'] } }],
    ['SageMakerFullAccess: PassRole to an unknown service is the residual', 'iam:PassRole', ROLE('training'), 'conditional', { residual: ['StringEquals iam:PassedToService ["sagemaker.amazonaws.com","glue.amazonaws.com","robomaker.amazonaws.com","states.amazonaws.com"]'] }],
    ['SageMakerFullAccess: PassRole of an *AmazonSageMaker* role, service unknown: either statement', 'iam:PassRole', ROLE('AmazonSageMaker-ExecutionRole'), 'conditional', { residual: ['StringEquals iam:PassedToService ["glue.amazonaws.com","robomaker.amazonaws.com","states.amazonaws.com"] or StringEquals iam:PassedToService ["sagemaker.amazonaws.com","glue.amazonaws.com","robomaker.amazonaws.com","states.amazonaws.com"]'] }],
    ['SageMakerFullAccess: objects in a *sagemaker* bucket', 's3:GetObject', 'arn:aws:s3:::acme-sagemaker-data/train.csv', 'allowed'],
    ['SageMakerFullAccess: objects elsewhere only with the SageMaker object tag', 's3:GetObject', 'arn:aws:s3:::acme-data/train.csv', 'conditional', { residual: ['StringEqualsIgnoreCase s3:ExistingObjectTag/SageMaker true'] }],
    ['SageMakerFullAccess: objects elsewhere without the tag', 's3:GetObject', 'arn:aws:s3:::acme-data/train.csv', 'denied', { context: { 's3:existingobjecttag/sagemaker': null } }],
    ['SageMakerFullAccess: no writes to other buckets', 's3:PutObject', 'arn:aws:s3:::acme-data/x', 'denied'],
    ['SageMakerFullAccess: secrets named AmazonSageMaker-*', 'secretsmanager:GetSecretValue', SECRET('AmazonSageMaker-git-AbCdEf'), 'allowed'],
    ['SageMakerFullAccess: other secrets only if tagged SageMaker=true', 'secretsmanager:GetSecretValue', SECRET('prod/db-AbCdEf'), 'conditional', { residual: ['ForAnyValue:StringLike secretsmanager:ResourceTag/SageMaker true'] }],
    ['SageMakerFullAccess: other secrets with another tag value', 'secretsmanager:GetSecretValue', SECRET('prod/db-AbCdEf'), 'denied', { context: { 'secretsmanager:resourcetag/sagemaker': ['false'] } }],
    ['SageMakerFullAccess: no iam:CreateRole', 'iam:CreateRole', ROLE('new'), 'denied'],
  ]),
  ...rows(RULES.scps, { policies: { identity: [ALL], scps: [[FULL_SCP], [FULL_SCP, REGIONS]] } }, [
    ['SCP region deny-list: us-east-1 is denied', 's3:GetObject', 'arn:aws:s3:::data/x', 'denied', { context: { 'aws:requestedregion': ['us-east-1'], 'aws:principalarn': [alice.arn] }, denyReason: 'explicit-deny', deniedBy: ['scp-region-deny#0'] }],
    ['SCP region deny-list: eu-west-1 is allowed', 's3:GetObject', 'arn:aws:s3:::data/x', 'allowed', { context: { 'aws:requestedregion': ['eu-west-1'] } }],
    ['SCP region deny-list: IAM is exempt in any region', 'iam:CreateRole', ROLE('r'), 'allowed', { context: { 'aws:requestedregion': ['us-east-1'] } }],
    ['SCP region deny-list: KMS is exempt in any region', 'kms:Decrypt', KEY, 'allowed', { context: { 'aws:requestedregion': ['ap-south-1'] } }],
    ['SCP region deny-list: a bypass role is exempt', 'sagemaker:CreateTrainingJob', 'arn:aws:sagemaker:us-east-1:111111111111:training-job/t', 'allowed', { context: { 'aws:requestedregion': ['us-east-1'], 'aws:principalarn': [ROLE('Role1AllowedToBypassThisSCP')] }, principal: { arn: ROLE('Role1AllowedToBypassThisSCP'), type: 'role', accountId: ACCT } }],
    ['SCP region deny-list: another role is not', 'sagemaker:CreateTrainingJob', 'arn:aws:sagemaker:us-east-1:111111111111:training-job/t', 'denied', { context: { 'aws:requestedregion': ['us-east-1'], 'aws:principalarn': [appRole.arn] }, principal: appRole, denyReason: 'explicit-deny' }],
  ]),
  ...rows(RULES.globalKeys, { policies: { identity: [ALL], resource: ORG_BUCKET }, request: { principal: outsider } }, [
    ['bucket with aws:PrincipalOrgID: a principal of the organization reads', 's3:GetObject', 'arn:aws:s3:::org-datasets/a', 'allowed', { context: { 'aws:principalorgid': ['o-abcdef1234'], 'aws:securetransport': ['true'] } }],
    ['bucket with aws:PrincipalOrgID: another organization does not', 's3:GetObject', 'arn:aws:s3:::org-datasets/a', 'denied', { context: { 'aws:principalorgid': ['o-zzzzzzzzzz'], 'aws:securetransport': ['true'] }, denyReason: 'resource-policy' }],
    ['bucket with aws:PrincipalOrgID: an unknown org id is the residual', 's3:GetObject', 'arn:aws:s3:::org-datasets/a', 'conditional', { context: { 'aws:securetransport': ['true'] }, residual: ['StringEquals aws:PrincipalOrgID o-abcdef1234'] }],
    ['bucket with aws:PrincipalOrgID: without TLS the deny applies', 's3:GetObject', 'arn:aws:s3:::org-datasets/a', 'denied', { context: { 'aws:principalorgid': ['o-abcdef1234'], 'aws:securetransport': ['false'] }, denyReason: 'explicit-deny' }],
    ['bucket with aws:PrincipalOrgID: listing the bucket', 's3:ListBucket', 'arn:aws:s3:::org-datasets', 'allowed', { context: { 'aws:principalorgid': ['o-abcdef1234'], 'aws:securetransport': ['true'] } }],
    ['bucket with aws:PrincipalOrgID: no writes', 's3:PutObject', 'arn:aws:s3:::org-datasets/a', 'denied', { context: { 'aws:principalorgid': ['o-abcdef1234'], 'aws:securetransport': ['true'] }, denyReason: 'resource-policy' }],
  ]),
  ...rows(RULES.kmsDefault, { policies: { identity: [], resource: KEY_POLICY, resourcePolicyMode: 'required' } }, [
    ['default key policy: a named key user decrypts without IAM', 'kms:Decrypt', KEY, 'allowed', { principal: appRole }],
    ['default key policy: a key user may not schedule deletion', 'kms:ScheduleKeyDeletion', KEY, 'denied', { principal: appRole }],
    ['default key policy: the key admin may schedule deletion', 'kms:ScheduleKeyDeletion', KEY, 'allowed', { principal: { arn: ROLE('KeyAdmin'), type: 'role', accountId: ACCT } }],
    ['default key policy: the key admin may not decrypt', 'kms:Decrypt', KEY, 'denied', { principal: { arn: ROLE('KeyAdmin'), type: 'role', accountId: ACCT } }],
    ['default key policy: other principals of the account need IAM', 'kms:Decrypt', KEY, 'denied', { principal: alice }],
    ['default key policy: the external account needs its own IAM allow', 'kms:Decrypt', KEY, 'denied', { principal: outsider }],
    ['default key policy: grants only for AWS resources', 'kms:CreateGrant', KEY, 'allowed', { principal: appRole, context: { 'kms:grantisforawsresource': ['true'] } }],
    ['default key policy: grants for anything else are refused', 'kms:CreateGrant', KEY, 'denied', { principal: appRole, context: { 'kms:grantisforawsresource': ['false'] } }],
  ]),
  ...rows(RULES.kmsDefault, { policies: { identity: [ALL], resource: KEY_POLICY, resourcePolicyMode: 'required' } }, [
    ['default key policy: an IAM admin of the account decrypts through delegation', 'kms:Decrypt', KEY, 'allowed', { principal: alice }],
    ['default key policy: the external account with its IAM allow decrypts', 'kms:Decrypt', KEY, 'allowed', { principal: { ...outsider, accountId: OTHER } }],
    ['default key policy: the external account may not administer the key', 'kms:ScheduleKeyDeletion', KEY, 'denied', { principal: outsider, denyReason: 'resource-policy' }],
  ]),
];
