/** KMS key policies (the key policy must allow) and S3 Block Public Access (RestrictPublicBuckets). */
import type { PolicySet, PolicyStatementInput } from '../../../src/iam/index.js';
import { ACCT, alice, allow, anonymous, appRole, boundaryPolicy, deny, identityPolicy, lambdaService, OTHER, outsider, policy } from '../helpers.js';
import { RULES, type Case } from './harness.js';

const KEY = `arn:aws:kms:us-east-1:${ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const KEY_ID = `${KEY}#resource-policy`;
const key = (...s: PolicyStatementInput[]) => policy('resource', KEY_ID, ...s);
const kms = (policies: Omit<PolicySet, 'resourcePolicyMode'>): PolicySet => ({ ...policies, resourcePolicyMode: 'required' });
const decrypt = { action: 'kms:Decrypt', resource: KEY };
const p = (...s: PolicyStatementInput[]) => identityPolicy('p', ...s);
const ROOT_DELEGATION: PolicyStatementInput = { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: 'kms:*', Resource: '*' };
const named = (arn: string, action: string | string[] = ['kms:Decrypt', 'kms:GenerateDataKey*']): PolicyStatementInput => ({ Effect: 'Allow', Principal: { AWS: arn }, Action: action, Resource: '*' });
// The AWS managed key shape: any principal of the account, only through the service.
const VIA_SERVICE: PolicyStatementInput = {
  Sid: 'Allow access through AWS Secrets Manager for all principals in the account that are authorized to use AWS Secrets Manager',
  Effect: 'Allow',
  Principal: { AWS: '*' },
  Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant', 'kms:DescribeKey'],
  Resource: '*',
  Condition: { StringEquals: { 'kms:CallerAccount': ACCT, 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } },
};

const BUCKET_POLICY = 'arn:aws:s3:::data#resource-policy';
const bucket = (...s: PolicyStatementInput[]) => policy('resource', BUCKET_POLICY, ...s);
const publicRead: PolicyStatementInput = { Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' };
const toOutsider: PolicyStatementInput = { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: outsider.arn }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' };
const orgOnly: PolicyStatementInput = { ...publicRead, Sid: 'OrgRead', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdef1234' } } };
const restricted = (policies: Omit<PolicySet, 'restrictPublicBuckets'>): PolicySet => ({ ...policies, restrictPublicBuckets: true });

export const kmsS3Cases: Case[] = [
  { rule: RULES.kmsDefault, title: 'KMS: the default key policy delegates to IAM, which allows', request: decrypt, policies: kms({ identity: [p(allow('kms:Decrypt'))], resource: key(ROOT_DELEGATION) }), decision: 'allowed', allowedBy: [`${KEY_ID}#0`, 'p#0'] },
  { rule: RULES.kmsDefault, title: 'KMS: delegation without an IAM allow is not enough', request: decrypt, policies: kms({ identity: [], resource: key(ROOT_DELEGATION) }), decision: 'denied', denyReason: 'no-allow' },
  { rule: RULES.kms, title: 'KMS: IAM policies do not count when the key policy does not delegate', request: decrypt, policies: kms({ identity: [p(allow('kms:*'))], resource: key(named(appRole.arn)) }), decision: 'denied', denyReason: 'resource-policy' },
  { rule: RULES.kms, title: 'KMS: without a key policy nothing is allowed', request: decrypt, policies: kms({ identity: [p(allow('kms:*'))] }), decision: 'denied', denyReason: 'resource-policy' },
  { rule: RULES.kms, title: 'KMS: a key policy naming the user allows without IAM', request: decrypt, policies: kms({ identity: [], resource: key(named(alice.arn)) }), decision: 'allowed', allowedBy: [`${KEY_ID}#0`] },
  { rule: RULES.kms, title: 'KMS: a key policy naming the role allows without IAM', request: { ...decrypt, principal: appRole }, policies: kms({ identity: [], resource: key(named(appRole.arn)) }), decision: 'allowed' },
  { rule: RULES.kms, title: 'KMS: a key policy grant to the role stays under its boundary', request: { ...decrypt, principal: appRole }, policies: kms({ identity: [], boundary: boundaryPolicy(allow('s3:*')), resource: key(named(appRole.arn)) }), decision: 'denied', denyReason: 'boundary' },
  { rule: RULES.kms, title: 'KMS: a key policy grant for other actions does not allow Decrypt', request: decrypt, policies: kms({ identity: [], resource: key(named(alice.arn, 'kms:Encrypt')) }), decision: 'denied', denyReason: 'resource-policy' },
  { rule: RULES.kms, title: 'KMS: a deny in the key policy wins over delegation', request: decrypt, policies: kms({ identity: [p(allow('kms:*'))], resource: key(ROOT_DELEGATION, { Effect: 'Deny', Principal: { AWS: alice.arn }, Action: 'kms:Decrypt', Resource: '*' }) }), decision: 'denied', denyReason: 'explicit-deny', deniedBy: [`${KEY_ID}#1`] },
  { rule: RULES.kms, title: 'KMS: an IAM deny wins over a key policy grant', request: decrypt, policies: kms({ identity: [p(deny('kms:*'))], resource: key(named(alice.arn)) }), decision: 'denied', denyReason: 'explicit-deny' },
  { rule: RULES.kms, title: 'KMS cross account: the key policy names the account and its IAM allows', request: { ...decrypt, principal: outsider }, policies: kms({ identity: [p(allow('kms:Decrypt'))], resource: key(ROOT_DELEGATION, named(`arn:aws:iam::${OTHER}:root`)) }), decision: 'allowed' },
  { rule: RULES.kms, title: 'KMS cross account: the other account IAM must allow too', request: { ...decrypt, principal: outsider }, policies: kms({ identity: [], resource: key(named(`arn:aws:iam::${OTHER}:root`)) }), decision: 'denied', denyReason: 'no-allow' },
  { rule: RULES.kms, title: 'KMS cross account: a key policy naming the role still needs its IAM allow', request: { ...decrypt, principal: outsider }, policies: kms({ identity: [], resource: key(named(outsider.arn)) }), decision: 'denied', denyReason: 'no-allow' },
  { rule: RULES.kms, title: 'KMS cross account: a key policy without the caller account denies', request: { ...decrypt, principal: outsider }, policies: kms({ identity: [p(allow('kms:*'))], resource: key(ROOT_DELEGATION) }), decision: 'denied', denyReason: 'resource-policy' },
  { rule: RULES.kms, title: 'KMS via-service key: through the service and from the account', request: { ...decrypt, context: { 'kms:calleraccount': [ACCT], 'kms:viaservice': ['secretsmanager.us-east-1.amazonaws.com'] } }, policies: kms({ identity: [p(allow('kms:Decrypt'))], resource: key(VIA_SERVICE) }), decision: 'allowed' },
  { rule: RULES.kms, title: 'KMS via-service key: called directly it denies', request: { ...decrypt, context: { 'kms:calleraccount': [ACCT], 'kms:viaservice': null } }, policies: kms({ identity: [p(allow('kms:Decrypt'))], resource: key(VIA_SERVICE) }), decision: 'denied', denyReason: 'resource-policy' },
  { rule: RULES.kms, title: 'KMS via-service key: an unknown service path is the residual', request: { ...decrypt, context: { 'kms:calleraccount': [ACCT] } }, policies: kms({ identity: [p(allow('kms:Decrypt'))], resource: key(VIA_SERVICE) }), decision: 'conditional', residual: ['StringEquals kms:ViaService secretsmanager.us-east-1.amazonaws.com'] },
  { rule: RULES.kms, title: 'KMS via-service key: another account is pinned out', request: { ...decrypt, principal: outsider, context: { 'kms:calleraccount': [OTHER], 'kms:viaservice': ['secretsmanager.us-east-1.amazonaws.com'] } }, policies: kms({ identity: [p(allow('kms:*'))], resource: key(VIA_SERVICE) }), decision: 'denied', denyReason: 'resource-policy' },
  { rule: RULES.s3Bpa, title: 'BPA: RestrictPublicBuckets stops an anonymous read of a public bucket', request: { principal: anonymous }, policies: restricted({ identity: [], resource: bucket(publicRead) }), decision: 'denied', denyReason: 'block-public-access' },
  { rule: RULES.s3Bpa, title: 'BPA: without RestrictPublicBuckets the public read works', request: { principal: anonymous }, policies: { identity: [], resource: bucket(publicRead) }, decision: 'allowed' },
  { rule: RULES.s3Bpa, title: 'BPA: the owner account principals still use the public statement', policies: restricted({ identity: [], resource: bucket(publicRead) }), decision: 'allowed', allowedBy: [`${BUCKET_POLICY}#0`] },
  { rule: RULES.s3Bpa, title: 'BPA: a cross-account caller is stopped even with its IAM allow', request: { principal: outsider }, policies: restricted({ identity: [p(allow('s3:*'))], resource: bucket(publicRead) }), decision: 'denied', denyReason: 'block-public-access' },
  { rule: RULES.s3Bpa, title: 'BPA: in a public policy even a grant naming the outsider is set aside', request: { principal: outsider }, policies: restricted({ identity: [p(allow('s3:*'))], resource: bucket(publicRead, toOutsider) }), decision: 'denied', denyReason: 'block-public-access' },
  { rule: RULES.s3Bpa, title: 'BPA: a non-public policy is untouched, so the named outsider gets in', request: { principal: outsider }, policies: restricted({ identity: [p(allow('s3:*'))], resource: bucket(toOutsider) }), decision: 'allowed' },
  { rule: RULES.s3Bpa, title: 'BPA: a fixed aws:PrincipalOrgID makes `*` non-public', request: { principal: outsider, context: { 'aws:principalorgid': ['o-abcdef1234'] } }, policies: restricted({ identity: [p(allow('s3:*'))], resource: bucket(orgOnly) }), decision: 'allowed' },
  { rule: RULES.s3Bpa, title: 'BPA: AWS service principals keep their access', request: { principal: lambdaService }, policies: restricted({ identity: [], resource: bucket(publicRead) }), decision: 'allowed' },
  { rule: RULES.s3Bpa, title: 'BPA: a deny still applies to the owner account', policies: restricted({ identity: [p(allow('s3:*'))], resource: bucket(publicRead, { Effect: 'Deny', Principal: { AWS: alice.arn }, Action: 's3:*', Resource: '*' }) }), decision: 'denied', denyReason: 'explicit-deny' },
  { rule: RULES.s3Bpa, title: 'BPA: identity grants of the owner account are not affected', policies: restricted({ identity: [p(allow('s3:GetObject'))], resource: bucket(publicRead) }), decision: 'allowed' },
];
