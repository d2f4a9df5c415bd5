/**
 * The conformance corpus: table-driven cases, each a policy set and a request with the expected
 * decision, deny reason, deciding statements and residual, and the documented rule it encodes
 * (AWS guide and section name). One runner (conformance.test.ts) checks them all.
 */
import { expect } from 'vitest';
import { evaluate, renderResidual, type AccessRequest, type Decision, type DenyReason, type PolicySet } from '../../../src/iam/index.js';
import { refId, request } from '../helpers.js';

/** The documented rules the corpus cites: guide, then section as AWS titles it. */
export const RULES = {
  evaluation: 'IAM User Guide: Policy evaluation logic',
  singleAccount: 'IAM User Guide: Policy evaluation for requests within a single account',
  denyAllow: 'IAM User Guide: How AWS enforcement code logic evaluates requests to allow or deny access',
  crossAccount: 'IAM User Guide: Cross-account policy evaluation logic',
  identityVsResource: 'IAM User Guide: Identity-based policies and resource-based policies',
  boundaries: 'IAM User Guide: Permissions boundaries for IAM entities',
  session: 'IAM User Guide: Policies and permissions in AWS Identity and Access Management (Session policies)',
  action: 'IAM User Guide: IAM JSON policy elements: Action',
  notAction: 'IAM User Guide: IAM JSON policy elements: NotAction',
  resource: 'IAM User Guide: IAM JSON policy elements: Resource',
  notResource: 'IAM User Guide: IAM JSON policy elements: NotResource',
  principal: 'IAM User Guide: AWS JSON policy elements: Principal',
  notPrincipal: 'IAM User Guide: AWS JSON policy elements: NotPrincipal',
  condition: 'IAM User Guide: IAM JSON policy elements: Condition',
  operators: 'IAM User Guide: IAM JSON policy elements: Condition operators',
  ifExists: 'IAM User Guide: IAM JSON policy elements: Condition operators (...IfExists condition operators)',
  nullCheck: 'IAM User Guide: IAM JSON policy elements: Condition operators (Condition operator to check existence of condition keys)',
  setOperators: 'IAM User Guide: Set operators for multivalued context keys',
  variables: 'IAM User Guide: IAM policy elements: Variables and tags',
  globalKeys: 'IAM User Guide: AWS global condition context keys',
  timeKeys: 'IAM User Guide: AWS global condition context keys (aws:CurrentTime, aws:EpochTime, aws:TokenIssueTime)',
  networkKeys: 'IAM User Guide: AWS global condition context keys (aws:SourceIp, aws:SourceVpc, aws:SourceVpce, aws:VpcSourceIp)',
  dateExample: 'IAM User Guide: AWS: Allows access based on date and time',
  revokeSessions: "IAM User Guide: Revoke IAM role temporary security credentials (aws:TokenIssueTime)",
  variablesVersion: 'IAM User Guide: IAM policy elements: Variables and tags (Using variables in policies: the Version element)',
  variablesNoValue: 'IAM User Guide: IAM policy elements: Variables and tags (Policy variables with no value)',
  requestedRegion: 'IAM User Guide: AWS: Denies access to AWS based on the requested Region',
  iamKeys: 'IAM User Guide: IAM and AWS STS condition context keys',
  limitManaged: 'IAM User Guide: IAM: Limits managed policies that can be attached to an IAM user, group, or role',
  passRole: 'IAM User Guide: Grant a user permissions to pass a role to an AWS service',
  boundaryDelegation: 'IAM User Guide: Permissions boundaries for IAM entities (Delegating responsibility to others using permissions boundaries)',
  s3Prefix: 'Amazon S3 User Guide: Bucket policy examples (Limiting access to specific folders, s3:prefix)',
  roles: 'IAM User Guide: Methods to assume a role (role trust policies)',
  oidc: 'IAM User Guide: Create a role for OpenID Connect federation',
  saml: 'IAM User Guide: Create a role for SAML 2.0 federation',
  scps: 'AWS Organizations User Guide: Service control policies (SCPs)',
  scpEvaluation: 'AWS Organizations User Guide: SCP evaluation',
  rcps: 'AWS Organizations User Guide: Resource control policies (RCPs)',
  rcpEvaluation: 'AWS Organizations User Guide: RCP evaluation',
  kms: 'AWS KMS Developer Guide: Key policies in AWS KMS',
  kmsDefault: 'AWS KMS Developer Guide: Default key policy (allows access to the AWS account and enables IAM policies)',
  s3Bpa: 'Amazon S3 User Guide: Blocking public access to your Amazon S3 storage (The meaning of "public")',
  jobFunctions: 'IAM User Guide: AWS managed policies for job functions',
  sageMakerManaged: 'SageMaker AI Developer Guide: AWS managed policies for Amazon SageMaker AI',
  catalog: 'Service Authorization Reference: Actions, resources, and condition keys for AWS services',
} as const;

/** One of the cited rules. */
export type Rule = (typeof RULES)[keyof typeof RULES];

/** One conformance case. Lists of refs are `policyId#index`; `residual` is the rendered conjuncts. */
export interface Case {
  rule: Rule;
  title: string;
  request?: Partial<AccessRequest>;
  policies: PolicySet;
  decision: Decision;
  denyReason?: DenyReason;
  allowedBy?: string[];
  deniedBy?: string[];
  residual?: string[];
  /** The caller's picks behind an allowed decision (AccessRequest.choices). */
  chosen?: Record<string, string | null>;
}

/** Evaluates a case and asserts everything it states. */
export function check(c: Case): void {
  const result = evaluate(request(c.request), c.policies);
  expect(result.decision).toBe(c.decision);
  expect(result.denyReason).toBe(c.denyReason);
  if (c.allowedBy) expect(result.allowedBy.map(refId)).toEqual(c.allowedBy);
  if (c.deniedBy) expect(result.deniedBy.map(refId)).toEqual(c.deniedBy);
  if (c.residual) expect(renderResidual(result.condition)).toEqual(c.residual);
  if (c.chosen) expect(result.chosen).toEqual(c.chosen);
  // The residual is present exactly when the decision is conditional.
  expect(result.residual.length > 0).toBe(c.decision === 'conditional');
  expect(result.condition !== undefined).toBe(c.decision === 'conditional');
}
