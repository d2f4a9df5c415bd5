/**
 * How technique checks ask the evaluator: the condition values a request carries, the order in
 * which a rule's actions are decided, and a cache of decisions per caller. Many candidates share
 * requests (every pass-role target asks the same probe actions) and the evaluator is pure.
 */
import type { ContextChoice, EvaluationResult } from '../../iam/index.js';
import type { ACTION_TARGETS, ContextRequirement, TechniqueRule } from '../../rules/index.js';
import type { Principal } from '../facts/index.js';
import type { Required, TechniqueRun } from './relation.js';

/** Condition values and caller choices of a request, and the part of the decision cache key they make. */
export type RequestContext = { context?: Record<string, string[] | null>; choices?: Record<string, ContextChoice>; key: string };

/**
 * One requirement of the rule's `context` in the evaluator's terms. `admin-policy` is, until
 * the graph resolves the account's own admin policies, AdministratorAccess in any partition
 * (it exists in every account); the target's boundary and policies need the target and stay
 * open for now.
 */
function bindRequirement(key: string, requirement: ContextRequirement, context: Record<string, string[] | null>, choices: Record<string, ContextChoice>): void {
  if (requirement.kind === 'value') context[key] = requirement.values;
  else if (requirement.kind === 'absent') context[key] = null;
  else if (requirement.kind === 'chosen') choices[key] = { like: requirement.like };
  else if (requirement.set === 'admin-policy') choices[key] = { like: 'arn:*:iam::aws:policy/AdministratorAccess' };
}

/** Condition values and choices the request carries (the passed service, and the rule's own), with a cache key; once per required action and run. */
export function requestContext(run: TechniqueRun, rule: TechniqueRule, required: Required): RequestContext {
  return run.ofRule(required, 'context', () => {
    const context: Record<string, string[] | null> = {};
    const choices: Record<string, ContextChoice> = {};
    if (rule.service && required.action.toLowerCase() === 'iam:passrole') context['iam:passedtoservice'] = [rule.service];
    for (const [key, requirement] of Object.entries(required.context ?? {})) bindRequirement(key.toLowerCase(), requirement, context, choices);
    const hasContext = Object.keys(context).length > 0;
    const hasChoices = Object.keys(choices).length > 0;
    const found: RequestContext = { key: required.action.toLowerCase() };
    if (hasContext) found.context = context;
    if (hasChoices) found.choices = choices;
    if (hasContext || hasChoices) found.key = `${found.key}|${JSON.stringify(context)}|${JSON.stringify(choices)}`;
    return found;
  });
}

/**
 * The decision of `key` for this caller, computed once. Keyed by the caller object, not the
 * ARN: a caller evaluated with changed policies (altered.ts) is another object.
 */
export function cachedDecision(run: TechniqueRun, caller: Principal, key: string, evaluate: () => EvaluationResult): EvaluationResult {
  let map = run.decisions.get(caller);
  if (!map) run.decisions.set(caller, (map = new Map()));
  let result = map.get(key);
  if (!result) map.set(key, (result = evaluate()));
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
} satisfies Record<(typeof ACTION_TARGETS)[number], boolean>;

/** The rule's actions, those whose resource does not depend on the target first, so a denied one ends the check early. */
export function orderedActions(run: TechniqueRun, rule: TechniqueRule): Required[] {
  return run.ofRule(rule, 'ordered', () => [...rule.actions].sort((a, b) => Number(!DEPENDS_ON_TARGET[b.on]) - Number(!DEPENDS_ON_TARGET[a.on])));
}
