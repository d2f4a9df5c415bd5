import { describe, expect, it } from 'vitest';
import { evaluate, type AccessRequest, type Decision, type DenyReason, type PolicySet, type PolicyStatementInput } from '../../src/iam/index.js';
import { allow, boundaryPolicy, deny, identityPolicy, OBJECT, request, summary } from './helpers.js';

interface Case {
  title: string;
  request?: Partial<AccessRequest>;
  policies: PolicySet;
  decision: Decision;
  denyReason?: DenyReason;
  allowedBy?: string[];
  deniedBy?: string[];
}

const id = (...s: PolicyStatementInput[]) => identityPolicy('p', ...s);

const cases: Case[] = [
  { title: 'implicit deny: no policy allows', policies: { identity: [] }, decision: 'denied', denyReason: 'no-allow' },
  { title: 'action: exact match allows', policies: { identity: [id(allow('s3:GetObject'))] }, decision: 'allowed', allowedBy: ['p#0'] },
  { title: 'action: `*` wildcard within the action name', policies: { identity: [id(allow('s3:Get*'))] }, decision: 'allowed' },
  { title: 'action: wildcard does not match other actions', request: { action: 's3:PutObject' }, policies: { identity: [id(allow('s3:Get*'))] }, decision: 'denied', denyReason: 'no-allow' },
  { title: 'action: `?` matches exactly one character', policies: { identity: [id(allow('s3:GetObjec?'))] }, decision: 'allowed' },
  { title: 'action: `?` does not match two characters', policies: { identity: [id(allow('s3:GetObj?'))] }, decision: 'denied', denyReason: 'no-allow' },
  { title: 'action: `*` alone matches every action', request: { action: 'iam:PassRole' }, policies: { identity: [id(allow('*'))] }, decision: 'allowed' },
  { title: 'action: names are case-insensitive in the policy', policies: { identity: [id(allow('S3:getobject'))] }, decision: 'allowed' },
  { title: 'action: names are case-insensitive in the request', request: { action: 'S3:GETOBJECT' }, policies: { identity: [id(allow('s3:GetObject'))] }, decision: 'allowed' },
  { title: 'action: service prefix must match', request: { action: 'sagemaker:GetObject' }, policies: { identity: [id(allow('s3:GetObject'))] }, decision: 'denied', denyReason: 'no-allow' },
  { title: 'resource: wildcard spans path separators', policies: { identity: [id(allow('s3:GetObject', 'arn:aws:s3:::data/*'))] }, decision: 'allowed' },
  { title: 'resource: ARNs are case-sensitive', policies: { identity: [id(allow('s3:GetObject', 'arn:aws:s3:::DATA/*'))] }, decision: 'denied', denyReason: 'no-allow' },
  { title: 'resource: `?` in a resource matches one character', request: { resource: 'arn:aws:s3:::data1/x' }, policies: { identity: [id(allow('s3:GetObject', 'arn:aws:s3:::data?/x'))] }, decision: 'allowed' },
  { title: 'resource: a resource-less action needs Resource "*"', request: { action: 's3:ListAllMyBuckets', resource: '*' }, policies: { identity: [id(allow('s3:ListAllMyBuckets', 'arn:aws:s3:::data'))] }, decision: 'denied', denyReason: 'no-allow' },
  { title: 'resource: any listed resource matches (list is OR)', policies: { identity: [id(allow('s3:GetObject', ['arn:aws:s3:::other/*', 'arn:aws:s3:::data/*']))] }, decision: 'allowed' },
  { title: 'NotAction Allow: allows every action not listed', policies: { identity: [id({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })] }, decision: 'allowed' },
  { title: 'NotAction Allow: does not allow a listed action', request: { action: 'iam:CreateUser' }, policies: { identity: [id({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })] }, decision: 'denied', denyReason: 'no-allow' },
  { title: 'NotResource Allow: allows resources not listed', policies: { identity: [id({ Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::secret/*' })] }, decision: 'allowed' },
  { title: 'NotResource Allow: does not allow a listed resource', request: { resource: 'arn:aws:s3:::secret/k' }, policies: { identity: [id({ Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::secret/*' })] }, decision: 'denied', denyReason: 'no-allow' },
  { title: 'explicit deny overrides an allow in the same policy', policies: { identity: [id(allow('s3:*'), deny('s3:GetObject'))] }, decision: 'denied', denyReason: 'explicit-deny', deniedBy: ['p#1'] },
  { title: 'explicit deny in another policy overrides an allow', policies: { identity: [identityPolicy('a', allow('*')), identityPolicy('b', deny('s3:*', OBJECT))] }, decision: 'denied', denyReason: 'explicit-deny', deniedBy: ['b#0'] },
  { title: 'Deny with NotAction denies actions not listed', policies: { identity: [id(allow('*'), { Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*' })] }, decision: 'denied', denyReason: 'explicit-deny', deniedBy: ['p#1'] },
  { title: 'Deny with NotAction spares listed actions', request: { action: 'iam:GetRole', resource: '*' }, policies: { identity: [id(allow('*'), { Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*' })] }, decision: 'allowed' },
  { title: 'Deny on another resource does not apply', policies: { identity: [id(allow('s3:*'), deny('s3:*', 'arn:aws:s3:::other/*'))] }, decision: 'allowed', allowedBy: ['p#0'] },
  { title: 'boundary: identity grant inside the boundary is allowed', policies: { identity: [id(allow('s3:*'))], boundary: boundaryPolicy(allow('s3:GetObject')) }, decision: 'allowed', allowedBy: ['p#0'] },
  { title: 'boundary: identity grant outside the boundary is denied', request: { action: 's3:PutObject' }, policies: { identity: [id(allow('s3:*'))], boundary: boundaryPolicy(allow('s3:GetObject')) }, decision: 'denied', denyReason: 'boundary' },
  { title: 'boundary: a boundary alone grants nothing', policies: { identity: [], boundary: boundaryPolicy(allow('*')) }, decision: 'denied', denyReason: 'no-allow' },
  { title: 'boundary: explicit deny in the boundary wins', policies: { identity: [id(allow('*'))], boundary: boundaryPolicy(allow('*'), deny('s3:GetObject')) }, decision: 'denied', denyReason: 'explicit-deny', deniedBy: ['boundary#1'] },
];

describe('evaluate: identity-based policies', () => {
  it.each(cases)('$title', (c) => {
    const result = summary(evaluate(request(c.request), c.policies));
    expect(result.decision).toBe(c.decision);
    expect(result.denyReason).toBe(c.denyReason);
    if (c.allowedBy) expect(result.allowedBy).toEqual(c.allowedBy);
    if (c.deniedBy) expect(result.deniedBy).toEqual(c.deniedBy);
    if (c.decision !== 'conditional') expect(result.residualKeys).toEqual([]);
  });
});
