/**
 * How technique checks ask the evaluator: the condition values a request carries, the order in
 * which a rule's actions are decided, and a cache of decisions per caller. Many candidates share
 * requests (every pass-role target asks the same probe actions) and the evaluator is pure.
 */
import type { CompiledPolicy, ContextChoice, EvaluationResult } from '../../iam/index.js';
import type { ACTION_TARGETS, ContextRequirement, TechniqueRule } from '../../rules/index.js';
import type { Principal } from '../facts/index.js';
import type { TechniqueTarget } from './model.js';
import type { Required, TechniqueRun } from './relation.js';
import { slotMap, type QuestionSlot } from './question-slot.js';

/** Condition values and caller choices of a request, and the part of the decision cache key they make. */
export type RequestContext = { context?: Record<string, string[] | null>; choices?: Record<string, ContextChoice>; key: string };

/** The values of the named sets an action's request needs (rules/README.md, "Request context"), for one caller and target. */
interface SetValues {
  /** `admin-policy`: AdministratorAccess and the account's own admin-granting policies. */
  adminPolicies: readonly string[];
  /** `target-boundary`: the permissions boundary of the principal acted on, null when it has none. */
  boundary: string | null;
  /** `target-policy`: the managed policy removed, else those attached directly to the principal acted on. */
  policies: readonly string[];
}

/** One requirement of the rule's `context` in the evaluator's terms. */
function bindRequirement(key: string, requirement: ContextRequirement, context: Record<string, string[] | null>, choices: Record<string, ContextChoice>, sets: SetValues | undefined): void {
  if (requirement.kind === 'value') context[key] = requirement.values;
  else if (requirement.kind === 'absent') context[key] = null;
  else if (requirement.kind === 'chosen') choices[key] = { like: requirement.like };
  else if (requirement.set === 'admin-policy') choices[key] = { values: sets!.adminPolicies };
  else if (requirement.set === 'target-boundary') context[key] = sets!.boundary === null ? null : [sets!.boundary];
  // With no managed policy to pick, the request names none the policy could match.
  else choices[key] = sets!.policies.length ? { values: sets!.policies } : { values: [null] };
}

/** True when the action's request needs a named set (its context then depends on caller and target). */
export function needsSets(run: TechniqueRun, required: Required): boolean {
  return run.ofRule(required, 'needs-sets', () => Object.values(required.context ?? {}).some((r) => r.kind === 'set'));
}

/**
 * The principal an action acts on: the caller for its own ARN, policies and groups; otherwise
 * the target (a role the caller modifies, a user whose key it creates).
 */
function actedOn(required: Required, caller: Principal, target: TechniqueTarget): Principal | undefined {
  return required.on === 'self' || required.on === 'attached-customer-policy' || required.on === 'member-group' ? caller : target.principal;
}

/** The named sets' values for this request, resolved from the facts. */
function setValues(run: TechniqueRun, required: Required, caller: Principal, target: TechniqueTarget): SetValues {
  const subject = actedOn(required, caller, target);
  const accountId = subject?.accountId ?? target.accountId;
  return {
    adminPolicies: run.cached(`admin-policies|${accountId}`, () => run.facts.iam.adminPoliciesOf(accountId)),
    boundary: subject?.boundary?.source.id ?? null,
    policies: target.removedPolicy ? [target.removedPolicy] : subject ? run.facts.iam.directManagedOf(subject) : [],
  };
}

/** Builds the request of one action (the passed service, and the rule's own context bound to `sets`). */
function buildRequest(rule: TechniqueRule, required: Required, sets: SetValues | undefined): RequestContext {
  const context: Record<string, string[] | null> = {};
  const choices: Record<string, ContextChoice> = {};
  if (rule.service && required.action.toLowerCase() === 'iam:passrole') context['iam:passedtoservice'] = [rule.service];
  for (const [key, requirement] of Object.entries(required.context ?? {})) bindRequirement(key.toLowerCase(), requirement, context, choices, sets);
  const hasContext = Object.keys(context).length > 0;
  const hasChoices = Object.keys(choices).length > 0;
  const found: RequestContext = { key: required.action.toLowerCase() };
  if (hasContext) found.context = context;
  if (hasChoices) found.choices = choices;
  if (hasContext || hasChoices) found.key = `${found.key}|${JSON.stringify(context)}|${JSON.stringify(choices)}`;
  return found;
}

/**
 * Condition values and choices the request of one action carries, with a cache key. Once per
 * required action and run, or, when it names a set, once per distinct value of the sets (the
 * same objects each time, so the evaluator's merged choices are built once too).
 */
export function requestContext(run: TechniqueRun, rule: TechniqueRule, required: Required, caller: Principal, target: TechniqueTarget): RequestContext {
  if (!needsSets(run, required)) return run.ofRule(required, 'context', () => buildRequest(rule, required, undefined));
  const subject = actedOn(required, caller, target);
  if (subject === undefined || target.removedPolicy !== undefined) return contextOfSets(run, rule, required, setValues(run, required, caller, target));
  // Without a removed policy the sets are the subject's alone (its account, boundary and
  // attached policies): looked up once per subject object, not joined into a key per pair.
  const bySubject = run.ofRule(required, 'context-by-subject', () => new WeakMap<Principal, RequestContext>());
  let found = bySubject.get(subject);
  if (!found) bySubject.set(subject, (found = contextOfSets(run, rule, required, setValues(run, required, caller, target))));
  return found;
}

/** The request of one action bound to these set values, one object per distinct values. */
function contextOfSets(run: TechniqueRun, rule: TechniqueRule, required: Required, sets: SetValues): RequestContext {
  const key = `context|${sets.adminPolicies.join(',')}|${sets.boundary ?? ''}|${sets.policies.join(',')}`;
  return run.ofRule(required, key, () => buildRequest(rule, required, sets));
}

/**
 * The decision of a request's resource class for this caller, computed once: the request's key
 * and the class (a long text) key two maps, so no text joining them is built per target (a
 * conditional admin asks once per user and role of a dense account).
 */
export function cachedClassDecision(run: TechniqueRun, caller: Principal, key: string, resourceClass: string, evaluate: () => EvaluationResult): EvaluationResult {
  let byKey = run.classDecisions.get(caller);
  if (!byKey) run.classDecisions.set(caller, (byKey = new Map()));
  let byClass = byKey.get(key);
  if (!byClass) byKey.set(key, (byClass = new Map()));
  let result = byClass.get(resourceClass);
  if (!result) byClass.set(resourceClass, (result = evaluate()));
  return result;
}

/** A number per policy object for decision keys: objects, not ids, since a cached decision names its policies in provenance. */
function policyId(run: TechniqueRun, policy: CompiledPolicy): number {
  let id = run.policyIds.get(policy);
  if (id === undefined) run.policyIds.set(policy, (id = run.policyIds.size));
  return id;
}

/** The slot of a question with this resource account, resource policy and mode. */
export function questionSlot(run: TechniqueRun, resourceAccount: string | undefined, policy: CompiledPolicy | undefined, mode: 'required' | undefined): QuestionSlot {
  return { account: resourceAccount ?? '', policy: (policy ? policyId(run, policy) + 1 : 0) * 2 + (mode ? 1 : 0) };
}

/**
 * The decision of a request on a resource for this caller, computed once. Keyed by the caller
 * object, not the ARN: a caller evaluated with changed policies (altered.ts) is another object.
 */
export function cachedDecision(run: TechniqueRun, caller: Principal, request: string, slot: QuestionSlot, resource: string, evaluate: () => EvaluationResult): EvaluationResult {
  let byRequest = run.decisions.get(caller);
  if (!byRequest) run.decisions.set(caller, (byRequest = new Map()));
  const byResource = slotMap(byRequest, request, slot, () => new Map<string, EvaluationResult>());
  let result = byResource.get(resource);
  if (!result) byResource.set(resource, (result = evaluate()));
  return result;
}

/** For each action target: whether its resource depends on the candidate (then it is decided last). */
const DEPENDS_ON_TARGET = {
  self: false,
  'attached-customer-policy': false,
  target: true,
  'new-resource': false,
  'member-group': false,
  'target-customer-policy': true,
  'target-lifecycle-config': true,
  'target-domain': true,
  'target-key': true,
  workload: true,
  artifact: true,
  'named-resource': false,
  'workload-passed-role': true,
} satisfies Record<(typeof ACTION_TARGETS)[number], boolean>;

/** The rule's actions, those whose resource does not depend on the target first, so a denied one ends the check early. */
export function orderedActions(run: TechniqueRun, rule: TechniqueRule): Required[] {
  return run.ofRule(rule, 'ordered', () => [...rule.actions].sort((a, b) => Number(!DEPENDS_ON_TARGET[b.on]) - Number(!DEPENDS_ON_TARGET[a.on])));
}
