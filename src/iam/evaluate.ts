/**
 * Second half of evaluation: AWS's policy evaluation logic over what applied. A request is
 * allowed when some *grant path* holds: a conjunction of policy parts that AWS accepts as a
 * grant for this kind of caller, account relation and resource-policy mode. Any applicable
 * explicit Deny wins; undecided statements make the result conditional, never guessed.
 */
import { compareStrings } from '../core/hash.js';
import { serviceOf } from './compile.js';
import { accountOf } from './principal.js';
import { hasIdentityPolicies, scan, type Hits, type Scan } from './scan.js';
import { openParts } from './statement.js';
import { MAYBE, NO, YES, type Tri } from './tri.js';
import type { AccessRequest, CompiledStatement, DenyReason, EvaluationResult, PolicySet, Residual, StatementRef } from './types.js';

/** The account root's implicit identity permissions: it needs no policy to act in its account. */
const ROOT_IDENTITY: Hits = { tri: YES, yes: undefined, maybe: undefined };

type Path = Hits[];

/** Cross-account when the resource's account is known and is not the caller's. */
function crossAccount(request: AccessRequest): boolean {
  return request.resourceAccount !== undefined && request.resourceAccount !== accountOf(request.principal);
}

/**
 * The grant paths for a request. `ceilings` (the permissions boundary) join every path that
 * relies on identity-based grants; organization-wide ceilings would join them the same way.
 */
function grantPaths(request: AccessRequest, policies: PolicySet, s: Scan): Path[] {
  const { principal } = request;
  if (principal.type === 'service' || principal.type === 'federated' || principal.type === 'anonymous') {
    return [[s.direct]];
  }
  const ceilings = s.boundary ? [s.boundary] : [];
  const identity = [principal.type === 'account' ? ROOT_IDENTITY : s.identity, ...ceilings];
  if (crossAccount(request)) return [s.direct, s.byArn, s.byAccount].map((grant) => [...identity, grant]);
  // A grant to a role's ARN stays under the role's boundary; one to a user ARN or a session does not.
  const byArn = principal.type === 'role' ? [s.byArn, ...ceilings] : [s.byArn];
  if (policies.resourcePolicyMode === 'required') return [[s.direct], byArn, [s.byAccount, ...identity]];
  // Naming only the account delegates to IAM: the identity path already covers it.
  return [identity, [s.direct], byArn];
}

function pathValue(path: Path, override?: { part: Hits; tri: Tri }): Tri {
  let value: Tri = YES;
  for (const part of path) {
    const tri = override && part === override.part ? override.tri : part.tri;
    if (tri < value) value = tri;
  }
  return value;
}

function best(paths: Path[], override?: { part: Hits; tri: Tri }): Tri {
  let value: Tri = NO;
  for (const path of paths) {
    const tri = pathValue(path, override);
    if (tri > value) value = tri;
  }
  return value;
}

function denyReason(request: AccessRequest, policies: PolicySet, s: Scan, paths: Path[]): DenyReason {
  const resourceTri = Math.max(s.direct.tri, s.byArn.tri, s.byAccount.tri);
  if (policies.resourcePolicyMode === 'required' && resourceTri === NO) {
    const kind = policies.resource?.source.kind;
    const trust = kind === 'trust' || (kind === undefined && serviceOf(request.action.toLowerCase()) === 'sts');
    return trust ? 'trust-policy' : 'resource-policy';
  }
  // Would the request pass if the boundary allowed it? Then the boundary is what stopped it.
  if (s.boundary && best(paths, { part: s.boundary, tri: YES }) !== NO) return 'boundary';
  const { principal } = request;
  const identity = principal.type === 'account' ? ROOT_IDENTITY : hasIdentityPolicies(request) ? s.identity : undefined;
  if (crossAccount(request) && resourceTri === NO && identity && identity.tri !== NO) return 'resource-policy';
  return 'no-allow';
}

function byPosition(a: CompiledStatement, b: CompiledStatement): number {
  return compareStrings(a.ref.policy.id, b.ref.policy.id) || a.ref.index - b.ref.index;
}

function residualOf(statement: CompiledStatement, request: AccessRequest): Residual {
  return { statement: statement.ref, effect: statement.effect, ...openParts(statement, request) };
}

function sortedRefs(statements: CompiledStatement[]): StatementRef[] {
  if (statements.length > 1) statements.sort(byPosition);
  return statements.map((st) => st.ref);
}

function addUnique(target: CompiledStatement[], statements: CompiledStatement[] | undefined): void {
  for (const st of statements ?? []) if (!target.includes(st)) target.push(st);
}

/** Evaluates one request against the policies that apply, following AWS's documented logic. */
export function evaluate(request: AccessRequest, policies: PolicySet): EvaluationResult {
  const action = request.action.toLowerCase();
  const s = scan(request, policies, action, serviceOf(action));
  if (s.denies.yes) {
    return { decision: 'denied', allowedBy: [], deniedBy: sortedRefs(s.denies.yes), residual: [], denyReason: 'explicit-deny' };
  }
  const paths = grantPaths(request, policies, s);
  const allow = best(paths);
  if (allow === NO) {
    return { decision: 'denied', allowedBy: [], deniedBy: [], residual: [], denyReason: denyReason(request, policies, s, paths) };
  }
  const granted: CompiledStatement[] = [];
  const open: CompiledStatement[] = s.denies.maybe ?? [];
  for (const path of paths) {
    if (pathValue(path) !== allow) continue;
    for (const part of path) {
      const statements = part.tri === YES ? part.yes : part.maybe;
      // A boundary only limits; it grants nothing, so it is never cited as allowing.
      if (part !== s.boundary) addUnique(granted, statements);
      if (part.tri === MAYBE) addUnique(open, statements);
    }
  }
  const allowedBy = sortedRefs(granted);
  if (open.length > 1) open.sort(byPosition);
  const residual = open.map((st) => residualOf(st, request));
  const decision = allow === YES && residual.length === 0 ? 'allowed' : 'conditional';
  return { decision, allowedBy, deniedBy: [], residual };
}
