/** Organization policies: SCPs limit the caller's account, RCPs the resource's; neither grants. */
import type { CompiledPolicy, PolicyStatementInput, RequestPrincipal } from '../../../src/iam/index.js';
import { ACCT, alice, allow, anonymous, deny, identityPolicy, lambdaService, OTHER, outsider, policy, resourcePolicy } from '../helpers.js';
import { RULES, type Case } from './harness.js';

const p = (...s: PolicyStatementInput[]) => identityPolicy('p', ...s);
const scp = (id: string, ...s: PolicyStatementInput[]) => policy('scp', id, ...s);
const rcp = (id: string, ...s: PolicyStatementInput[]) => policy('rcp', id, ...s.map((st) => ({ Principal: '*' as const, ...st })));
const FULL = scp('FullAWSAccess', allow('*'));
const RCP_FULL = rcp('RCPFullAWSAccess', allow('*'));
const ORG = 'o-abcdef1234';
const grantTo = (principal: PolicyStatementInput['Principal']): PolicyStatementInput => ({ Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: '*' });
const levels = (...ls: CompiledPolicy[][]) => ls;
const serviceLinked: RequestPrincipal = { arn: `arn:aws:iam::${ACCT}:role/aws-service-role/sagemaker.amazonaws.com/AWSServiceRoleForAmazonSageMaker`, type: 'role', accountId: ACCT };
const rootUser: RequestPrincipal = { arn: `arn:aws:iam::${ACCT}:root`, type: 'account', accountId: ACCT };
// The data-perimeter RCP from the AWS KMS and Organizations guides, for S3.
const PERIMETER = rcp('perimeter', {
  Effect: 'Deny',
  Action: 's3:*',
  Resource: '*',
  Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } },
});
// An SCP deny-list that keeps every region but two, sparing global services (NotAction).
const REGIONS = scp('region-lock', {
  Sid: 'DenyOutsideEU',
  Effect: 'Deny',
  NotAction: ['iam:*', 'organizations:*', 'sts:*', 'support:*'],
  Resource: '*',
  Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } },
});

export const organizationCases: Case[] = [
  { rule: RULES.scpEvaluation, title: 'SCP: FullAWSAccess at every level lets the identity grant through', policies: { identity: [p(allow('s3:*'))], scps: levels([FULL], [FULL], [FULL]) }, decision: 'allowed', allowedBy: ['p#0'] },
  { rule: RULES.scps, title: 'SCP: an SCP grants nothing by itself', policies: { identity: [], scps: levels([FULL]) }, decision: 'denied', denyReason: 'no-allow' },
  { rule: RULES.scpEvaluation, title: 'SCP: a level that allows only other services denies', policies: { identity: [p(allow('*'))], scps: levels([FULL], [scp('ec2-only', allow('ec2:*'))], [FULL]) }, decision: 'denied', denyReason: 'scp' },
  { rule: RULES.scpEvaluation, title: 'SCP: every level must allow, the account level included', policies: { identity: [p(allow('*'))], scps: levels([FULL], [FULL], [scp('iam-only', allow('iam:*'))]) }, decision: 'denied', denyReason: 'scp' },
  { rule: RULES.scpEvaluation, title: 'SCP: policies on one level combine (any allows)', policies: { identity: [p(allow('*'))], scps: levels([FULL], [scp('ec2-only', allow('ec2:*')), scp('s3-only', allow('s3:*'))]) }, decision: 'allowed' },
  { rule: RULES.scpEvaluation, title: 'SCP: an explicit deny at any level denies', policies: { identity: [p(allow('*'))], scps: levels([FULL, scp('no-s3', deny('s3:GetObject'))], [FULL]) }, decision: 'denied', denyReason: 'explicit-deny', deniedBy: ['no-s3#0'] },
  { rule: RULES.scps, title: 'SCP: no levels given means no SCP applies', policies: { identity: [p(allow('s3:GetObject'))], scps: [] }, decision: 'allowed' },
  { rule: RULES.scps, title: 'SCP: a same-account resource grant to the user is still limited by SCPs', policies: { identity: [], resource: resourcePolicy(grantTo({ AWS: alice.arn })), scps: levels([scp('ec2-only', allow('ec2:*'))]) }, decision: 'denied', denyReason: 'scp' },
  { rule: RULES.scps, title: 'SCP: a deny applies to resource-policy grants too', policies: { identity: [], resource: resourcePolicy(grantTo({ AWS: alice.arn })), scps: levels([FULL, scp('no-s3', deny('s3:*'))]) }, decision: 'denied', denyReason: 'explicit-deny' },
  { rule: RULES.scps, title: 'SCP: the root user of a member account is limited', request: { principal: rootUser }, policies: { identity: [], scps: levels([scp('ec2-only', allow('ec2:*'))]) }, decision: 'denied', denyReason: 'scp' },
  { rule: RULES.scps, title: 'SCP: the root user of a member account is allowed what SCPs allow', request: { principal: rootUser }, policies: { identity: [], scps: levels([FULL]) }, decision: 'allowed' },
  { rule: RULES.scps, title: 'SCP: service principals are not limited', request: { principal: lambdaService }, policies: { identity: [], resource: resourcePolicy(grantTo({ Service: 'lambda.amazonaws.com' })), scps: levels([scp('deny-all', deny('*'))]) }, decision: 'allowed' },
  { rule: RULES.scps, title: 'SCP: service-linked roles are not limited', request: { principal: serviceLinked }, policies: { identity: [p(allow('s3:*'))], scps: levels([scp('deny-all', deny('*'))]) }, decision: 'allowed' },
  { rule: RULES.scps, title: 'SCP: anonymous callers are not limited', request: { principal: anonymous }, policies: { identity: [], resource: resourcePolicy(grantTo('*')), scps: levels([scp('deny-all', deny('*'))]) }, decision: 'allowed' },
  { rule: RULES.scps, title: 'SCP: the caller account SCPs apply to its cross-account requests', request: { principal: outsider }, policies: { identity: [p(allow('*'))], resource: resourcePolicy(grantTo({ AWS: OTHER })), scps: levels([FULL, scp('no-s3', deny('s3:*'))]) }, decision: 'denied', denyReason: 'explicit-deny' },
  { rule: RULES.scps, title: 'SCP: a conditional allow makes the decision conditional', policies: { identity: [p(allow('*'))], scps: levels([scp('mfa-only', allow('*', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }))]) }, decision: 'conditional', residual: ['Bool aws:MultiFactorAuthPresent true'] },
  { rule: RULES.scps, title: 'SCP: principal tags decide a tag condition', request: { principal: { ...alice, tags: { team: 'ml' } } }, policies: { identity: [p(allow('*'))], scps: levels([FULL, scp('team-only', { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'ml' } } })]) }, decision: 'allowed' },
  { rule: RULES.scps, title: 'SCP: a missing principal tag meets StringNotEquals, so the deny applies', request: { principal: { ...alice, tags: {} } }, policies: { identity: [p(allow('*'))], scps: levels([FULL, scp('team-only', { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'ml' } } })]) }, decision: 'denied', denyReason: 'explicit-deny' },
  { rule: RULES.scps, title: 'SCP deny-list: a region outside the list is denied', request: { context: { 'aws:requestedregion': ['us-east-1'] } }, policies: { identity: [p(allow('*'))], scps: levels([FULL, REGIONS]) }, decision: 'denied', denyReason: 'explicit-deny', deniedBy: ['region-lock#0'] },
  { rule: RULES.scps, title: 'SCP deny-list: a listed region is allowed', request: { context: { 'aws:requestedregion': ['eu-central-1'] } }, policies: { identity: [p(allow('*'))], scps: levels([FULL, REGIONS]) }, decision: 'allowed' },
  { rule: RULES.scps, title: 'SCP deny-list: NotAction spares the global services in any region', request: { action: 'iam:CreateUser', resource: '*', context: { 'aws:requestedregion': ['us-east-1'] } }, policies: { identity: [p(allow('*'))], scps: levels([FULL, REGIONS]) }, decision: 'allowed' },
  { rule: RULES.scps, title: 'SCP deny-list: an unknown region leaves the region as the residual', policies: { identity: [p(allow('*'))], scps: levels([FULL, REGIONS]) }, decision: 'conditional', residual: ['StringEquals aws:RequestedRegion ["eu-west-1","eu-central-1"]'] },
  { rule: RULES.rcpEvaluation, title: 'RCP: RCPFullAWSAccess lets a public grant through', request: { principal: anonymous }, policies: { identity: [], resource: resourcePolicy(grantTo('*')), rcps: levels([RCP_FULL]) }, decision: 'allowed' },
  { rule: RULES.rcps, title: 'RCP: an RCP grants nothing by itself', policies: { identity: [], rcps: levels([RCP_FULL]) }, decision: 'denied', denyReason: 'no-allow' },
  { rule: RULES.rcpEvaluation, title: 'RCP: a level without an allow for the action denies', policies: { identity: [p(allow('*'))], rcps: levels([RCP_FULL], [rcp('kms-only', allow('kms:*'))]) }, decision: 'denied', denyReason: 'rcp' },
  { rule: RULES.rcps, title: 'RCP perimeter: a principal outside the organization is denied', request: { principal: outsider, context: { 'aws:principalorgid': ['o-zzzzzzzzzz'], 'aws:principalisawsservice': ['false'] } }, policies: { identity: [p(allow('*'))], resource: resourcePolicy(grantTo({ AWS: outsider.arn })), rcps: levels([RCP_FULL, PERIMETER]) }, decision: 'denied', denyReason: 'explicit-deny', deniedBy: ['perimeter#0'] },
  { rule: RULES.rcps, title: 'RCP perimeter: a principal of the organization is allowed', request: { principal: outsider, context: { 'aws:principalorgid': [ORG], 'aws:principalisawsservice': ['false'] } }, policies: { identity: [p(allow('*'))], resource: resourcePolicy(grantTo({ AWS: outsider.arn })), rcps: levels([RCP_FULL, PERIMETER]) }, decision: 'allowed' },
  { rule: RULES.rcps, title: 'RCP perimeter: an anonymous caller has no org id and is denied', request: { principal: anonymous, context: { 'aws:principalorgid': null, 'aws:principalisawsservice': null } }, policies: { identity: [], resource: resourcePolicy(grantTo('*')), rcps: levels([RCP_FULL, PERIMETER]) }, decision: 'denied', denyReason: 'explicit-deny' },
  { rule: RULES.rcps, title: 'RCP perimeter: an AWS service principal is exempted by the condition', request: { principal: lambdaService, context: { 'aws:principalisawsservice': ['true'] } }, policies: { identity: [], resource: resourcePolicy(grantTo({ Service: 'lambda.amazonaws.com' })), rcps: levels([RCP_FULL, PERIMETER]) }, decision: 'allowed' },
  { rule: RULES.rcps, title: 'RCP perimeter: an unknown org id leaves it as the residual', request: { principal: outsider, context: { 'aws:principalisawsservice': ['false'] } }, policies: { identity: [p(allow('*'))], resource: resourcePolicy(grantTo({ AWS: outsider.arn })), rcps: levels([RCP_FULL, PERIMETER]) }, decision: 'conditional', residual: [`StringEquals aws:PrincipalOrgID ${ORG}`] },
  { rule: RULES.rcps, title: 'RCP: the restriction applies to same-account callers as well', request: { context: { 'aws:principalorgid': [ORG], 'aws:principalisawsservice': ['false'] } }, policies: { identity: [p(allow('*'))], rcps: levels([RCP_FULL, rcp('no-delete', deny('s3:GetObject'))]) }, decision: 'denied', denyReason: 'explicit-deny', deniedBy: ['no-delete#0'] },
  { rule: RULES.rcps, title: 'RCP: service-linked roles are not restricted', request: { principal: serviceLinked }, policies: { identity: [p(allow('s3:*'))], rcps: levels([rcp('deny-all', deny('*'))]) }, decision: 'allowed' },
  { rule: RULES.evaluation, title: 'SCP and RCP together: both must allow', policies: { identity: [p(allow('*'))], scps: levels([FULL]), rcps: levels([rcp('kms-only', allow('kms:*'))]) }, decision: 'denied', denyReason: 'rcp' },
  { rule: RULES.evaluation, title: 'SCP and RCP together: allowed when each allows', policies: { identity: [p(allow('*'))], scps: levels([FULL]), rcps: levels([RCP_FULL]) }, decision: 'allowed' },
];
