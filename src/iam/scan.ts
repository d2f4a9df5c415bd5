/**
 * First half of evaluation: run every statement that can match the action (found through the
 * action index) and sort the ones that apply into Deny hits and Allow hits per policy role.
 * Resource-policy Allow hits are kept apart by how the policy named the caller; ceilings
 * (boundary, session policies, each SCP and RCP level) are kept apart per level.
 */
import { indexOfPolicies, indexOfPolicy, type ActionIndex } from './action-index.js';
import { accountOf, BY_ACCOUNT, BY_ARN, DIRECTLY, NOT_NAMED, principalMatch } from './principal.js';
import { isPublicPolicy } from './public-policy.js';
import { statementApplies } from './statement.js';
import { NO, YES, type Tri } from './tri.js';
import type { AccessRequest, CompiledPolicy, CompiledStatement, PolicySet } from './types.js';

/** Statements of one kind that apply definitely (`yes`) or only under open conditions (`maybe`). */
export interface Hits {
  tri: Tri;
  /** Allocated on the first hit: most parts of most requests have none. */
  yes: CompiledStatement[] | undefined;
  maybe: CompiledStatement[] | undefined;
  /** True for ceilings (boundary, session, SCP and RCP levels): they limit and never grant. */
  limit: boolean;
}

/** Everything that applied to one request. */
export interface Scan {
  denies: Hits;
  identity: Hits;
  /** Undefined when the caller has no permissions boundary (or no identity policies at all). */
  boundary: Hits | undefined;
  /** Undefined when the request carries no session policies. */
  session: Hits | undefined;
  /** One per SCP level; undefined when SCPs do not apply to this caller. */
  scps: Hits[] | undefined;
  /** One per RCP level; undefined when RCPs do not apply. */
  rcps: Hits[] | undefined;
  /** Resource-policy grants that name the caller itself (`*`, a session, a service, a provider). */
  direct: Hits;
  /** Resource-policy grants that name the caller's user or role ARN. */
  byArn: Hits;
  /** Resource-policy grants that name only the caller's account. */
  byAccount: Hits;
  /** True when Block Public Access set aside resource-policy grants that would have applied. */
  publicBlocked: boolean;
}

/** Principals that have identity policies and boundaries: IAM users and roles. */
export function hasIdentityPolicies(request: AccessRequest): boolean {
  return request.principal.type === 'user' || request.principal.type === 'role';
}

/** Service-linked roles live under `/aws-service-role/`; SCPs and RCPs do not restrict them. */
export function isServiceLinkedRole(request: AccessRequest): boolean {
  return request.principal.type === 'role' && request.principal.arn.includes(':role/aws-service-role/');
}

// One object shape for every Hits keeps the evaluator's property accesses monomorphic.
function hits(limit = false): Hits {
  return { tri: NO, yes: undefined, maybe: undefined, limit };
}

function add(target: Hits, statement: CompiledStatement, tri: Tri): void {
  if (tri === YES) (target.yes ??= []).push(statement);
  else (target.maybe ??= []).push(statement);
  if (tri > target.tri) target.tri = tri;
}

interface Lookup {
  request: AccessRequest;
  action: string;
  service: string;
  denies: Hits;
}

/** An Allow of every action on every resource, unconditionally, naming no principal (FullAWSAccess). */
function allowsEverything(statement: CompiledStatement): boolean {
  return (
    statement.effect === 'Allow' &&
    !statement.notAction &&
    !statement.notResource &&
    !statement.principal &&
    statement.conditions.length === 0 &&
    statement.actions.includes('*') &&
    statement.resources.includes('*')
  );
}

const constantCeilings = new WeakMap<readonly CompiledStatement[], Hits | null>();

/**
 * The Hits of a ceiling whose candidate statements all allow everything: the same for every
 * request, so built once (and frozen: Hits are never changed after a scan). Every SCP level
 * of an organization carries FullAWSAccess, and each request would otherwise rebuild it.
 */
function constantCeiling(candidates: readonly CompiledStatement[]): Hits | undefined {
  let found = constantCeilings.get(candidates);
  if (found === undefined) {
    found = candidates.length > 0 && candidates.every(allowsEverything) ? Object.freeze({ tri: YES, yes: Object.freeze([...candidates]) as CompiledStatement[], maybe: undefined, limit: true }) : null;
    constantCeilings.set(candidates, found);
  }
  return found ?? undefined;
}

/** Scans policies that only limit (boundary, session, one SCP or RCP level): Allows into one Hits. */
function ceiling(candidates: readonly CompiledStatement[], q: Lookup): Hits {
  const constant = constantCeiling(candidates);
  if (constant) return constant;
  const allows = hits(true);
  for (const statement of candidates) {
    const tri = statementApplies(statement, q.request, q.action, q.service);
    if (tri === NO) continue;
    // RCP statements name `Principal: "*"`; SCP, boundary and session statements name none.
    if (statement.principal && principalMatch(statement, q.request.principal) === NOT_NAMED) continue;
    add(statement.effect === 'Deny' ? q.denies : allows, statement, tri);
  }
  return allows;
}

const levelIndexes = new WeakMap<readonly CompiledPolicy[][], ActionIndex[]>();

/** One Hits per SCP or RCP level; the levels' indexes are looked up once per list of levels. */
function levels(list: readonly CompiledPolicy[][], q: Lookup): Hits[] {
  let indexes = levelIndexes.get(list);
  if (!indexes) levelIndexes.set(list, (indexes = list.map(indexOfPolicies)));
  const out: Hits[] = [];
  for (const index of indexes) out.push(ceiling(index.candidates(q.service), q));
  return out;
}

/** True when S3 Block Public Access keeps this caller from using the resource policy's grants. */
function publicAccessRestricted(request: AccessRequest, policies: PolicySet): boolean {
  if (!policies.restrictPublicBuckets || !policies.resource || !isPublicPolicy(policies.resource)) return false;
  if (request.principal.type === 'service') return false;
  const account = accountOf(request.principal);
  return account === undefined || request.resourceAccount === undefined || account !== request.resourceAccount;
}

/**
 * Runs the candidate statements of every policy in the set against the request. Grants are
 * scanned first: when only the decision matters (`explain` false) and nothing can grant, the
 * request is denied whatever the ceilings say, so they are not scanned.
 */
export function scan(request: AccessRequest, policies: PolicySet, action: string, service: string, explain = true): Scan {
  const q: Lookup = { request, action, service, denies: hits() };
  const result: Scan = {
    denies: q.denies,
    identity: hits(),
    boundary: undefined,
    session: undefined,
    scps: undefined,
    rcps: undefined,
    direct: hits(),
    byArn: hits(),
    byAccount: hits(),
    publicBlocked: false,
  };
  const withIdentity = hasIdentityPolicies(request);
  if (withIdentity) {
    for (const statement of indexOfPolicies(policies.identity).candidates(service)) {
      const tri = statementApplies(statement, request, action, service);
      if (tri !== NO) add(statement.effect === 'Deny' ? result.denies : result.identity, statement, tri);
    }
  }
  if (policies.resource) scanResource(policies, q, result, withIdentity && policies.boundary !== undefined);
  const grants = result.identity.tri + result.direct.tri + result.byArn.tri + result.byAccount.tri > NO || request.principal.type === 'account';
  if (!explain && !grants) return result;
  if (withIdentity && policies.boundary) result.boundary = ceiling(indexOfPolicy(policies.boundary).candidates(service), q);
  if (policies.sessionPolicies && withIdentity) result.session = ceiling(indexOfPolicies(policies.sessionPolicies).candidates(service), q);
  // SCPs restrict the IAM users, roles and root users of member accounts, never service-linked roles.
  const serviceLinked = isServiceLinkedRole(request);
  if (policies.scps && (withIdentity || request.principal.type === 'account') && !serviceLinked) result.scps = levels(policies.scps, q);
  if (policies.rcps && !serviceLinked) result.rcps = levels(policies.rcps, q);
  return result;
}

/** The resource policy's statements, sorted by how they name the caller. */
function scanResource(policies: PolicySet, q: Lookup, result: Scan, bounded: boolean): void {
  const { request, action, service } = q;
  const restricted = publicAccessRestricted(request, policies);
  for (const statement of indexOfPolicy(policies.resource!).candidates(service)) {
    const tri = statementApplies(statement, request, action, service);
    if (tri === NO) continue;
    let named = principalMatch(statement, request.principal);
    // AWS: a Deny with NotPrincipal always applies to a caller that has a permissions boundary.
    if (statement.effect === 'Deny' && statement.principal?.not && bounded) named = DIRECTLY;
    if (named === NOT_NAMED) continue;
    if (statement.effect === 'Deny') add(result.denies, statement, tri);
    else if (restricted) result.publicBlocked = true;
    else add(named === BY_ACCOUNT ? result.byAccount : named === BY_ARN ? result.byArn : result.direct, statement, tri);
  }
}
