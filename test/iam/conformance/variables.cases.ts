/**
 * Policy variables: literal text outside `Version: 2012-10-17`, and a variable whose key has no
 * value for the request (aws:username for a role session, a missing tag) decides the statement
 * instead of leaving it open: Resource patterns and positive operators fail, negated ones hold.
 */
import { compilePolicy, type PolicyStatementInput } from '../../../src/iam/index.js';
import { ACCT, alice, allow, appRole, BUCKET, deny, identityPolicy } from '../helpers.js';
import { RULES, type Case } from './harness.js';

const V = RULES.variablesVersion;
const N = RULES.variablesNoValue;
const HOME = 'arn:aws:s3:::data/home/${aws:username}/*';
const ALICE_OBJECT = 'arn:aws:s3:::data/home/alice/notes.txt';
const LITERAL_OBJECT = 'arn:aws:s3:::data/home/${aws:username}/notes.txt';
const withVersion = (version: string | undefined, ...statements: PolicyStatementInput[]) =>
  compilePolicy(version === undefined ? { Statement: statements } : { Version: version, Statement: statements }, { kind: 'identity', id: 'p' });
const aliceKnown = { 'aws:username': ['alice'] };
const roleContext = { 'aws:username': null };
const listHome = (operator: string, values: string | string[]) => allow('s3:ListBucket', BUCKET, { Condition: { [operator]: { 's3:prefix': values } } });

export const variableCases: Case[] = [
  { rule: V, title: 'Version 2012-10-17: ${aws:username} in a Resource is substituted', request: { resource: ALICE_OBJECT, context: aliceKnown }, policies: { identity: [withVersion('2012-10-17', allow('s3:GetObject', HOME))] }, decision: 'allowed' },
  { rule: V, title: 'no Version: ${aws:username} in a Resource is literal text', request: { resource: ALICE_OBJECT, context: aliceKnown }, policies: { identity: [withVersion(undefined, allow('s3:GetObject', HOME))] }, decision: 'denied', denyReason: 'no-allow' },
  { rule: V, title: 'no Version: the literal text matches itself', request: { resource: LITERAL_OBJECT, context: aliceKnown }, policies: { identity: [withVersion(undefined, allow('s3:GetObject', HOME))] }, decision: 'allowed' },
  { rule: V, title: 'Version 2008-10-17: ${aws:username} in a Resource is literal text', request: { resource: ALICE_OBJECT, context: aliceKnown }, policies: { identity: [withVersion('2008-10-17', allow('s3:GetObject', HOME))] }, decision: 'denied', denyReason: 'no-allow' },
  { rule: V, title: 'Version 2008-10-17: a literal variable is not left open even when its key is unknown', request: { resource: ALICE_OBJECT }, policies: { identity: [withVersion('2008-10-17', allow('s3:GetObject', HOME))] }, decision: 'denied', denyReason: 'no-allow' },
  { rule: V, title: 'Version 2008-10-17: a condition value with ${...} is compared as written', request: { action: 's3:ListBucket', resource: BUCKET, context: { ...aliceKnown, 's3:prefix': ['${aws:username}/'] } }, policies: { identity: [withVersion('2008-10-17', listHome('StringEquals', '${aws:username}/'))] }, decision: 'allowed' },
  { rule: V, title: 'no Version: ${*} is not an escape but literal text', request: { resource: 'arn:aws:s3:::data/a*b' }, policies: { identity: [withVersion(undefined, allow('s3:GetObject', 'arn:aws:s3:::data/a${*}b'))] }, decision: 'denied', denyReason: 'no-allow' },
  { rule: V, title: 'Version 2012-10-17: ${*} stands for a literal asterisk', request: { resource: 'arn:aws:s3:::data/a*b' }, policies: { identity: [withVersion('2012-10-17', allow('s3:GetObject', 'arn:aws:s3:::data/a${*}b'))] }, decision: 'allowed' },
  { rule: N, title: 'no value: ${aws:username} for a role session matches no resource', request: { principal: appRole, resource: ALICE_OBJECT, context: roleContext }, policies: { identity: [identityPolicy('p', allow('s3:GetObject', HOME))] }, decision: 'denied', denyReason: 'no-allow' },
  { rule: N, title: 'no value: a NotResource with the variable excludes nothing', request: { principal: appRole, resource: ALICE_OBJECT, context: roleContext }, policies: { identity: [identityPolicy('p', { Effect: 'Allow', Action: 's3:GetObject', NotResource: HOME })] }, decision: 'allowed' },
  { rule: N, title: 'no value: a Deny scoped to the variable resource does not apply', request: { principal: appRole, resource: ALICE_OBJECT, context: roleContext }, policies: { identity: [identityPolicy('p', allow('s3:GetObject'), deny('s3:GetObject', HOME))] }, decision: 'allowed' },
  { rule: N, title: 'no value: StringLike with the variable does not match', request: { principal: appRole, action: 's3:ListBucket', resource: BUCKET, context: { ...roleContext, 's3:prefix': ['home/x/'] } }, policies: { identity: [identityPolicy('p', listHome('StringLike', 'home/${aws:username}/*'))] }, decision: 'denied', denyReason: 'no-allow' },
  { rule: N, title: 'no value: StringNotLike with the variable matches', request: { principal: appRole, action: 's3:ListBucket', resource: BUCKET, context: { ...roleContext, 's3:prefix': ['home/x/'] } }, policies: { identity: [identityPolicy('p', listHome('StringNotLike', 'home/${aws:username}/*'))] }, decision: 'allowed' },
  { rule: N, title: 'no value: another value of the same key still matches', request: { principal: appRole, action: 's3:ListBucket', resource: BUCKET, context: { ...roleContext, 's3:prefix': ['public/'] } }, policies: { identity: [identityPolicy('p', listHome('StringEquals', ['home/${aws:username}/', 'public/']))] }, decision: 'allowed' },
  { rule: N, title: 'no value: IfExists still holds when the compared key is absent', request: { principal: appRole, action: 's3:ListBucket', resource: BUCKET, context: { ...roleContext, 's3:prefix': null } }, policies: { identity: [identityPolicy('p', listHome('StringLikeIfExists', 'home/${aws:username}/*'))] }, decision: 'allowed' },
  { rule: N, title: 'no value: IfExists fails when the compared key is present', request: { principal: appRole, action: 's3:ListBucket', resource: BUCKET, context: { ...roleContext, 's3:prefix': ['home/x/'] } }, policies: { identity: [identityPolicy('p', listHome('StringLikeIfExists', 'home/${aws:username}/*'))] }, decision: 'denied', denyReason: 'no-allow' },
  {
    rule: N,
    title: 'no value: the guide example denies when the principal tag is not set',
    request: { principal: { ...alice, tags: {} }, context: { 's3:existingobjecttag/team': ['ml'] } },
    policies: { identity: [identityPolicy('p', allow('s3:GetObject'), deny('s3:GetObject', 'arn:aws:s3:::data/*', { Condition: { StringNotEquals: { 's3:ExistingObjectTag/Team': '${aws:PrincipalTag/Team}' } } }))] },
    decision: 'denied',
    denyReason: 'explicit-deny',
    deniedBy: ['p#1'],
  },
  {
    rule: N,
    title: 'no value: a missing principal tag in an ARN condition does not match',
    request: { principal: { ...alice, tags: {} }, context: { 'aws:sourcearn': [`arn:aws:lambda:us-east-1:${ACCT}:function:ml`] } },
    policies: { identity: [identityPolicy('p', allow('s3:GetObject', '*', { Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:lambda:*:${ACCT}:function:\${aws:PrincipalTag/team}` } } }))] },
    decision: 'denied',
    denyReason: 'no-allow',
  },
  {
    rule: RULES.variables,
    title: 'a default replaces a variable with no value in a Resource',
    request: { principal: appRole, resource: 'arn:aws:s3:::data/home/shared/x', context: roleContext },
    policies: { identity: [identityPolicy('p', allow('s3:GetObject', "arn:aws:s3:::data/home/${aws:username, 'shared'}/*"))] },
    decision: 'allowed',
  },
  {
    rule: RULES.variables,
    title: 'a variable whose key is unknown (not absent) is still left open',
    request: { principal: appRole, resource: ALICE_OBJECT },
    policies: { identity: [identityPolicy('p', allow('s3:GetObject', HOME))] },
    decision: 'conditional',
    residual: [`Resource ${HOME}`],
  },
];
