/**
 * Who could satisfy a technique's actions at all, from indexes rather than by evaluating every
 * principal: principals whose identity policies name an action (per action and account), and
 * principals a resource policy names. The evaluator then decides only for these.
 */
import { matchesPattern, mayAllowAction, type CompiledPolicy } from '../../iam/index.js';
import type { TechniqueRule } from '../../rules/index.js';
import { groupBy } from '../../core/collections.js';
import type { BuildContext } from '../context.js';
import { grantIndexOf, serviceOf } from '../grant-index.js';
import type { Principal } from '../inventory/index.js';
import { namedAwsPrincipals } from '../trust-principals.js';
import type { Candidate } from './model.js';

type Required = TechniqueRule['actions'][number];

/** Relations whose `target` is a workload or alias that may carry a resource policy. */
const POLICY_TARGET_RELATIONS = new Set(['existing-resource', 'credential-read', 'agent-tool']);

const isAssume = (rule: TechniqueRule, required: Required) => rule.relation === 'role-takeover' && required.on === 'target' && required.action.toLowerCase() === 'sts:assumerole';

/** True when a resource policy of the candidate may grant this action (so identity alone does not decide). */
export function isPolicyAction(rule: TechniqueRule, required: Required): boolean {
  if (required.on === 'workload' || required.on === 'artifact' || required.on === 'target-key') return true;
  if (required.on !== 'target') return false;
  return POLICY_TARGET_RELATIONS.has(rule.relation) || (isAssume(rule, required) && rule.trust === 'current');
}

/** True when nothing but the evaluator can tell: assuming under a trust the caller rewrites to name itself. */
export function isFree(rule: TechniqueRule, required: Required): boolean {
  return isAssume(rule, required) && rule.trust === 'rewritten';
}

interface Index {
  order: Map<Principal, number>;
  /** Callers passing the identity check of every action of a set (gateCallers), by the sorted actions. */
  gates: Map<string, Principal[]>;
  byAction: Map<string, Map<string, Principal[]>>;
  byAccount: Map<string, Principal[]>;
}

const cache = new WeakMap<BuildContext, Index>();

/** Principals by account, each list in the given order. */
const groupByAccount = (principals: readonly Principal[]) => groupBy(principals, (p) => p.accountId);

function indexOf(ctx: BuildContext): Index {
  let index = cache.get(ctx);
  if (!index) {
    index = { order: new Map(ctx.inventory.principals.map((p, i) => [p, i])), gates: new Map(), byAction: new Map(), byAccount: groupByAccount(ctx.inventory.principals) };
    cache.set(ctx, index);
  }
  return index;
}

/**
 * Principals whose identity statements can name an action of the action's service at all (from
 * the grant index): each action's filter runs over these, not every principal.
 */
function withService(ctx: BuildContext, action: string): readonly Principal[] {
  return grantIndexOf(ctx.inventory).principalsOfService(serviceOf(action.toLowerCase()));
}

/** Principals of an account (every account when undefined) whose identity policies may allow the action. */
export function mayAllowIn(ctx: BuildContext, action: string, accountId?: string): Principal[] {
  const index = indexOf(ctx);
  let byAccount = index.byAction.get(action);
  if (!byAccount) {
    const all = withService(ctx, action).filter((p) => mayAllowAction(p.identity, action));
    byAccount = groupByAccount(all).set('*', all);
    index.byAction.set(action, byAccount);
  }
  return byAccount.get(accountId ?? '*') ?? [];
}

/** Principals that pass the identity check of every identity action of the rule, in inventory order. */
export function gateCallers(ctx: BuildContext, rule: TechniqueRule): Principal[] {
  const actions = [...new Set(rule.actions.filter((a) => !isPolicyAction(rule, a) && !isFree(rule, a)).map((a) => a.action))].sort();
  if (!actions.length) return ctx.inventory.principals;
  // Many rules share their identity actions (iam:PassRole with one service action each).
  const index = indexOf(ctx);
  const key = actions.join('|');
  let gate = index.gates.get(key);
  if (!gate) {
    // The shortest list, filtered by the others: each list is in inventory order, so is the result.
    const lists = actions.map((a) => mayAllowIn(ctx, a)).sort((a, b) => a.length - b.length);
    const others = lists.slice(1).map((list) => new Set(list));
    index.gates.set(key, (gate = lists[0]!.filter((p) => others.every((set) => set.has(p)))));
  }
  return gate;
}

/** The policy that may grant a policy action on the candidate, and the account owning the resource. */
export function policyOf(ctx: BuildContext, required: Required, candidate: Candidate): { policy?: CompiledPolicy; owner: string } {
  const t = candidate.target;
  if (required.on === 'workload') return { ...(t.workload?.policy ? { policy: t.workload.policy } : {}), owner: t.workload?.accountId ?? t.accountId };
  if (required.on === 'artifact') return { ...(t.artifact?.policy ? { policy: t.artifact.policy } : {}), owner: t.artifact?.accountId ?? t.accountId };
  if (required.on === 'target-key') {
    const key = t.keyArn ? ctx.inventory.resourcesByArn.get(t.keyArn) : undefined;
    return { ...(key?.policy ? { policy: key.policy } : {}), owner: key?.accountId ?? t.accountId };
  }
  if (t.principal?.kind === 'role' && required.action.toLowerCase() === 'sts:assumerole') return { policy: t.principal.trust!, owner: t.accountId };
  const policy = t.policy ?? t.resource?.policy;
  return { ...(policy ? { policy } : {}), owner: t.accountId };
}

const sets = new WeakMap<BuildContext, Map<string, Set<Principal>>>();

/** mayAllowIn as a set, built once per action and account. */
function allowSet(ctx: BuildContext, action: string, accountId: string): Set<Principal> {
  let byKey = sets.get(ctx);
  if (!byKey) sets.set(ctx, (byKey = new Map()));
  let set = byKey.get(`${action}|${accountId}`);
  if (!set) byKey.set(`${action}|${accountId}`, (set = new Set(mayAllowIn(ctx, action, accountId))));
  return set;
}

const namedCache = new WeakMap<CompiledPolicy, Map<string, ReturnType<typeof namedAwsPrincipals>>>();

/** The principals a policy names for an action, read once per policy and action. */
export function namedOf(policy: CompiledPolicy, action: string): ReturnType<typeof namedAwsPrincipals> {
  let byAction = namedCache.get(policy);
  if (!byAction) namedCache.set(policy, (byAction = new Map()));
  let list = byAction.get(action);
  if (!list) byAction.set(action, (list = namedAwsPrincipals(policy, action)));
  return list;
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
function identityAdmitted(ctx: BuildContext, action: string, resource: string | undefined, accountId: string): Iterable<Principal> {
  return resource === undefined ? allowSet(ctx, action, accountId) : grantIndexOf(ctx.inventory).principalsFor(action, resource, accountId);
}

/** Principals that could be granted a policy action on the candidate: by identity in an admitted account, or by name. */
function admitted(ctx: BuildContext, required: Required, candidate: Candidate): Set<Principal> | 'everyone' {
  if (required.on === 'target-key' && !candidate.target.keyArn) return 'everyone';
  const { policy, owner } = policyOf(ctx, required, candidate);
  const names = policy ? namedOf(policy, required.action) : [];
  const resource = resourceOf(required, candidate);
  const out = new Set(identityAdmitted(ctx, required.action, resource, owner));
  for (const named of names) {
    if (named.type === 'anyone') return 'everyone';
    if (named.type === 'account') for (const p of identityAdmitted(ctx, required.action, resource, named.accountId)) out.add(p);
    else for (const p of indexOf(ctx).byAccount.get(named.accountId) ?? []) if (matchesPattern(named.pattern, p.arn, { caseInsensitive: false })) out.add(p);
  }
  return out;
}

/**
 * The callers among `gate` (`gateList` as a set) that could satisfy every policy action of the
 * rule on this candidate, in inventory order. Walks the smaller admitted sets rather than the
 * gate, which may be every principal of the organization.
 */
export function callersFor(ctx: BuildContext, rule: TechniqueRule, candidate: Candidate, gate: ReadonlySet<Principal>, gateList: readonly Principal[]): readonly Principal[] {
  let callers: Set<Principal> | undefined;
  for (const required of rule.actions) {
    if (!isPolicyAction(rule, required)) continue;
    const allowed = admitted(ctx, required, candidate);
    if (allowed === 'everyone') continue;
    callers = new Set([...(callers ?? allowed)].filter((p) => allowed.has(p) && gate.has(p)));
    if (!callers.size) return [];
  }
  // The gate list is already in inventory order; only an intersection needs sorting.
  if (!callers) return gateList;
  const order = indexOf(ctx).order;
  return [...callers].sort((a, b) => order.get(a)! - order.get(b)!);
}

/** True when the policy names the caller by ARN, or anyone, for the action (a grant without identity permission). */
export function policyNamesCaller(policy: CompiledPolicy, action: string, caller: Principal): boolean {
  return namedOf(policy, action).some((n) => n.type === 'anyone' || (n.type === 'arn' && matchesPattern(n.pattern, caller.arn, { caseInsensitive: false })));
}
