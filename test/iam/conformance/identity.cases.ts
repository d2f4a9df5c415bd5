/** Identity-based policies of users and roles: Action, NotAction, Resource, NotResource, deny wins. */
import type { PolicyStatementInput } from '../../../src/iam/index.js';
import { allow, appRole, BUCKET, deny, identityPolicy, OBJECT } from '../helpers.js';
import { RULES, type Case } from './harness.js';

const p = (...s: PolicyStatementInput[]) => identityPolicy('p', ...s);
const q = (...s: PolicyStatementInput[]) => identityPolicy('q', ...s);
const notAction = (list: string | string[], resource: string | string[] = '*'): PolicyStatementInput => ({ Effect: 'Allow', NotAction: list, Resource: resource });
const notResource = (action: string | string[], list: string | string[]): PolicyStatementInput => ({ Effect: 'Allow', Action: action, NotResource: list });

export const identityCases: Case[] = [
  { rule: RULES.denyAllow, title: 'no policy at all: implicit deny', policies: { identity: [] }, decision: 'denied', denyReason: 'no-allow' },
  { rule: RULES.denyAllow, title: 'an empty policy list of statements allows nothing', policies: { identity: [identityPolicy('empty')] }, decision: 'denied', denyReason: 'no-allow' },
  { rule: RULES.denyAllow, title: 'an explicit allow allows', policies: { identity: [p(allow('s3:GetObject'))] }, decision: 'allowed', allowedBy: ['p#0'] },
  { rule: RULES.denyAllow, title: 'an explicit deny overrides an allow in the same statement list', policies: { identity: [p(allow('s3:GetObject'), deny('s3:GetObject'))] }, decision: 'denied', denyReason: 'explicit-deny', deniedBy: ['p#1'] },
  { rule: RULES.denyAllow, title: 'an explicit deny in one policy overrides an allow in another', policies: { identity: [p(allow('*')), q(deny('s3:*'))] }, decision: 'denied', denyReason: 'explicit-deny', deniedBy: ['q#0'] },
  { rule: RULES.denyAllow, title: 'a deny alone still denies (and cites itself)', policies: { identity: [p(deny('s3:GetObject'))] }, decision: 'denied', denyReason: 'explicit-deny', deniedBy: ['p#0'] },
  { rule: RULES.denyAllow, title: 'every applicable deny is cited, in policy order', policies: { identity: [q(deny('s3:*')), p(deny('s3:Get*'), allow('*'))] }, decision: 'denied', denyReason: 'explicit-deny', deniedBy: ['p#0', 'q#0'] },
  { rule: RULES.denyAllow, title: 'a deny for another action does not apply', policies: { identity: [p(allow('s3:*'), deny('s3:PutObject'))] }, decision: 'allowed', allowedBy: ['p#0'] },
  { rule: RULES.denyAllow, title: 'a deny on another resource does not apply', policies: { identity: [p(allow('s3:*'), deny('s3:*', 'arn:aws:s3:::other/*'))] }, decision: 'allowed' },
  { rule: RULES.denyAllow, title: 'every applicable allow is cited', policies: { identity: [q(allow('s3:Get*')), p(allow('s3:GetObject'), allow('*'))] }, decision: 'allowed', allowedBy: ['p#0', 'p#1', 'q#0'] },
  { rule: RULES.singleAccount, title: 'a role is allowed by its own identity policy', request: { principal: appRole }, policies: { identity: [p(allow('s3:GetObject', OBJECT))] }, decision: 'allowed' },
  { rule: RULES.singleAccount, title: 'an allow for the bucket does not cover its objects', policies: { identity: [p(allow('s3:GetObject', BUCKET))] }, decision: 'denied', denyReason: 'no-allow' },
  { rule: RULES.action, title: 'Action: exact name matches', policies: { identity: [p(allow('s3:GetObject'))] }, decision: 'allowed' },
  { rule: RULES.action, title: 'Action: a list matches any member', policies: { identity: [p(allow(['ec2:RunInstances', 's3:GetObject']))] }, decision: 'allowed' },
  { rule: RULES.action, title: 'Action: service prefix and name are case-insensitive', policies: { identity: [p(allow('S3:GETOBJECT'))] }, decision: 'allowed' },
  { rule: RULES.action, title: 'Action: `*` inside the name', policies: { identity: [p(allow('s3:*Object'))] }, decision: 'allowed' },
  { rule: RULES.action, title: 'Action: `*` at the start of the name', policies: { identity: [p(allow('s3:Get*'))] }, decision: 'allowed' },
  { rule: RULES.action, title: 'Action: `?` matches one character', policies: { identity: [p(allow('s3:GetObjec?'))] }, decision: 'allowed' },
  { rule: RULES.action, title: 'Action: `?` does not match zero characters', policies: { identity: [p(allow('s3:GetObject?'))] }, decision: 'denied', denyReason: 'no-allow' },
  { rule: RULES.action, title: 'Action: `s3:*` covers every S3 action', request: { action: 's3:PutBucketPolicy', resource: BUCKET }, policies: { identity: [p(allow('s3:*'))] }, decision: 'allowed' },
  { rule: RULES.action, title: 'Action: `s3:*` does not cover s3express', request: { action: 's3express:CreateSession', resource: '*' }, policies: { identity: [p(allow('s3:*'))] }, decision: 'denied', denyReason: 'no-allow' },
  { rule: RULES.action, title: 'Action: a service wildcard `s3*:*` covers both', request: { action: 's3express:CreateSession', resource: '*' }, policies: { identity: [p(allow('s3*:*'))] }, decision: 'allowed' },
  { rule: RULES.action, title: 'Action: a prefix of a name is not a match', policies: { identity: [p(allow('s3:Get'))] }, decision: 'denied', denyReason: 'no-allow' },
  { rule: RULES.notAction, title: 'NotAction Allow grants actions outside the list', policies: { identity: [p(notAction('iam:*'))] }, decision: 'allowed', allowedBy: ['p#0'] },
  { rule: RULES.notAction, title: 'NotAction Allow does not grant a listed action', request: { action: 'iam:PassRole', resource: `arn:aws:iam::111111111111:role/x` }, policies: { identity: [p(notAction('iam:*'))] }, decision: 'denied', denyReason: 'no-allow' },
  { rule: RULES.notAction, title: 'NotAction Allow with a resource limits the granted actions to it', policies: { identity: [p(notAction('iam:*', 'arn:aws:s3:::other/*'))] }, decision: 'denied', denyReason: 'no-allow' },
  { rule: RULES.notAction, title: 'NotAction Deny denies every action outside the list', policies: { identity: [p(allow('*'), { Effect: 'Deny', NotAction: 'iam:*', Resource: '*' })] }, decision: 'denied', denyReason: 'explicit-deny', deniedBy: ['p#1'] },
  { rule: RULES.notAction, title: 'NotAction Deny spares the listed actions', request: { action: 'iam:GetUser', resource: '*' }, policies: { identity: [p(allow('*'), { Effect: 'Deny', NotAction: 'iam:*', Resource: '*' })] }, decision: 'allowed' },
  { rule: RULES.notAction, title: 'NotAction patterns match case-insensitively', request: { action: 'iam:GetUser', resource: '*' }, policies: { identity: [p(notAction('IAM:*'))] }, decision: 'denied', denyReason: 'no-allow' },
  { rule: RULES.catalog, title: 'NotAction grants only actions AWS defines: an unknown action is not one of them', request: { action: 's3:NotARealAction' }, policies: { identity: [p(notAction('iam:*'))] }, decision: 'denied', denyReason: 'no-allow' },
  { rule: RULES.resource, title: 'Resource: exact ARN', policies: { identity: [p(allow('s3:GetObject', OBJECT))] }, decision: 'allowed' },
  { rule: RULES.resource, title: 'Resource: `*` spans `/` in object keys', policies: { identity: [p(allow('s3:GetObject', 'arn:aws:s3:::data/*'))] }, decision: 'allowed' },
  { rule: RULES.resource, title: 'Resource: `*` spans `:` separators', policies: { identity: [p(allow('s3:GetObject', 'arn:aws:s3:*'))] }, decision: 'allowed' },
  { rule: RULES.resource, title: 'Resource: ARNs are case-sensitive', policies: { identity: [p(allow('s3:GetObject', 'arn:aws:s3:::Data/*'))] }, decision: 'denied', denyReason: 'no-allow' },
  { rule: RULES.resource, title: 'Resource: a list matches any member', policies: { identity: [p(allow('s3:GetObject', ['arn:aws:s3:::x/*', 'arn:aws:s3:::data/*']))] }, decision: 'allowed' },
  { rule: RULES.resource, title: 'Resource: a missing Resource element means `*` in compiled form', policies: { identity: [p({ Effect: 'Allow', Action: 's3:GetObject' })] }, decision: 'allowed' },
  { rule: RULES.resource, title: 'Resource: `?` matches one character of the key', request: { resource: 'arn:aws:s3:::data/a1' }, policies: { identity: [p(allow('s3:GetObject', 'arn:aws:s3:::data/a?'))] }, decision: 'allowed' },
  { rule: RULES.resource, title: 'Resource: a wildcard-only action needs `*`', request: { action: 's3:ListAllMyBuckets', resource: '*' }, policies: { identity: [p(allow('s3:ListAllMyBuckets', BUCKET))] }, decision: 'denied', denyReason: 'no-allow' },
  { rule: RULES.resource, title: 'Resource: `*` grants a wildcard-only action', request: { action: 's3:ListAllMyBuckets', resource: '*' }, policies: { identity: [p(allow('s3:ListAllMyBuckets'))] }, decision: 'allowed' },
  { rule: RULES.notResource, title: 'NotResource Allow grants resources outside the list', policies: { identity: [p(notResource('s3:*', 'arn:aws:s3:::secret/*'))] }, decision: 'allowed' },
  { rule: RULES.notResource, title: 'NotResource Allow does not grant a listed resource', request: { resource: 'arn:aws:s3:::secret/k' }, policies: { identity: [p(notResource('s3:*', 'arn:aws:s3:::secret/*'))] }, decision: 'denied', denyReason: 'no-allow' },
  { rule: RULES.notResource, title: 'NotResource Deny denies everything outside the list', policies: { identity: [p(allow('*'), { Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::public/*' })] }, decision: 'denied', denyReason: 'explicit-deny' },
  { rule: RULES.notResource, title: 'NotResource Deny spares the listed resources', request: { resource: 'arn:aws:s3:::public/x' }, policies: { identity: [p(allow('*'), { Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::public/*' })] }, decision: 'allowed' },
  { rule: RULES.notResource, title: 'NotAction and NotResource together', policies: { identity: [p({ Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::secret/*' })] }, decision: 'allowed' },
  { rule: RULES.evaluation, title: 'identity policies of a user and its groups combine: one allow suffices', policies: { identity: [identityPolicy('user-inline'), identityPolicy('group-policy', allow('s3:GetObject'))] }, decision: 'allowed', allowedBy: ['group-policy#0'] },
  { rule: RULES.evaluation, title: 'a deny in a group policy applies to its member users', policies: { identity: [identityPolicy('user-inline', allow('s3:*')), identityPolicy('group-policy', deny('s3:GetObject'))] }, decision: 'denied', denyReason: 'explicit-deny', deniedBy: ['group-policy#0'] },
];
