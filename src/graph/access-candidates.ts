/**
 * Which principals are worth asking the evaluator about one access to one crown jewel. A grant
 * can come only from (a) an identity policy naming the action on a resource pattern that can
 * match the jewel, where a caller from another account also needs the resource policy to name
 * its account, or (b) a resource policy naming the caller's exact ARN. A resource
 * policy that may admit callers it does not name exactly (`*`, also with an aws:PrincipalOrgID or
 * aws:PrincipalAccount condition, wildcards, NotPrincipal) widens (a) to every principal of its
 * account, whatever its identity policies say (in the same account the resource policy alone
 * grants), and to those of other accounts whose identity grants can match the resource (a
 * cross-account request needs both). The technique finders read such policies their own way and
 * already admit the whole account: techniques/callers.ts counts `*` and NotPrincipal as everyone
 * past the rule's identity gate, relations/assume-role.ts takes every principal of the role's
 * account for a trust admitting `*` (AWS accepts no other wildcard in a Principal).
 */
import { coversAction, mayAllowAction, principalMatches, type CompiledPolicy, type CompiledStatement, type PrincipalValues, type RequestPrincipal } from '../iam/index.js';
import type { Facts, Principal, Resource } from './facts/index.js';
import { allowsFor, classifyAwsPrincipal, namedAwsPrincipals, namesAwsPrincipals } from './trust-principals.js';

/**
 * True when an Allow of the policy for `action` could name a user or role other than by its
 * exact ARN or account (`*`, a wildcard, a session or unique id, NotPrincipal): such a grant
 * needs no identity permission, so the identity index cannot bound the callers.
 */
export function admitsUnnamed(policy: CompiledPolicy, action: string): boolean {
  for (const statement of policy.statements) {
    // allowsFor's statements, the principal tested first: most name no AWS principal.
    if (!namesAwsPrincipals(statement) || statement.effect !== 'Allow' || !coversAction(statement, action)) continue;
    if (statement.principal!.not || statement.principal!.values === '*') return true;
    for (const value of (statement.principal!.values as Exclude<PrincipalValues, '*'>).AWS) {
      const named = classifyAwsPrincipal(value);
      if (!named || named.type === 'anyone') return true;
      if (named.type === 'arn' && (/[*?]/.test(named.pattern) || !/:(user|role)\//.test(named.pattern))) return true;
    }
  }
  return false;
}

/** Principals whose identity policies name an action, in facts order: the list and each one's place in it. */
interface MayAllow {
  list: Principal[];
  place: Map<Principal, number>;
}

/** Candidate finder for one build: caches per action, reuses the grant index. */
export function accessCandidates(facts: Pick<Facts, 'principals' | 'principalsByArn' | 'principalsByAccount' | 'grants'>) {
  const { grants } = facts;
  const anyResource = new Map<string, MayAllow>();
  // Principals whose identity policies name the action on any resource, computed once per action.
  const mayAllow = (action: string): MayAllow => {
    let known = anyResource.get(action);
    if (!known) {
      const list = facts.principals.filter((p) => mayAllowAction(p.identity, action));
      anyResource.set(action, (known = { list, place: new Map(list.map((p, i) => [p, i])) }));
    }
    return known;
  };

  // Facts order, for merging an account's principals with those of other accounts.
  let order: Map<Principal, number> | undefined;
  const placeOf = (p: Principal): number => (order ??= new Map(facts.principals.map((q, i) => [q, i]))).get(p)!;
  const broadByKey = new Map<string, ReadonlySet<Principal>>();

  /**
   * The callers of a policy that may admit unnamed callers: every principal of the resource's
   * account, since in the same account the resource policy alone grants (AWS "Policy evaluation
   * logic": either an identity or a resource policy may allow; the evaluator applies denies,
   * boundaries, SCPs, RCPs and session policies), and of other accounts only those whose
   * identity may allow the action on this resource (the grant index, among those whose policies
   * name the action), since a cross-account request needs the identity policy to allow too.
   * Per action in order: those in facts order, then the exact ARNs the policy names. Every
   * resource of an account whose other-account callers and names are alike shares one set.
   */
  const broadCallers = (resource: Resource, actions: readonly string[], arn: string): ReadonlySet<Principal> => {
    const own = facts.principalsByAccount.get(resource.accountId) ?? [];
    const others = new Set<Principal>();
    for (const action of actions) {
      const { place } = mayAllow(action);
      for (const p of grants.principalsFor(action, arn)) if (p.accountId !== resource.accountId && place.has(p)) others.add(p);
    }
    const passes = actions.map((action) => {
      const { place } = mayAllow(action);
      const members = [...others].filter((p) => place.has(p)).sort((a, b) => place.get(a)! - place.get(b)!);
      return { action, members, exact: namedExact(resource.policy!, action) };
    });
    let key = `${resource.accountId}`;
    for (const { action, members, exact } of passes) key += `#${action.length}:${action}|${members.map(placeOf).join(',')}/${exact.map(placeOf).join(',')}`;
    const known = broadByKey.get(key);
    if (known) return known;
    const candidates = new Set<Principal>();
    // Both lists are in facts order; an account's principals need not be contiguous in it (its
    // Cognito guest sessions' sts ARNs sort after every iam ARN), so they are merged, not spliced.
    for (const { members, exact } of passes) {
      let i = 0;
      for (const p of own) {
        const at = placeOf(p);
        while (i < members.length && placeOf(members[i]!) < at) candidates.add(members[i++]!);
        candidates.add(p);
      }
      while (i < members.length) candidates.add(members[i++]!);
      for (const p of exact) candidates.add(p);
    }
    broadByKey.set(key, candidates);
    return candidates;
  };

  /** The principals of the snapshot an Allow for the action names by exact ARN. */
  const namedExact = (policy: CompiledPolicy, action: string): Principal[] => {
    const out: Principal[] = [];
    for (const n of namedAwsPrincipals(policy, action)) {
      const exact = n.type === 'arn' ? facts.principalsByArn.get(n.pattern) : undefined;
      if (exact) out.push(exact);
    }
    return out;
  };

  /**
   * The candidates of a policy naming callers only exactly, by account or ARN: a function of
   * what candidateKey reads, so every jewel with the same key shares one set (most jewels of an
   * account are asked the same question of the same indexes).
   */
  const namedCallers = (resource: Resource, actions: readonly string[], arn: string): ReadonlySet<Principal> => {
    const { key, asked } = candidateKey(resource, actions, arn);
    const known = byKey.get(key);
    if (known) return known;
    const candidates = new Set<Principal>();
    for (const { action, accounts, exact } of asked) {
      for (const accountId of accounts) for (const p of grants.principalsFor(action, arn, accountId)) candidates.add(p);
      for (const p of exact) candidates.add(p);
    }
    byKey.set(key, candidates);
    return candidates;
  };

  /**
   * What namedCallers reads, per action in order: the resource's own account and the accounts
   * the policy names by id or root, each with its longest grant-index prefix of the resource
   * (GrantIndex.longestPrefix: principalsFor depends on the resource through it alone), and the
   * principals the policy names by exact ARN. Texts go in with their lengths, so that no ARN can
   * make two keys alike.
   */
  const candidateKey = (resource: Resource, actions: readonly string[], arn: string) => {
    const policy = resource.policy;
    let key = '';
    const asked: Array<{ action: string; accounts: Set<string>; exact: Principal[] }> = [];
    for (const action of actions) {
      const named = policy ? namedAwsPrincipals(policy, action) : [];
      const accounts = new Set([resource.accountId, ...named.flatMap((n) => (n.type === 'account' ? [n.accountId] : []))]);
      const exact = named.flatMap((n) => (n.type === 'arn' ? (facts.principalsByArn.get(n.pattern) ?? []) : []));
      key += `#${action.length}:${action}`;
      for (const accountId of accounts) {
        const prefix = grants.longestPrefix(action, arn, accountId);
        key += `|${accountId.length}:${accountId}:${prefix.length}:${prefix}`;
      }
      for (const p of exact) key += `/${p.arn.length}:${p.arn}`;
      asked.push({ action, accounts, exact });
    }
    return { key, asked };
  };
  const byKey = new Map<string, ReadonlySet<Principal>>();

  /** Principals to evaluate for `actions` (any of them realizes the access) on `arn` of `resource`. */
  return (resource: Resource, actions: readonly string[], arn: string): ReadonlySet<Principal> => {
    const policy = resource.policy;
    if (policy !== undefined && actions.some((a) => admitsUnnamed(policy, a))) return broadCallers(resource, actions, arn);
    return namedCallers(resource, actions, arn);
  };
}

/**
 * A test for one build that answers false only when the evaluator is certain to deny a caller
 * an action on a resource, so the decision need not be asked: no identity statement of the
 * caller can allow it (GrantIndex.mayCover), and either the resource is in another account
 * (where the identity must allow too) or its policy, if any, names the caller in no Allow
 * statement for the action (matched as the evaluator matches principals). Candidates come from
 * resource prefixes and from what a resource policy may admit, so most of them are such
 * certain denials: at size M, 69,000 of the 81,000 candidates of access edges.
 */
export function grantPossible(facts: Pick<Facts, 'grants'>) {
  const allows = new Map<CompiledPolicy, Map<string, CompiledStatement[]>>();
  const allowsOf = (policy: CompiledPolicy, action: string): CompiledStatement[] => {
    let byAction = allows.get(policy);
    if (!byAction) allows.set(policy, (byAction = new Map()));
    let list = byAction.get(action);
    if (!list) byAction.set(action, (list = allowsFor(policy, action)));
    return list;
  };
  const names = (statements: readonly CompiledStatement[], caller: RequestPrincipal) => {
    for (const statement of statements) if (principalMatches(statement, caller)) return true;
    return false;
  };
  return (caller: Principal, action: string, arn: string, resourceAccount: string, policy: CompiledPolicy | undefined): boolean =>
    facts.grants.mayCover(caller, action, arn) || (caller.accountId === resourceAccount && policy !== undefined && names(allowsOf(policy, action), caller.request));
}
