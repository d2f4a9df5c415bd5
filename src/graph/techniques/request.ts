/**
 * How technique checks ask the evaluator: the condition values a request carries, the order in
 * which a rule's actions are decided, and a cache of decisions per caller. Many candidates share
 * requests (every pass-role target asks the same probe actions) and the evaluator is pure.
 */
import { matchesPattern, type CompiledStatement, type ContextChoice, type EvaluationResult } from '../../iam/index.js';
import type { ContextRequirement, TechniqueRule } from '../../rules/index.js';
import type { Principal } from '../inventory/index.js';

/** One required action of a technique rule. */
export type Required = TechniqueRule['actions'][number];

/** Condition values and caller choices of a request, and the part of the decision cache key they make. */
export type RequestContext = { context?: Record<string, string[] | null>; choices?: Record<string, ContextChoice>; key: string };
const contexts = new WeakMap<Required, RequestContext>();

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

/** Condition values and choices the request carries (the passed service, and the rule's own), with a cache key. */
export function requestContext(rule: TechniqueRule, required: Required): RequestContext {
  let found = contexts.get(required);
  if (!found) {
    const context: Record<string, string[] | null> = {};
    const choices: Record<string, ContextChoice> = {};
    if (rule.service && required.action.toLowerCase() === 'iam:passrole') context['iam:passedtoservice'] = [rule.service];
    for (const [key, requirement] of Object.entries(required.context ?? {})) bindRequirement(key.toLowerCase(), requirement, context, choices);
    const hasContext = Object.keys(context).length > 0;
    const hasChoices = Object.keys(choices).length > 0;
    found = { key: required.action.toLowerCase() };
    if (hasContext) found.context = context;
    if (hasChoices) found.choices = choices;
    if (hasContext || hasChoices) found.key = `${found.key}|${JSON.stringify(context)}|${JSON.stringify(choices)}`;
    contexts.set(required, found);
  }
  return found;
}

/**
 * Decisions per caller object, by request. Many candidates share requests (every pass-role
 * target asks the same probe actions), and the evaluator is pure. Keyed by the object, not the
 * ARN: a caller evaluated with changed policies (altered.ts) is another object.
 */
const decisions = new WeakMap<Principal, Map<string, EvaluationResult>>();

/** The decision of `key` for this caller, computed once. */
export function cachedDecision(caller: Principal, key: string, evaluate: () => EvaluationResult): EvaluationResult {
  let map = decisions.get(caller);
  if (!map) decisions.set(caller, (map = new Map()));
  let result = map.get(key);
  if (!result) map.set(key, (result = evaluate()));
  return result;
}

const TARGET_FREE = new Set(['self', 'attached-customer-policy', 'member-group', 'new-resource', 'named-resource']);
const ordered = new WeakMap<TechniqueRule, Required[]>();

/** The rule's actions, those whose resource does not depend on the target first, so a denied one ends the check early. */
export function orderedActions(rule: TechniqueRule): Required[] {
  let list = ordered.get(rule);
  if (!list) ordered.set(rule, (list = [...rule.actions].sort((a, b) => Number(TARGET_FREE.has(b.on)) - Number(TARGET_FREE.has(a.on)))));
  return list;
}


const CASE_SENSITIVE = { caseInsensitive: false } as const;
const lowered = new Map<string, string>();

/** Rule actions lower-cased once: they are a few hundred strings asked about millions of times. */
function lowerCased(action: string): string {
  let lower = lowered.get(action);
  if (lower === undefined) lowered.set(action, (lower = action.toLowerCase()));
  return lower;
}

const allowing = new WeakMap<Principal, Map<string, CompiledStatement[] | 'any'>>();

/** The caller's Allow statements that can match an action; `any` when one has NotResource. */
function allowStatements(caller: Principal, action: string): CompiledStatement[] | 'any' {
  let byAction = allowing.get(caller);
  if (!byAction) allowing.set(caller, (byAction = new Map()));
  let found = byAction.get(action);
  if (!found) {
    const list: CompiledStatement[] = [];
    for (const policy of caller.identity) {
      for (const s of policy.statements) {
        if (s.effect !== 'Allow') continue;
        const hit = s.actions.some((p) => matchesPattern(p, action, { caseInsensitive: true }));
        if (s.notAction ? hit : !hit) continue;
        if (s.notResource) {
          found = 'any';
          break;
        }
        list.push(s);
      }
      if (found) break;
    }
    found ??= list;
    byAction.set(action, found);
  }
  return found;
}

/**
 * False only when no identity statement of the caller can allow the action on this resource, so
 * an identity-only request is certainly denied: a cheap test before the evaluator on checks
 * repeated over every role or user of an account. Policy variables count as a possible match.
 */
export function identityMayCover(caller: Principal, action: string, resource: string): boolean {
  const statements = allowStatements(caller, lowerCased(action));
  if (statements === 'any') return true;
  // Plain loops: this runs for every candidate of every rule, and closures would allocate.
  for (const statement of statements) {
    for (const pattern of statement.resources) if (pattern.includes('${') || matchesPattern(pattern, resource, CASE_SENSITIVE)) return true;
  }
  return false;
}
