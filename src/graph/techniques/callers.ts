/**
 * Who could satisfy a technique's actions at all, from indexes rather than by evaluating every
 * principal: principals whose identity policies name an action (per action and account), and
 * principals a resource policy names. The evaluator then decides only for these.
 */
import { groupBy } from '../../core/collections.js';
import { actionMatches, matchesPattern, mayAllowAction, statementsForService, type CompiledPolicy, type CompiledStatement } from '../../iam/index.js';
import type { TechniqueRule } from '../../rules/index.js';
import { serviceOf } from '../facts/grant-index.js';
import type { Principal } from '../facts/index.js';
import { allowsNotPrincipal, namedAwsPrincipals, namesAwsPrincipals, type NamedPrincipal } from '../trust-principals.js';
import type { Candidate } from './model.js';
import { grantOf, type Required, type TechniqueRun } from './relation.js';

/** True when a resource policy of the candidate may grant this action (so identity alone does not decide). */
export function isPolicyAction(run: TechniqueRun, rule: TechniqueRule, required: Required): boolean {
  return grantOf(run.relationOf(rule), rule, required) === 'policy';
}

/** True when nothing but the evaluator can tell (assuming under a trust the caller rewrites to name itself). */
export function isFree(run: TechniqueRun, rule: TechniqueRule, required: Required): boolean {
  return grantOf(run.relationOf(rule), rule, required) === 'free';
}

/** Principals of an account (every account when undefined) whose identity policies may allow the action. */
export function mayAllowIn(run: TechniqueRun, action: string, accountId?: string): Principal[] {
  const byAccount = run.cached(`may-allow|${action}`, () => {
    const lower = action.toLowerCase();
    const service = serviceOf(lower);
    // Only principals whose identity statements can name an action of the service at all (the grant index).
    if (/[*?]/.test(service)) {
      const all = run.facts.grants.principalsOfService(service).filter((p) => mayAllowAction(p.identity, action));
      return groupBy(all, (p) => p.accountId).set('*', all);
    }
    // mayAllowAction's test, with each principal's statements of the service looked up once per service, not per action.
    const { principals, statements } = serviceStatements(run, service);
    const all: Principal[] = [];
    for (let i = 0; i < principals.length; i++) {
      for (const statement of statements[i]!) {
        if (statement.effect === 'Allow' && actionMatches(statement, lower, service)) {
          all.push(principals[i]!);
          break;
        }
      }
    }
    return groupBy(all, (p) => p.accountId).set('*', all);
  });
  return byAccount.get(accountId ?? '*') ?? [];
}

/** The grant index's principals of a (lower-cased, wildcard-free) service, and beside each its statements that can match an action of it. */
function serviceStatements(run: TechniqueRun, service: string): { principals: readonly Principal[]; statements: Array<readonly CompiledStatement[]> } {
  return run.cached(`service-statements|${service}`, () => {
    const principals = run.facts.grants.principalsOfService(service);
    return { principals, statements: principals.map((p) => statementsForService(p.identity, service)) };
  });
}

/** Principals that pass the identity check of every identity action of the rule, in facts order. */
export function gateCallers(run: TechniqueRun, rule: TechniqueRule): Principal[] {
  const actions = [...new Set(rule.actions.filter((a) => !isPolicyAction(run, rule, a) && !isFree(run, rule, a)).map((a) => a.action))].sort();
  if (!actions.length) return run.facts.principals;
  // Many rules share their identity actions (iam:PassRole with one service action each).
  return run.cached(`gate|${actions.join('|')}`, () => {
    // The shortest list, filtered by the others: each list is in facts order, so is the result.
    const lists = actions.map((a) => mayAllowIn(run, a)).sort((a, b) => a.length - b.length);
    const others = lists.slice(1).map((list) => new Set(list));
    return lists[0]!.filter((p) => others.every((set) => set.has(p)));
  });
}

/**
 * The policy that may grant a policy action on the candidate, and the account owning the
 * resource. One shape, no spread: asked per candidate and policy action (admission keys) and per
 * pair (qualifies).
 */
export function policyOf(run: TechniqueRun, required: Required, candidate: Candidate): { policy: CompiledPolicy | undefined; owner: string } {
  const t = candidate.target;
  if (required.on === 'workload') return { policy: t.workload?.policy, owner: t.workload?.accountId ?? t.accountId };
  if (required.on === 'artifact') return { policy: t.artifact?.policy, owner: t.artifact?.accountId ?? t.accountId };
  if (required.on === 'target-key') {
    const key = t.keyArn ? run.facts.resourcesByArn.get(t.keyArn) : undefined;
    return { policy: key?.policy, owner: key?.accountId ?? t.accountId };
  }
  if (t.principal?.kind === 'role' && required.action.toLowerCase() === 'sts:assumerole') return { policy: t.principal.trust!, owner: t.accountId };
  return { policy: t.policy ?? t.resource?.policy, owner: t.accountId };
}

/** mayAllowIn as a set, built once per action and account. */
function allowSet(run: TechniqueRun, action: string, accountId: string): Set<Principal> {
  return run.cached(`allow-set|${action}|${accountId}`, () => new Set(mayAllowIn(run, action, accountId)));
}

/** The principals a policy names for an action, read once per policy and action. */
export function namedOf(run: TechniqueRun, policy: CompiledPolicy, action: string): NamedPrincipal[] {
  // Most function and bucket policies name only services: nothing to read or to remember.
  if (!policy.statements.some(namesAwsPrincipals)) return [];
  let byAction = run.named.get(policy) as Map<string, NamedPrincipal[]> | undefined;
  if (!byAction) run.named.set(policy, (byAction = new Map()));
  let list = byAction.get(action);
  if (!list) byAction.set(action, (list = callerNames(policy, action)));
  return list;
}

/**
 * The principals a policy may grant an action to, as caller lists read them: what it names, a
 * role session (`arn:aws:sts::A:assumed-role/R/S`) as every role of account A (the session ARN
 * drops the role's path; the evaluator then decides each), and anyone when an Allow for the
 * action uses NotPrincipal. Named ARNs alone would miss callers the evaluator admits.
 */
function callerNames(policy: CompiledPolicy, action: string): NamedPrincipal[] {
  const names = namedAwsPrincipals(policy, action).map((named): NamedPrincipal => {
    const session = named.type === 'arn' ? /^arn:([^:]+):sts::(\d{12}):assumed-role\//.exec(named.pattern) : null;
    return session ? { type: 'arn', accountId: session[2]!, pattern: `arn:${session[1]}:iam::${session[2]}:role/*` } : named;
  });
  return allowsNotPrincipal(policy, action) ? [...names, { type: 'anyone' }] : names;
}

/** The resource a policy action is decided on (requirements.ts asks the evaluator about the same ARN). */
function resourceOf(required: Required, candidate: Candidate): string | undefined {
  const t = candidate.target;
  if (required.on === 'workload') return t.workload?.arn;
  if (required.on === 'artifact') return t.artifact?.arn;
  if (required.on === 'target-key') return t.keyArn;
  return t.arn;
}

/**
 * Principals of an account whose identity policies may allow the action on this resource: the
 * grant index answers per resource prefix, so a deploy role scoped to its own functions is not
 * a candidate for every function of its account.
 */
function identityAdmitted(run: TechniqueRun, action: string, resource: string | undefined, accountId: string): Iterable<Principal> {
  return resource === undefined ? allowSet(run, action, accountId) : run.facts.grants.principalsFor(action, resource, accountId);
}

/** Principals that could be granted a policy action on the candidate: by identity in an admitted account, or by name. */
function admitted(run: TechniqueRun, required: Required, candidate: Candidate): Set<Principal> | 'everyone' {
  if (required.on === 'target-key' && !candidate.target.keyArn) return 'everyone';
  const { policy, owner } = policyOf(run, required, candidate);
  const names = policy ? namedOf(run, policy, required.action) : [];
  const resource = resourceOf(required, candidate);
  const out = new Set(identityAdmitted(run, required.action, resource, owner));
  for (const named of names) {
    if (named.type === 'anyone') return 'everyone';
    if (named.type === 'account') for (const p of identityAdmitted(run, required.action, resource, named.accountId)) out.add(p);
    else for (const p of run.facts.principalsByAccount.get(named.accountId) ?? []) if (matchesPattern(named.pattern, p.arn, { caseInsensitive: false })) out.add(p);
  }
  return out;
}

/**
 * The callers among `gate` (`gateList` as a set) that could satisfy every policy action of the
 * rule on this candidate, in facts order. Walks the smaller admitted sets rather than the
 * gate, which may be every principal of the organization.
 */
export function callersFor(run: TechniqueRun, rule: TechniqueRule, candidate: Candidate, gate: ReadonlySet<Principal>, gateList: readonly Principal[]): readonly Principal[] {
  if (run.reference) return findCallers(run, rule, candidate, gate, gateList);
  // Every function of an account asks the same question of the same indexes: one answer per
  // admission key, not a set, an intersection and a sort per candidate.
  const known = run.ofRule(rule, 'callers-by-admission', () => ({ byKey: new Map<string, readonly Principal[]>(), emptied: new Set<string>() }));
  const parts = admissionParts(run, rule, candidate, known.emptied);
  if (parts === EMPTIED) return NO_CALLERS;
  const key = parts.length ? parts[parts.length - 1]! : '';
  let callers = known.byKey.get(key);
  if (!callers) {
    // Where the intersection empties after the i-th policy action, every key that starts with
    // the first i parts has no callers either: the next candidates stop building their key there.
    known.byKey.set(key, (callers = findCallers(run, rule, candidate, gate, gateList, (i) => known.emptied.add(parts[i]!))));
  }
  return callers;
}

const NO_CALLERS: readonly Principal[] = Object.freeze([]);
const EMPTIED = Symbol('emptied');

/**
 * What `admitted` reads of a candidate, per policy action of the rule: the principals its policy
 * names for the action (one function's policy object is its own, but most name no one, or the
 * same accounts), the owning account, and per account whose identity grants count, the longest
 * grant-index prefix of the resource (GrantIndex.longestPrefix: principalsFor depends on the
 * resource through it alone). Candidates with equal keys have equal callers. Texts go in with
 * their lengths, so that no ARN can make two keys alike. The key after each policy action, in
 * order (the last is the whole key), or EMPTIED as soon as one of them is known to have no callers.
 */
function admissionParts(run: TechniqueRun, rule: TechniqueRule, candidate: Candidate, emptied: ReadonlySet<string>): string[] | typeof EMPTIED {
  const parts: string[] = [];
  let key = '';
  for (const required of rule.actions) {
    if (!isPolicyAction(run, rule, required)) continue;
    key += admissionPart(run, required, candidate);
    if (emptied.has(key)) return EMPTIED;
    parts.push(key);
  }
  return parts;
}

/** One policy action's part of the admission key. */
function admissionPart(run: TechniqueRun, required: Required, candidate: Candidate): string {
  if (required.on === 'target-key' && !candidate.target.keyArn) return '|everyone';
  const { policy, owner } = policyOf(run, required, candidate);
  const names = policy ? namedOf(run, policy, required.action) : [];
  if (names.some((n) => n.type === 'anyone')) return '|everyone';
  const resource = resourceOf(required, candidate);
  let key = `|${grantedPart(run, required.action, resource, owner)}`;
  for (const named of names) {
    if (named.type === 'account') key += grantedPart(run, required.action, resource, named.accountId);
    else if (named.type === 'arn') key += `/${named.accountId.length}:${named.accountId}:${named.pattern.length}:${named.pattern}`;
  }
  return key;
}

/** Identity grants of an account in an admission key: all of them without a resource, else those the resource's longest filed prefix finds. */
function grantedPart(run: TechniqueRun, action: string, resource: string | undefined, accountId: string): string {
  if (resource === undefined) return `:${accountId.length}:${accountId}-`;
  const found = run.facts.grants.longestPrefix(action, resource, accountId);
  return `:${accountId.length}:${accountId}:${found.length}:${found}`;
}

/** callersFor without the reuse: the admitted sets of every policy action, intersected with the gate. */
function findCallers(run: TechniqueRun, rule: TechniqueRule, candidate: Candidate, gate: ReadonlySet<Principal>, gateList: readonly Principal[], emptiedAt?: (policyAction: number) => void): readonly Principal[] {
  let callers: Set<Principal> | undefined;
  let asked = -1;
  for (const required of rule.actions) {
    if (!isPolicyAction(run, rule, required)) continue;
    asked++;
    const allowed = admitted(run, required, candidate);
    if (allowed === 'everyone') continue;
    callers = new Set([...(callers ?? allowed)].filter((p) => allowed.has(p) && gate.has(p)));
    if (!callers.size) {
      emptiedAt?.(asked);
      return [];
    }
  }
  // The gate list is already in facts order; only an intersection needs sorting.
  if (!callers) return gateList;
  const order = run.cached('principal-order', () => new Map(run.facts.principals.map((p, i) => [p, i])));
  return [...callers].sort((a, b) => order.get(a)! - order.get(b)!);
}
