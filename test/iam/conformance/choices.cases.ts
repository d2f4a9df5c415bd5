/**
 * Request keys the attack sets (AccessRequest.choices): a condition that admits only values the
 * attack cannot use cuts the request, one the attacker can meet leaves it unconditional, and
 * the pick is reported. Delegated IAM administration fences of the IAM User Guide.
 */
import type { AccessRequest, ContextChoice, PolicyStatementInput } from '../../../src/iam/index.js';
import { ACCT, allow, appRole, BUCKET, deny, identityPolicy, OTHER, resourcePolicy } from '../helpers.js';
import { RULES, type Case, type Rule } from './harness.js';

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const CUSTOM_ADMIN = `arn:aws:iam::${ACCT}:policy/break-glass-admin`;
const BOUNDARY = `arn:aws:iam::${ACCT}:policy/DeveloperBoundary`;
const TARGET_ROLE = `arn:aws:iam::${ACCT}:role/deployer`;
const adminPolicies: ContextChoice = { values: [ADMIN, CUSTOM_ADMIN] };
const anything: ContextChoice = { like: '*' };

const attach = (choices: AccessRequest['choices'] | undefined, ...statements: PolicyStatementInput[]): Omit<Case, 'rule' | 'title' | 'decision'> => ({
  request: { principal: appRole, action: 'iam:AttachRolePolicy', resource: TARGET_ROLE, ...(choices ? { choices } : {}) },
  policies: { identity: [identityPolicy('p', ...statements)] },
});
const onPolicy = (operator: string, values: string | string[]) => allow('iam:AttachRolePolicy', '*', { Condition: { [operator]: { 'iam:PolicyARN': values } } });
const row = (rule: Rule, title: string, base: Omit<Case, 'rule' | 'title' | 'decision'>, decision: Case['decision'], extra: Partial<Case> = {}): Case => ({
  rule,
  title,
  ...base,
  decision,
  ...(decision === 'denied' ? { denyReason: 'no-allow' as const } : {}),
  ...extra,
});
const passRole = (condition: PolicyStatementInput['Condition'], choices: AccessRequest['choices'], context: AccessRequest['context'] = {}) => ({
  request: { principal: appRole, action: 'iam:PassRole', resource: TARGET_ROLE, choices, context },
  policies: { identity: [identityPolicy('p', allow('iam:PassRole', TARGET_ROLE, { Condition: condition }))] },
});
const L = RULES.limitManaged;
const K = RULES.iamKeys;

export const choiceCases: Case[] = [
  row(L, 'iam:PolicyARN limited to a read-only policy: attaching an admin policy is denied', attach({ 'iam:policyarn': adminPolicies }, onPolicy('ArnEquals', READ_ONLY)), 'denied'),
  row(L, 'iam:PolicyARN limited to a read-only policy: without the attack\'s value the fence stays open', attach(undefined, onPolicy('ArnEquals', READ_ONLY)), 'conditional', { residual: [`ArnEquals iam:PolicyARN ${READ_ONLY}`] }),
  row(L, 'iam:PolicyARN allowing every AWS managed policy: the attacker attaches AdministratorAccess', attach({ 'iam:policyarn': adminPolicies }, onPolicy('ArnLike', 'arn:aws:iam::aws:policy/*')), 'allowed', { chosen: { 'iam:policyarn': ADMIN } }),
  row(L, 'iam:PolicyARN denying AdministratorAccess only: another admin policy gets through', attach({ 'iam:policyarn': adminPolicies }, allow('iam:AttachRolePolicy'), deny('iam:AttachRolePolicy', '*', { Condition: { ArnEquals: { 'iam:PolicyARN': ADMIN } } })), 'allowed', { chosen: { 'iam:policyarn': CUSTOM_ADMIN } }),
  row(L, 'iam:PolicyARN denying every admin policy cuts the request', attach({ 'iam:policyarn': adminPolicies }, allow('iam:AttachRolePolicy'), deny('iam:AttachRolePolicy', '*', { Condition: { ArnEquals: { 'iam:PolicyARN': [ADMIN, CUSTOM_ADMIN] } } })), 'denied', { denyReason: 'explicit-deny', deniedBy: ['p#1'] }),
  row(L, 'iam:PolicyARN with ArnNotEquals: any admin policy other than the listed one', attach({ 'iam:policyarn': adminPolicies }, { Effect: 'Allow', Action: 'iam:AttachRolePolicy', Resource: '*', Condition: { ArnNotEquals: { 'iam:PolicyARN': ADMIN } } }), 'allowed', { chosen: { 'iam:policyarn': CUSTOM_ADMIN } }),
  row(L, 'iam:PolicyARN: an unconditional grant needs no pick', attach({ 'iam:policyarn': adminPolicies }, allow('iam:AttachRolePolicy')), 'allowed'),
  row(L, 'iam:PolicyARN: any value the attacker likes meets a fence on a benign policy', attach({ 'iam:policyarn': anything }, onPolicy('ArnEquals', READ_ONLY)), 'allowed', { chosen: { 'iam:policyarn': READ_ONLY } }),
  row(L, 'iam:PolicyARN: an empty set of usable values allows nothing', attach({ 'iam:policyarn': { values: [] } }, onPolicy('ArnLike', '*')), 'denied'),
  row(
    L,
    'picks combine with the other open conditions: each pick keeps its own residual',
    attach(
      { 'iam:policyarn': adminPolicies },
      allow('iam:AttachRolePolicy', '*', { Condition: { ArnEquals: { 'iam:PolicyARN': ADMIN }, IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }),
      allow('iam:AttachRolePolicy', '*', { Condition: { ArnEquals: { 'iam:PolicyARN': CUSTOM_ADMIN }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }),
    ),
    'conditional',
    { residual: ['Bool aws:MultiFactorAuthPresent true or IpAddress aws:SourceIp 10.0.0.0/8'] },
  ),
  row(RULES.passRole, 'iam:PassedToService pinned to EC2: passing to SageMaker is denied', passRole({ StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } }, undefined, { 'iam:passedtoservice': ['sagemaker.amazonaws.com'] }), 'denied'),
  row(RULES.passRole, 'iam:PassedToService pinned to the technique\'s service: allowed', passRole({ StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } }, undefined, { 'iam:passedtoservice': ['sagemaker.amazonaws.com'] }), 'allowed'),
  row(K, 'iam:AssociatedResourceArn: the attacker names its new function to fit the pattern', passRole({ ArnLike: { 'iam:AssociatedResourceArn': `arn:aws:lambda:*:${ACCT}:function:app-*` } }, { 'iam:associatedresourcearn': { like: `arn:aws:lambda:*:${ACCT}:function:*` } }), 'allowed', { chosen: { 'iam:associatedresourcearn': `arn:aws:lambda::${ACCT}:function:app-` } }),
  row(K, 'iam:AssociatedResourceArn: an ARN-shaped pick keeps its wildcards inside each field, so a function is never an instance', passRole({ ArnLike: { 'iam:AssociatedResourceArn': `arn:aws:ec2:*:${ACCT}:instance/*` } }, { 'iam:associatedresourcearn': { like: 'arn:*:lambda:*:*:function:*' } }), 'denied'),
  row(K, 'iam:AssociatedResourceArn: a pattern only for another account\'s resources cuts the pass', passRole({ ArnLike: { 'iam:AssociatedResourceArn': `arn:aws:lambda:*:${OTHER}:function:*` } }, { 'iam:associatedresourcearn': { like: `arn:aws:lambda:*:${ACCT}:function:*` } }), 'denied'),
  row(
    RULES.boundaryDelegation,
    'iam:PermissionsBoundary must stay the delegated boundary: setting an admin boundary is denied',
    {
      request: { principal: appRole, action: 'iam:PutRolePermissionsBoundary', resource: TARGET_ROLE, choices: { 'iam:permissionsboundary': adminPolicies } },
      policies: { identity: [identityPolicy('p', allow('iam:PutRolePermissionsBoundary', '*', { Condition: { StringEquals: { 'iam:PermissionsBoundary': BOUNDARY } } }))] },
    },
    'denied',
  ),
  row(
    RULES.boundaryDelegation,
    'iam:PermissionsBoundary fenced by a Deny on other values: an admin boundary is denied',
    {
      request: { principal: appRole, action: 'iam:PutRolePermissionsBoundary', resource: TARGET_ROLE, choices: { 'iam:permissionsboundary': adminPolicies } },
      policies: { identity: [identityPolicy('p', allow('iam:*'), deny('iam:PutRolePermissionsBoundary', '*', { Condition: { StringNotEquals: { 'iam:PermissionsBoundary': BOUNDARY } } }))] },
    },
    'denied',
    { denyReason: 'explicit-deny', deniedBy: ['p#1'] },
  ),
  row(
    RULES.s3Prefix,
    's3:prefix: a user lists its own home folder',
    {
      request: { action: 's3:ListBucket', resource: BUCKET, context: { 'aws:username': ['alice'] }, choices: { 's3:prefix': anything } },
      policies: { identity: [identityPolicy('p', allow('s3:ListBucket', BUCKET, { Condition: { StringLike: { 's3:prefix': 'home/${aws:username}/*' } } }))] },
    },
    'allowed',
    { chosen: { 's3:prefix': 'home/alice/' } },
  ),
  row(
    RULES.s3Prefix,
    's3:prefix: a prefix the attack needs outside the allowed folders is denied',
    {
      request: { action: 's3:ListBucket', resource: BUCKET, choices: { 's3:prefix': { like: 'training/*' } } },
      policies: { identity: [identityPolicy('p', allow('s3:ListBucket', BUCKET, { Condition: { StringLike: { 's3:prefix': ['home/*', 'public/*'] } } }))] },
    },
    'denied',
  ),
  row(
    RULES.globalKeys,
    'a choice that includes leaving the key out meets an IfExists fence',
    {
      request: { action: 's3:ListBucket', resource: BUCKET, choices: { 's3:prefix': { values: [null, 'secret/'] } } },
      policies: { identity: [identityPolicy('p', allow('s3:ListBucket', BUCKET, { Condition: { StringLikeIfExists: { 's3:prefix': 'public/*' } } }))] },
    },
    'allowed',
    { chosen: { 's3:prefix': null } },
  ),
  row(
    RULES.globalKeys,
    'aws:SecureTransport chosen by the caller: a deny on plain HTTP is avoided',
    {
      request: { choices: { 'aws:securetransport': { values: ['true', 'false'] } } },
      policies: { identity: [identityPolicy('p', allow('s3:GetObject'))], resource: resourcePolicy({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }) },
    },
    'allowed',
    { chosen: { 'aws:securetransport': 'true' } },
  ),
  row(
    RULES.globalKeys,
    'a key the context fixes is not a choice',
    {
      request: { context: { 'aws:securetransport': ['false'] }, choices: { 'aws:securetransport': { values: ['true', 'false'] } } },
      policies: { identity: [identityPolicy('p', allow('s3:GetObject'))], resource: resourcePolicy({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }) },
    },
    'denied',
    { denyReason: 'explicit-deny' },
  ),
  row(
    RULES.operators,
    'a numeric key chosen between two bounds',
    {
      request: { action: 's3:ListBucket', resource: BUCKET, choices: { 's3:max-keys': anything } },
      policies: { identity: [identityPolicy('p', allow('s3:ListBucket', BUCKET, { Condition: { NumericGreaterThan: { 's3:max-keys': '10' }, NumericLessThan: { 's3:max-keys': '12' } } }))] },
    },
    'allowed',
    { chosen: { 's3:max-keys': '11' } },
  ),
];
