/**
 * Matching the Principal / NotPrincipal block of resource and trust policies against a caller.
 * Besides yes/no, a match says *how* the caller was named, because AWS treats the ways
 * differently: naming only the account delegates to the account's IAM policies, naming a
 * role's ARN is still limited by the role's permissions boundary, and naming the caller
 * directly (a user ARN, a role session, `*`, a service, a federated provider) is a grant.
 */
import { accountOfArn } from '../core/arn.js';
import { compileGlob, hasWildcard, type Matcher } from './pattern.js';
import type { CompiledStatement, PrincipalValues, RequestPrincipal } from './types.js';

/** How a block named the caller, weakest to strongest. */
export type PrincipalMatch = 0 | 1 | 2 | 3;
/** Not named. */
export const NOT_NAMED: PrincipalMatch = 0;
/** Named only through its account (id or root ARN): delegation to the account's IAM policies. */
export const BY_ACCOUNT: PrincipalMatch = 1;
/** Named by its user or role ARN (or a pattern over it); for the account root, by its account. */
export const BY_ARN: PrincipalMatch = 2;
/** Named as the calling session or identity itself: `*`, a role session, a service, a provider. */
export const DIRECTLY: PrincipalMatch = 3;

interface PrincipalMatcher {
  everyone: boolean;
  accounts: Set<string>;
  arns: Set<string>;
  arnPatterns: Matcher[];
  sessions: { account: Matcher; roleName: Matcher }[];
  services: Matcher[];
  federated: Matcher[];
}

const ROOT = /^arn:[^:]+:iam::(\d{12}):root$/;
const SESSION = /^arn:[^:]+:sts::([^:]*):assumed-role\/([^/]+)\/.+$/;
const compiled = new WeakMap<object, PrincipalMatcher>();

function compileValues(values: PrincipalValues): PrincipalMatcher {
  const m: PrincipalMatcher = { everyone: values === '*', accounts: new Set(), arns: new Set(), arnPatterns: [], sessions: [], services: [], federated: [] };
  if (values === '*') return m;
  for (const value of values.AWS) {
    const root = ROOT.exec(value)?.[1];
    const session = SESSION.exec(value);
    if (value === '*') m.everyone = true;
    else if (/^\d{12}$/.test(value)) m.accounts.add(value);
    else if (root) m.accounts.add(root);
    // A role can act as any session of itself, so a session ARN (or pattern) names the role.
    else if (session) m.sessions.push({ account: compileGlob(session[1]!, false), roleName: compileGlob(session[2]!, false) });
    else if (hasWildcard(value)) m.arnPatterns.push(compileGlob(value, false));
    else m.arns.add(value);
  }
  m.services = values.Service.map((s) => compileGlob(s, true));
  m.federated = values.Federated.map((f) => compileGlob(f, false));
  return m;
}

function matcherOf(block: NonNullable<CompiledStatement['principal']>): PrincipalMatcher {
  let m = compiled.get(block);
  if (!m) {
    m = compileValues(block.values);
    compiled.set(block, m);
  }
  return m;
}

/** The caller's account: as given, or read from its ARN. */
export function accountOf(principal: RequestPrincipal): string | undefined {
  return principal.accountId ?? accountOfArn(principal.arn);
}

function sessionNamed(m: PrincipalMatcher, principal: RequestPrincipal, account: string | undefined): boolean {
  if (m.sessions.length === 0 || account === undefined) return false;
  const roleName = principal.arn.slice(principal.arn.lastIndexOf('/') + 1);
  return m.sessions.some((s) => s.account(account) && s.roleName(roleName));
}

function arnNamed(m: PrincipalMatcher, arn: string): boolean {
  return m.arns.has(arn) || m.arnPatterns.some((test) => test(arn));
}

function named(m: PrincipalMatcher, principal: RequestPrincipal): PrincipalMatch {
  if (m.everyone) return DIRECTLY;
  const account = accountOf(principal);
  switch (principal.type) {
    case 'user':
    case 'role':
      if (principal.type === 'role' && sessionNamed(m, principal, account)) return DIRECTLY;
      if (arnNamed(m, principal.arn)) return BY_ARN;
      return account !== undefined && m.accounts.has(account) ? BY_ACCOUNT : NOT_NAMED;
    case 'account':
      return account !== undefined && m.accounts.has(account) ? BY_ARN : NOT_NAMED;
    case 'service':
      return m.services.some((test) => test(principal.arn)) ? DIRECTLY : NOT_NAMED;
    case 'federated':
      return m.federated.some((test) => test(principal.arn)) ? DIRECTLY : NOT_NAMED;
    default:
      return NOT_NAMED;
  }
}

/**
 * True when NotPrincipal exempts the caller. AWS checks the account and then the identity,
 * so an IAM user or role is exempt only when both its account and its own ARN are listed.
 */
function exempt(m: PrincipalMatcher, principal: RequestPrincipal): boolean {
  if (m.everyone) return true;
  const account = accountOf(principal);
  const accountListed = account !== undefined && m.accounts.has(account);
  if (principal.type === 'user' || principal.type === 'role') {
    const self = arnNamed(m, principal.arn) || (principal.type === 'role' && sessionNamed(m, principal, account));
    return accountListed && self;
  }
  return principal.type !== 'anonymous' && named(m, principal) !== NOT_NAMED;
}

/** How a statement's Principal/NotPrincipal names the caller; NOT_NAMED when it has no block. */
export function principalMatch(statement: CompiledStatement, principal: RequestPrincipal): PrincipalMatch {
  const block = statement.principal;
  if (!block) return NOT_NAMED;
  const m = matcherOf(block);
  if (block.not) return exempt(m, principal) ? NOT_NAMED : DIRECTLY;
  return named(m, principal);
}

/** Does a statement's Principal/NotPrincipal block match this caller? True when it has none. */
export function principalMatches(statement: CompiledStatement, principal: RequestPrincipal): boolean {
  return !statement.principal || principalMatch(statement, principal) !== NOT_NAMED;
}
