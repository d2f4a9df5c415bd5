/** Builders shared by the evaluator tests: principals, policies and requests in a few words. */
import { compilePolicy } from '../../src/iam/index.js';
import type {
  AccessRequest,
  CompiledPolicy,
  EvaluationResult,
  PolicySource,
  PolicyStatementInput,
  RequestPrincipal,
  StatementRef,
} from '../../src/iam/index.js';

export const ACCT = '111111111111';
export const OTHER = '222222222222';

export const alice: RequestPrincipal = { arn: `arn:aws:iam::${ACCT}:user/alice`, type: 'user', accountId: ACCT };
export const bob: RequestPrincipal = { arn: `arn:aws:iam::${ACCT}:user/bob`, type: 'user', accountId: ACCT };
export const appRole: RequestPrincipal = { arn: `arn:aws:iam::${ACCT}:role/app/AppRole`, type: 'role', accountId: ACCT };
export const outsider: RequestPrincipal = { arn: `arn:aws:iam::${OTHER}:role/Outsider`, type: 'role', accountId: OTHER };
export const otherRoot: RequestPrincipal = { arn: `arn:aws:iam::${OTHER}:root`, type: 'account', accountId: OTHER };
export const lambdaService: RequestPrincipal = { arn: 'lambda.amazonaws.com', type: 'service' };
export const anonymous: RequestPrincipal = { arn: '*', type: 'anonymous' };
export const githubOidc: RequestPrincipal = {
  arn: `arn:aws:iam::${ACCT}:oidc-provider/token.actions.githubusercontent.com`,
  type: 'federated',
  accountId: ACCT,
};

export const BUCKET = 'arn:aws:s3:::data';
export const OBJECT = 'arn:aws:s3:::data/train/part-0.parquet';

/** A policy of the given kind and id from statements. */
export function policy(kind: PolicySource['kind'], id: string, ...statements: PolicyStatementInput[]): CompiledPolicy {
  return compilePolicy({ Version: '2012-10-17', Statement: statements }, { kind, id });
}

export const identityPolicy = (id: string, ...s: PolicyStatementInput[]) => policy('identity', id, ...s);
export const boundaryPolicy = (...s: PolicyStatementInput[]) => policy('boundary', 'boundary', ...s);
export const resourcePolicy = (...s: PolicyStatementInput[]) => policy('resource', `${OBJECT}#resource-policy`, ...s);
export const trustPolicy = (...s: PolicyStatementInput[]) => policy('trust', `${appRole.arn}#trust-policy`, ...s);

/** An Allow statement. */
export function allow(action: string | string[], resource: string | string[] = '*', extra: Partial<PolicyStatementInput> = {}): PolicyStatementInput {
  return { Effect: 'Allow', Action: action, Resource: resource, ...extra };
}

/** A Deny statement. */
export function deny(action: string | string[], resource: string | string[] = '*', extra: Partial<PolicyStatementInput> = {}): PolicyStatementInput {
  return { Effect: 'Deny', Action: action, Resource: resource, ...extra };
}

/** A request by alice for s3:GetObject on OBJECT in ACCT, with overrides. */
export function request(overrides: Partial<AccessRequest> = {}): AccessRequest {
  return { principal: alice, action: 's3:GetObject', resource: OBJECT, resourceAccount: ACCT, ...overrides };
}

/** `policyId#index` of a statement ref: what the tests compare. */
export function refId(ref: StatementRef): string {
  return `${ref.policy.id}#${ref.index}`;
}

/** The parts of a result the tables assert on: ids and reasons, no prose. */
export function summary(result: EvaluationResult) {
  return {
    decision: result.decision,
    denyReason: result.denyReason,
    allowedBy: result.allowedBy.map(refId),
    deniedBy: result.deniedBy.map(refId),
    residualKeys: [...new Set(result.residual.flatMap((r) => r.keys))].sort(),
  };
}
