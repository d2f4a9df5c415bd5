import { describe, expect, it } from 'vitest';
import { evaluate, type AccessRequest, type Decision, type DenyReason, type PolicySet } from '../../src/iam/index.js';
import {
  ACCT,
  alice,
  allow,
  anonymous,
  appRole,
  bob,
  boundaryPolicy,
  deny,
  githubOidc,
  identityPolicy,
  lambdaService,
  OBJECT,
  OTHER,
  otherRoot,
  outsider,
  policy,
  request,
  resourcePolicy,
  summary,
  trustPolicy,
} from './helpers.js';

interface Case {
  title: string;
  request?: Partial<AccessRequest>;
  policies: PolicySet;
  decision: Decision;
  denyReason?: DenyReason;
  allowedBy?: string[];
  residualKeys?: string[];
}

const RP = `${OBJECT}#resource-policy`;
const TP = `${appRole.arn}#trust-policy`;
const get = (principal: string | object, extra = {}) => allow('s3:GetObject', OBJECT, { Principal: typeof principal === 'string' ? { AWS: principal } : principal, ...extra });
const userGets = identityPolicy('alice-policy', allow('s3:GetObject', OBJECT));
const roleGets = identityPolicy('role-policy', allow('s3:GetObject', OBJECT));
const outsiderGets = identityPolicy('outsider-policy', allow('s3:GetObject', OBJECT));
const onlyListBoundary = boundaryPolicy(allow('s3:ListBucket'));
const assume = (principal: object, extra = {}) => ({ Effect: 'Allow' as const, Action: 'sts:AssumeRole', Principal: principal, ...extra });
const assumeRequest = (principal = alice, overrides: Partial<AccessRequest> = {}): Partial<AccessRequest> => ({
  principal,
  action: 'sts:AssumeRole',
  resource: appRole.arn,
  resourceAccount: ACCT,
  ...overrides,
});
const callerMayAssume = identityPolicy('caller-policy', allow('sts:AssumeRole', appRole.arn));

const cases: Case[] = [
  // Same account, optional resource policy (S3, Secrets Manager, Lambda).
  { title: 'same account: a resource policy naming the user ARN allows without identity policy', policies: { identity: [], resource: resourcePolicy(get(alice.arn)) }, decision: 'allowed', allowedBy: [`${RP}#0`] },
  { title: 'same account: a grant to a user ARN is not limited by the user boundary', policies: { identity: [], boundary: onlyListBoundary, resource: resourcePolicy(get(alice.arn)) }, decision: 'allowed' },
  { title: 'same account: a grant to a role ARN is limited by the role boundary', request: { principal: appRole }, policies: { identity: [], boundary: onlyListBoundary, resource: resourcePolicy(get(appRole.arn)) }, decision: 'denied', denyReason: 'boundary' },
  { title: 'same account: a grant to a role ARN allows a role without boundary', request: { principal: appRole }, policies: { identity: [], resource: resourcePolicy(get(appRole.arn)) }, decision: 'allowed', allowedBy: [`${RP}#0`] },
  { title: 'same account: a grant to the role session ARN is not limited by the boundary', request: { principal: appRole }, policies: { identity: [], boundary: onlyListBoundary, resource: resourcePolicy(get(`arn:aws:sts::${ACCT}:assumed-role/AppRole/*`)) }, decision: 'allowed' },
  { title: 'same account: naming the account root delegates to IAM and does not allow by itself', policies: { identity: [], resource: resourcePolicy(get(`arn:aws:iam::${ACCT}:root`)) }, decision: 'denied', denyReason: 'no-allow' },
  { title: 'same account: naming the account id delegates to IAM and does not allow by itself', policies: { identity: [], resource: resourcePolicy(get(ACCT)) }, decision: 'denied', denyReason: 'no-allow' },
  { title: 'same account: account delegation plus an identity allow is allowed', policies: { identity: [userGets], resource: resourcePolicy(get(ACCT)) }, decision: 'allowed', allowedBy: ['alice-policy#0'] },
  { title: 'same account: identity allow alone suffices when the resource policy is silent', policies: { identity: [userGets], resource: resourcePolicy(get(bob.arn)) }, decision: 'allowed', allowedBy: ['alice-policy#0'] },
  { title: 'same account: Principal "*" grants to every caller directly', policies: { identity: [], resource: resourcePolicy(get('*')) }, decision: 'allowed' },
  { title: 'same account: a grant naming another user does not apply', policies: { identity: [], resource: resourcePolicy(get(bob.arn)) }, decision: 'denied', denyReason: 'no-allow' },
  { title: 'same account: a wildcard ARN pattern in Principal.AWS matches', request: { principal: appRole }, policies: { identity: [], resource: resourcePolicy(get(`arn:aws:iam::${ACCT}:role/app/*`)) }, decision: 'allowed' },
  { title: 'resource policy Deny naming the caller wins over an identity allow', policies: { identity: [userGets], resource: resourcePolicy({ ...deny('s3:*', OBJECT), Principal: { AWS: alice.arn } }) }, decision: 'denied', denyReason: 'explicit-deny' },
  { title: 'resource policy Deny naming the account applies to its principals', policies: { identity: [userGets], resource: resourcePolicy({ ...deny('s3:*', OBJECT), Principal: { AWS: ACCT } }) }, decision: 'denied', denyReason: 'explicit-deny' },
  { title: 'resource policy Deny naming someone else does not apply', policies: { identity: [userGets], resource: resourcePolicy({ ...deny('s3:*', OBJECT), Principal: { AWS: bob.arn } }) }, decision: 'allowed' },
  { title: 'NotPrincipal Deny spares a user listed with its account', policies: { identity: [userGets], resource: resourcePolicy({ ...deny('s3:*', OBJECT), NotPrincipal: { AWS: [alice.arn, `arn:aws:iam::${ACCT}:root`] } }) }, decision: 'allowed' },
  { title: 'NotPrincipal Deny denies a user listed without its account', policies: { identity: [userGets], resource: resourcePolicy({ ...deny('s3:*', OBJECT), NotPrincipal: { AWS: alice.arn } }) }, decision: 'denied', denyReason: 'explicit-deny' },
  { title: 'NotPrincipal Deny denies principals not listed', request: { principal: bob }, policies: { identity: [userGets], resource: resourcePolicy({ ...deny('s3:*', OBJECT), NotPrincipal: { AWS: [alice.arn, ACCT] } }) }, decision: 'denied', denyReason: 'explicit-deny' },
  { title: 'NotPrincipal Deny always applies to a caller with a permissions boundary', policies: { identity: [userGets], boundary: boundaryPolicy(allow('*')), resource: resourcePolicy({ ...deny('s3:*', OBJECT), NotPrincipal: { AWS: [alice.arn, ACCT] } }) }, decision: 'denied', denyReason: 'explicit-deny' },
  // Cross account: both sides must allow.
  { title: 'cross account: resource grant alone is not enough', request: { principal: outsider }, policies: { identity: [], resource: resourcePolicy(get(outsider.arn)) }, decision: 'denied', denyReason: 'no-allow' },
  { title: 'cross account: identity allow alone is not enough', request: { principal: outsider }, policies: { identity: [outsiderGets] }, decision: 'denied', denyReason: 'resource-policy' },
  { title: 'cross account: identity and resource policy naming the role allow', request: { principal: outsider }, policies: { identity: [outsiderGets], resource: resourcePolicy(get(outsider.arn)) }, decision: 'allowed', allowedBy: [`${RP}#0`, 'outsider-policy#0'] },
  { title: 'cross account: resource policy naming the other account root plus identity allow', request: { principal: outsider }, policies: { identity: [outsiderGets], resource: resourcePolicy(get(`arn:aws:iam::${OTHER}:root`)) }, decision: 'allowed' },
  { title: 'cross account: the caller boundary still limits', request: { principal: outsider }, policies: { identity: [outsiderGets], boundary: onlyListBoundary, resource: resourcePolicy(get(outsider.arn)) }, decision: 'denied', denyReason: 'boundary' },
  { title: 'cross account: another account root may act where the resource policy names it', request: { principal: otherRoot }, policies: { identity: [], resource: resourcePolicy(get(OTHER)) }, decision: 'allowed' },
  { title: 'unknown resource account is treated as the caller account', request: { resourceAccount: undefined }, policies: { identity: [userGets] }, decision: 'allowed' },
  // Callers without identity policies.
  { title: 'anonymous: Principal "*" allows', request: { principal: anonymous }, policies: { identity: [], resource: resourcePolicy(get({ AWS: '*' })) }, decision: 'allowed' },
  { title: 'anonymous: naming an account does not allow', request: { principal: anonymous }, policies: { identity: [], resource: resourcePolicy(get(ACCT)) }, decision: 'denied', denyReason: 'no-allow' },
  { title: 'anonymous: identity policies are never consulted', request: { principal: anonymous }, policies: { identity: [identityPolicy('x', allow('*'))] }, decision: 'denied', denyReason: 'no-allow' },
  { title: 'service principal: Principal.Service naming it allows', request: { principal: lambdaService }, policies: { identity: [], resource: resourcePolicy(get({ Service: 'lambda.amazonaws.com' })) }, decision: 'allowed' },
  { title: 'service principal: another service is not matched', request: { principal: lambdaService }, policies: { identity: [], resource: resourcePolicy(get({ Service: 'sagemaker.amazonaws.com' })) }, decision: 'denied', denyReason: 'no-allow' },
  // Required resource policy: role trust policies and KMS key policies.
  { title: 'trust: naming the caller role ARN allows without identity policy (same account)', request: assumeRequest(appRole, { resource: `arn:aws:iam::${ACCT}:role/Target` }), policies: { identity: [], resource: trustPolicy(assume({ AWS: appRole.arn })), resourcePolicyMode: 'required' }, decision: 'allowed', allowedBy: [`${TP}#0`] },
  { title: 'trust: naming the account root needs an identity allow', request: assumeRequest(), policies: { identity: [], resource: trustPolicy(assume({ AWS: `arn:aws:iam::${ACCT}:root` })), resourcePolicyMode: 'required' }, decision: 'denied', denyReason: 'no-allow' },
  { title: 'trust: naming the account root plus identity allow is allowed', request: assumeRequest(), policies: { identity: [callerMayAssume], resource: trustPolicy(assume({ AWS: `arn:aws:iam::${ACCT}:root` })), resourcePolicyMode: 'required' }, decision: 'allowed', allowedBy: [`${TP}#0`, 'caller-policy#0'] },
  { title: 'trust: an identity allow without trust is denied by the trust policy', request: assumeRequest(), policies: { identity: [callerMayAssume], resource: trustPolicy(assume({ AWS: bob.arn })), resourcePolicyMode: 'required' }, decision: 'denied', denyReason: 'trust-policy' },
  { title: 'trust: no trust policy at all is denied by the trust policy', request: assumeRequest(), policies: { identity: [callerMayAssume], resourcePolicyMode: 'required' }, decision: 'denied', denyReason: 'trust-policy' },
  { title: 'trust: a service named in the trust policy may assume', request: assumeRequest(lambdaService), policies: { identity: [], resource: trustPolicy(assume({ Service: 'lambda.amazonaws.com' })), resourcePolicyMode: 'required' }, decision: 'allowed' },
  { title: 'trust: a service trust does not let IAM users in', request: assumeRequest(), policies: { identity: [callerMayAssume], resource: trustPolicy(assume({ Service: 'lambda.amazonaws.com' })), resourcePolicyMode: 'required' }, decision: 'denied', denyReason: 'trust-policy' },
  { title: 'trust: a federated provider with an open sub condition is conditional', request: assumeRequest(githubOidc, { action: 'sts:AssumeRoleWithWebIdentity' }), policies: { identity: [], resource: trustPolicy({ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity', Principal: { Federated: githubOidc.arn }, Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:org/*' } } }), resourcePolicyMode: 'required' }, decision: 'conditional', allowedBy: [`${TP}#0`], residualKeys: ['token.actions.githubusercontent.com:sub'] },
  { title: 'trust: a federated provider with a known matching sub is allowed', request: assumeRequest(githubOidc, { action: 'sts:AssumeRoleWithWebIdentity', context: { 'token.actions.githubusercontent.com:sub': ['repo:org/app:ref:refs/heads/main'] } }), policies: { identity: [], resource: trustPolicy({ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity', Principal: { Federated: githubOidc.arn }, Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:org/*' } } }), resourcePolicyMode: 'required' }, decision: 'allowed' },
  { title: 'trust: cross-account role ARN trust still needs the caller identity allow', request: assumeRequest(outsider), policies: { identity: [], resource: trustPolicy(assume({ AWS: outsider.arn })), resourcePolicyMode: 'required' }, decision: 'denied', denyReason: 'no-allow' },
  { title: 'trust: cross-account role ARN trust plus identity allow is allowed', request: assumeRequest(outsider), policies: { identity: [callerMayAssume], resource: trustPolicy(assume({ AWS: outsider.arn })), resourcePolicyMode: 'required' }, decision: 'allowed' },
  { title: 'trust: a role ARN trust is limited by the caller role boundary', request: assumeRequest(appRole, { resource: `arn:aws:iam::${ACCT}:role/Target` }), policies: { identity: [], boundary: onlyListBoundary, resource: trustPolicy(assume({ AWS: appRole.arn })), resourcePolicyMode: 'required' }, decision: 'denied', denyReason: 'boundary' },
  { title: 'KMS key policy: missing key policy is denied by the resource policy', request: { action: 'kms:Decrypt', resource: `arn:aws:kms:us-east-1:${ACCT}:key/k` }, policies: { identity: [identityPolicy('p', allow('kms:Decrypt'))], resourcePolicyMode: 'required' }, decision: 'denied', denyReason: 'resource-policy' },
  { title: 'KMS key policy: root delegation plus identity allow is allowed', request: { action: 'kms:Decrypt', resource: `arn:aws:kms:us-east-1:${ACCT}:key/k` }, policies: { identity: [identityPolicy('p', allow('kms:Decrypt'))], resource: policy('resource', 'key', { Effect: 'Allow', Action: 'kms:*', Resource: '*', Principal: { AWS: `arn:aws:iam::${ACCT}:root` } }), resourcePolicyMode: 'required' }, decision: 'allowed', allowedBy: ['key#0', 'p#0'] },
];

describe('evaluate: resource-based and trust policies', () => {
  it.each(cases)('$title', (c) => {
    const result = summary(evaluate(request(c.request), c.policies));
    expect(result.decision).toBe(c.decision);
    expect(result.denyReason).toBe(c.denyReason);
    if (c.allowedBy) expect(result.allowedBy).toEqual(c.allowedBy);
    expect(result.residualKeys).toEqual(c.residualKeys ?? []);
  });

  it('a user with identity and resource grants cites both, sorted by policy id then index', () => {
    const result = evaluate(request(), { identity: [userGets], resource: resourcePolicy(get(alice.arn)) });
    expect(summary(result).allowedBy).toEqual(['alice-policy#0', `${RP}#0`]);
  });
});
