/**
 * aws:RequestedRegion decided, not left open: the region in a regional resource's ARN, a global
 * service's single endpoint (us-east-1), or a bucket's known location fixes it; a request on `*`
 * or on a partition-wide resource goes to a region the caller picks, so a region guardrail leaves
 * an administrator one it allows.
 */
import type { AccessRequest, PolicyStatementInput } from '../../../src/iam/index.js';
import { ACCT, allow, appRole, identityPolicy, policy } from '../helpers.js';
import { RULES, type Case } from './harness.js';

const FULL = policy('scp', 'FullAWSAccess', allow('*'));
// The guide's deny-list: every region but two, sparing the global services (NotAction).
const GUARDRAIL = policy('scp', 'region-guardrail', {
  Effect: 'Deny',
  NotAction: ['iam:*', 'organizations:*', 'sts:*', 'support:*', 'cloudfront:*', 'route53:*'],
  Resource: '*',
  Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } },
});
// The same guardrail written without the global services' exemption.
const STRICT = policy('scp', 'strict-guardrail', { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } } });
const pickRegion: AccessRequest['choices'] = { 'aws:requestedregion': { like: '*' } };
const admin = identityPolicy('admin', allow('*'));
const fn = (region: string) => `arn:aws:lambda:${region}:${ACCT}:function:train`;
const R = RULES.requestedRegion;
const row = (title: string, request: Partial<AccessRequest>, scp: ReturnType<typeof policy>, decision: Case['decision'], extra: Partial<Case> = {}): Case => ({
  rule: R,
  title,
  request: { principal: appRole, ...request },
  policies: { identity: [admin], scps: [[FULL], [FULL, scp]] },
  decision,
  ...(decision === 'denied' ? { denyReason: 'explicit-deny' as const, deniedBy: [`${scp.source.id}#0`] } : {}),
  ...extra,
});
const identityOnly = (statement: PolicyStatementInput, request: Partial<AccessRequest>, decision: Case['decision']): Case => ({
  rule: RULES.globalKeys,
  title: `identity condition on aws:RequestedRegion: ${request.resource} (${decision})`,
  request: { principal: appRole, ...request },
  policies: { identity: [identityPolicy('p', statement)] },
  decision,
  ...(decision === 'denied' ? { denyReason: 'no-allow' as const } : {}),
});

export const regionCases: Case[] = [
  row('a function in a region the guardrail denies: denied, not conditional', { action: 'lambda:UpdateFunctionCode', resource: fn('us-west-2') }, GUARDRAIL, 'denied'),
  row('a function in an allowed region: allowed outright', { action: 'lambda:UpdateFunctionCode', resource: fn('eu-west-1') }, GUARDRAIL, 'allowed'),
  row('the ARN fixes the region even when the caller could pick', { action: 'lambda:UpdateFunctionCode', resource: fn('us-west-2'), choices: pickRegion }, GUARDRAIL, 'denied'),
  row('a request on * goes to a region the caller picks: the guardrail leaves an allowed one', { action: 'lambda:UpdateFunctionCode', resource: '*', choices: pickRegion }, GUARDRAIL, 'allowed', { chosen: { 'aws:requestedregion': 'us-east-1' } }),
  row('a request on * without the pick leaves the region as the residual', { action: 'lambda:UpdateFunctionCode', resource: '*' }, GUARDRAIL, 'conditional', { residual: ['StringEquals aws:RequestedRegion ["us-east-1","eu-west-1"]'] }),
  row('IAM has one endpoint in us-east-1: a guardrail without the exemption denies it', { action: 'iam:CreateUser', resource: `arn:aws:iam::${ACCT}:user/x`, choices: pickRegion }, STRICT, 'denied'),
  row('IAM under the guide\'s guardrail: exempted by NotAction', { action: 'iam:CreateUser', resource: `arn:aws:iam::${ACCT}:user/x`, choices: pickRegion }, GUARDRAIL, 'allowed'),
  row('STS has regional endpoints: AssumeRole on a role goes to a region the caller picks', { action: 'sts:AssumeRole', resource: `arn:aws:iam::${ACCT}:role/target`, choices: pickRegion }, STRICT, 'allowed', { chosen: { 'aws:requestedregion': 'eu-west-1' } }),
  row('an S3 bucket in a denied region (its location known): denied', { action: 's3:GetObject', resource: 'arn:aws:s3:::data/x', resourceRegion: 'us-west-2', choices: pickRegion }, GUARDRAIL, 'denied'),
  row('an S3 bucket in an allowed region: allowed', { action: 's3:GetObject', resource: 'arn:aws:s3:::data/x', resourceRegion: 'eu-west-1', choices: pickRegion }, GUARDRAIL, 'allowed'),
  row('an S3 bucket of unknown location is not the caller\'s pick: the region stays open', { action: 's3:GetObject', resource: 'arn:aws:s3:::data/x', choices: pickRegion }, GUARDRAIL, 'conditional', { residual: ['StringEquals aws:RequestedRegion ["us-east-1","eu-west-1"]'] }),
  row('the request context states the region: it wins over the ARN', { action: 'lambda:UpdateFunctionCode', resource: fn('eu-west-1'), context: { 'aws:requestedregion': ['us-west-2'] } }, GUARDRAIL, 'denied'),
  row('an ARN pattern over regions: the caller picks a function in an allowed region', { action: 'lambda:UpdateFunctionCode', resource: `arn:aws:lambda:*:${ACCT}:function:*`, choices: pickRegion }, STRICT, 'allowed', { chosen: { 'aws:requestedregion': 'eu-west-1' } }),
  identityOnly(allow('lambda:InvokeFunction', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }), { action: 'lambda:InvokeFunction', resource: fn('eu-west-1') }, 'allowed'),
  identityOnly(allow('lambda:InvokeFunction', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }), { action: 'lambda:InvokeFunction', resource: fn('ap-south-1') }, 'denied'),
];
