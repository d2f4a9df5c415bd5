/**
 * AWS's policy evaluation logic as *grant paths*: a request is allowed when some path holds,
 * and a path is a conjunction of policy parts that AWS accepts together as a grant for this
 * kind of caller, account relation and resource-policy mode ("Policy evaluation logic" and
 * "Cross-account policy evaluation logic", IAM User Guide). Ceilings (permissions boundary,
 * session policies, every SCP and RCP level) join the paths they limit.
 */
import { serviceOf } from './compile.js';
import { accountOf } from './principal.js';
import { hasIdentityPolicies, type Hits, type Scan } from './scan.js';
import { NO, YES, type Tri } from './tri.js';
import type { AccessRequest, DenyReason, PolicySet } from './types.js';

/** The account root's implicit identity permissions: it needs no policy to act in its account. */
const ROOT_IDENTITY: Hits = { tri: YES, yes: undefined, maybe: undefined, limit: false };

/** Parts that must all hold. */
export type Path = Hits[];

/** Cross-account when the resource's account is known and is not the caller's. */
export function crossAccount(request: AccessRequest): boolean {
  return request.resourceAccount !== undefined && request.resourceAccount !== accountOf(request.principal);
}

/** The grant paths for a request. */
export function grantPaths(request: AccessRequest, policies: PolicySet, s: Scan): Path[] {
  const { principal } = request;
  // One array per path, parts pushed in place: every decision builds these.
  const path = (...parts: Array<Hits | undefined>): Path => {
    const out: Path = [];
    for (const part of parts) if (part) out.push(part);
    // SCPs limit the caller and RCPs the resource whatever policy grants: they join every path.
    if (s.scps) for (const level of s.scps) out.push(level);
    if (s.rcps) for (const level of s.rcps) out.push(level);
    return out;
  };
  if (principal.type === 'service' || principal.type === 'federated' || principal.type === 'anonymous') return [path(s.direct)];
  const identity = principal.type === 'account' ? ROOT_IDENTITY : s.identity;
  // Ceilings: the permissions boundary, then session policies.
  const { boundary, session } = s;
  if (crossAccount(request)) return [path(identity, boundary, session, s.direct), path(identity, boundary, session, s.byArn), path(identity, boundary, session, s.byAccount)];
  // A grant to a role's ARN stays under the role's boundary; one to a user ARN does not. Both
  // stay under session policies; a grant naming the session itself escapes both.
  const byArn = principal.type === 'role' ? path(s.byArn, boundary, session) : path(s.byArn, session);
  if (policies.resourcePolicyMode === 'required') return [path(s.direct), byArn, path(s.byAccount, identity, boundary, session)];
  // Naming only the account delegates to IAM: the identity path already covers it.
  return [path(identity, boundary, session), path(s.direct), byArn];
}

/** The value of one path: the weakest of its parts, with one part optionally overridden. */
export function pathValue(path: Path, override?: { part: Hits; tri: Tri }): Tri {
  let value: Tri = YES;
  for (const part of path) {
    const tri = override && part === override.part ? override.tri : part.tri;
    if (tri < value) value = tri;
  }
  return value;
}

/** The strongest path. */
export function best(paths: Path[], override?: { part: Hits; tri: Tri }): Tri {
  let value: Tri = NO;
  for (const path of paths) {
    const tri = pathValue(path, override);
    if (tri > value) value = tri;
  }
  return value;
}

/** Why nothing was allowed: the first limit that, lifted alone, would let the request through. */
export function denyReason(request: AccessRequest, policies: PolicySet, s: Scan, paths: Path[]): DenyReason {
  const resourceTri = Math.max(s.direct.tri, s.byArn.tri, s.byAccount.tri);
  if (policies.resourcePolicyMode === 'required' && resourceTri === NO) {
    if (s.publicBlocked) return 'block-public-access';
    const kind = policies.resource?.source.kind;
    const trust = kind === 'trust' || (kind === undefined && serviceOf(request.action.toLowerCase()) === 'sts');
    return trust ? 'trust-policy' : 'resource-policy';
  }
  const limits: Array<[Hits | undefined, DenyReason]> = [
    ...(s.scps ?? []).map((level): [Hits, DenyReason] => [level, 'scp']),
    ...(s.rcps ?? []).map((level): [Hits, DenyReason] => [level, 'rcp']),
    [s.boundary, 'boundary'],
    [s.session, 'session-policy'],
  ];
  for (const [part, reason] of limits) {
    if (part && part.tri === NO && best(paths, { part, tri: YES }) !== NO) return reason;
  }
  if (s.publicBlocked) return 'block-public-access';
  const identity = request.principal.type === 'account' ? ROOT_IDENTITY : hasIdentityPolicies(request) ? s.identity : undefined;
  if (crossAccount(request) && resourceTri === NO && identity && identity.tri !== NO) return 'resource-policy';
  return 'no-allow';
}
