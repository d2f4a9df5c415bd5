/**
 * First half of evaluation: run every statement that can match the action (found through the
 * action index) and sort the ones that apply into Deny hits and Allow hits per policy role.
 * Resource-policy Allow hits are kept apart by how the policy named the caller.
 */
import { indexOfPolicies, indexOfPolicy } from './action-index.js';
import { BY_ACCOUNT, BY_ARN, DIRECTLY, NOT_NAMED, principalMatch } from './principal.js';
import { statementApplies } from './statement.js';
import { NO, YES, type Tri } from './tri.js';
import type { AccessRequest, CompiledStatement, PolicySet } from './types.js';

/** Statements of one kind that apply definitely (`yes`) or only under open conditions (`maybe`). */
export interface Hits {
  tri: Tri;
  /** Allocated on the first hit: most parts of most requests have none. */
  yes: CompiledStatement[] | undefined;
  maybe: CompiledStatement[] | undefined;
}

/** Everything that applied to one request. */
export interface Scan {
  denies: Hits;
  identity: Hits;
  /** Undefined when the caller has no permissions boundary (or no identity policies at all). */
  boundary: Hits | undefined;
  /** Resource-policy grants that name the caller itself (`*`, a session, a service, a provider). */
  direct: Hits;
  /** Resource-policy grants that name the caller's user or role ARN. */
  byArn: Hits;
  /** Resource-policy grants that name only the caller's account. */
  byAccount: Hits;
}

/** Principals that have identity policies and boundaries: IAM users and roles. */
export function hasIdentityPolicies(request: AccessRequest): boolean {
  return request.principal.type === 'user' || request.principal.type === 'role';
}

function hits(): Hits {
  return { tri: NO, yes: undefined, maybe: undefined };
}

function add(target: Hits, statement: CompiledStatement, tri: Tri): void {
  if (tri === YES) (target.yes ??= []).push(statement);
  else (target.maybe ??= []).push(statement);
  if (tri > target.tri) target.tri = tri;
}

/** Runs the candidate statements of every policy in the set against the request. */
export function scan(request: AccessRequest, policies: PolicySet, action: string, service: string): Scan {
  const result: Scan = { denies: hits(), identity: hits(), boundary: undefined, direct: hits(), byArn: hits(), byAccount: hits() };
  const withIdentity = hasIdentityPolicies(request);
  if (withIdentity) {
    for (const statement of indexOfPolicies(policies.identity).candidates(service)) {
      const tri = statementApplies(statement, request, action, service);
      if (tri !== NO) add(statement.effect === 'Deny' ? result.denies : result.identity, statement, tri);
    }
    if (policies.boundary) {
      result.boundary = hits();
      for (const statement of indexOfPolicy(policies.boundary).candidates(service)) {
        const tri = statementApplies(statement, request, action, service);
        if (tri !== NO) add(statement.effect === 'Deny' ? result.denies : result.boundary, statement, tri);
      }
    }
  }
  if (!policies.resource) return result;
  for (const statement of indexOfPolicy(policies.resource).candidates(service)) {
    const tri = statementApplies(statement, request, action, service);
    if (tri === NO) continue;
    let named = principalMatch(statement, request.principal);
    // AWS: a Deny with NotPrincipal always applies to a caller that has a permissions boundary.
    if (statement.effect === 'Deny' && statement.principal?.not && result.boundary) named = DIRECTLY;
    if (named === NOT_NAMED) continue;
    if (statement.effect === 'Deny') add(result.denies, statement, tri);
    else add(named === BY_ACCOUNT ? result.byAccount : named === BY_ARN ? result.byArn : result.direct, statement, tri);
  }
  return result;
}
