/**
 * Does one statement apply to a request (action, resource, conditions; the principal is
 * matched apart)? Each statement's patterns and conditions are compiled on first use and kept
 * beside it, so repeated evaluations only run matchers: its actions when an action is first
 * asked, its resources and conditions when a request first gets past the action.
 */
import { compareStrings } from '../core/hash.js';
import { firstCompiled, serviceOf } from './compile.js';
import { isCatalogAction } from './catalog.js';
import { FewKeys } from './few-keys.js';
import { compileCondition, evaluateCondition, openKeys, renderCondition, type CompiledCondition } from './conditions.js';
import { compileGlob, piecesToRegExp, type Matcher } from './pattern.js';
import { MAYBE, NO, YES, not3, type Tri } from './tri.js';
import { parseTemplate, resolveTemplate, unresolvedKeys, type TemplatePart } from './variables.js';
import type { AccessRequest, CompiledStatement, ConditionClause } from './types.js';

type ResourcePattern = { text: string; test: Matcher } | { text: string; template: TemplatePart[] };

/** Action matchers by service prefix; `*` holds patterns that can match any service (nearly always one key). */
type ActionMatchers = FewKeys<Matcher[]>;

/**
 * A statement's compiled parts. The action matchers come first and alone: most statements are
 * only ever asked whether they name an action (action indexes, `policyActsOn`, callers per
 * action; at size M two in three of them), so their resource patterns and condition clauses are
 * compiled when a request first gets past the action (`restOf`), and never for the others.
 */
interface StatementMatcher {
  actions: ActionMatchers;
  /** Resource patterns and conditions, compiled on the first request that needs them. */
  rest: RestMatcher | undefined;
}

interface RestMatcher {
  resources: ResourcePattern[];
  conditions: CompiledCondition[];
}

const compiled = new WeakMap<CompiledStatement, StatementMatcher>();

/**
 * Action matchers by action list: a pool gives every one-action statement of an action one list
 * (each function policy's `lambda:InvokeFunction`), so they share one compilation, and asking
 * only whether a statement names an action (actionMatches) compiles none of its resources or
 * conditions: each function policy's resource is its own ARN, asked about no other way.
 */
const compiledActions = new WeakMap<readonly string[], ActionMatchers>();

/** Compiled clauses by clause object, for variables read (index 1) or literal (index 0): a pool shares clause objects across statements. */
const compiledClauses = new WeakMap<ConditionClause, [CompiledCondition | undefined, CompiledCondition | undefined]>();

/** The compiled conditions of an unconditional statement (most of them): one list, never filled. */
const NO_CONDITIONS: CompiledCondition[] = [];

/** One one-element list per matcher: a statement of one action (most) shares it with every other of that action. */
const singleMatchers = new WeakMap<Matcher, Matcher[]>();

function singleMatcher(test: Matcher): Matcher[] {
  let list = singleMatchers.get(test);
  if (!list) singleMatchers.set(test, (list = [test]));
  return list;
}

function compiledClause(clause: ConditionClause, variables: boolean): CompiledCondition {
  let both = compiledClauses.get(clause);
  if (!both) compiledClauses.set(clause, (both = [undefined, undefined]));
  const slot = variables ? 1 : 0;
  return (both[slot] ??= compileCondition(clause, variables));
}

function matcherOf(statement: CompiledStatement): StatementMatcher {
  let m = compiled.get(statement);
  if (m) return m;
  // Statements of the same text (a pool shared their lists) share the matchers of the first.
  const first = firstCompiled(statement);
  if (first !== statement) {
    m = matcherOf(first);
    compiled.set(statement, m);
    return m;
  }
  m = { actions: actionMatchersOf(statement.actions), rest: undefined };
  compiled.set(statement, m);
  return m;
}

/** The statement's resource patterns and conditions, compiled on first use (shared, as its action matchers are). */
function restOf(statement: CompiledStatement, m: StatementMatcher): RestMatcher {
  if (m.rest) return m.rest;
  const resources = statement.resources.map((text): ResourcePattern => {
    const template = statement.variables ? parseTemplate(text) : undefined;
    return template ? { text, template } : { text, test: compileGlob(text, false) };
  });
  const conditions = statement.conditions.length === 0 ? NO_CONDITIONS : statement.conditions.map((clause) => compiledClause(clause, statement.variables));
  return (m.rest = { resources, conditions });
}

function actionMatchersOf(list: readonly string[]): ActionMatchers {
  let actions = compiledActions.get(list);
  if (actions) return actions;
  actions = new FewKeys<Matcher[]>();
  for (const action of list) {
    const service = serviceOf(action);
    const known = actions.get(service);
    const test = compileGlob(action, false);
    // A one-element list is the shared one: copied, never filled, when a second matcher joins.
    if (!known) actions.set(service, singleMatcher(test));
    else if (known.length === 1) actions.set(service, [known[0]!, test]);
    else known.push(test);
  }
  compiledActions.set(list, actions);
  return actions;
}

function anyMatch(matchers: Matcher[] | undefined, value: string): boolean {
  if (!matchers) return false;
  for (const test of matchers) if (test(value)) return true;
  return false;
}

function actionListed(actions: ActionMatchers, action: string, service: string): boolean {
  return anyMatch(actions.get(service), action) || anyMatch(actions.get('*'), action);
}

/** Does the statement's Action/NotAction cover a lower-cased action of the given service? Compiles the actions alone. */
export function actionMatches(statement: CompiledStatement, action: string, service: string): boolean {
  return actionListed(actionMatchersOf(statement.actions), action, service) !== statement.notAction;
}

/** actionMatches for an action as rules and policies write it (`s3:GetObject`): IAM compares actions without case. */
export function coversAction(statement: CompiledStatement, action: string): boolean {
  const lower = action.toLowerCase();
  return actionMatches(statement, lower, serviceOf(lower));
}

function patternMatch(pattern: ResourcePattern, request: AccessRequest): Tri {
  if ('test' in pattern) return pattern.test(request.resource) ? YES : NO;
  const pieces = resolveTemplate(pattern.template, request);
  // A variable with no value makes the pattern match no resource (IAM User Guide).
  if (pieces === null) return NO;
  if (pieces === undefined) return MAYBE;
  return piecesToRegExp(pieces, { caseInsensitive: false, arn: false }).test(request.resource) ? YES : NO;
}

/** Resource/NotResource against the request's resource; maybe when a policy variable is unknown. */
function resourceMatch(statement: CompiledStatement, rest: RestMatcher, request: AccessRequest): Tri {
  let listed: Tri = NO;
  for (const pattern of rest.resources) {
    const match = patternMatch(pattern, request);
    if (match === YES) {
      listed = YES;
      break;
    }
    if (match === MAYBE) listed = MAYBE;
  }
  return statement.notResource ? not3(listed) : listed;
}

/** Resource/NotResource of a statement against the request's resource alone (resource-class.ts). */
export function resourceApplies(statement: CompiledStatement, request: AccessRequest): Tri {
  return resourceMatch(statement, restOf(statement, matcherOf(statement)), request);
}

/** The statement's compiled condition clauses. */
export function compiledConditions(statement: CompiledStatement): readonly CompiledCondition[] {
  return restOf(statement, matcherOf(statement)).conditions;
}

/** All condition clauses ANDed: no as soon as one clause is false, maybe if any is unknown. */
function conditionsMatch(rest: RestMatcher, request: AccessRequest): Tri {
  let result: Tri = YES;
  for (const condition of rest.conditions) {
    const value = evaluateCondition(condition, request);
    if (value === NO) return NO;
    if (value === MAYBE) result = MAYBE;
  }
  return result;
}

/**
 * Action, resource and conditions together, for a lower-cased action. A NotAction statement
 * covers exactly the catalog's actions outside its list: an action AWS does not define is
 * never one of them.
 */
export function statementApplies(statement: CompiledStatement, request: AccessRequest, action: string, service: string): Tri {
  const m = matcherOf(statement);
  if (actionListed(m.actions, action, service) === statement.notAction) return NO;
  if (statement.notAction && !isCatalogAction(action)) return NO;
  const rest = restOf(statement, m);
  const resource = resourceMatch(statement, rest, request);
  if (resource === NO || rest.conditions.length === 0) return resource;
  const conditions = conditionsMatch(rest, request);
  return conditions < resource ? conditions : resource;
}

/** What left a statement undecided: lower-cased keys (sorted) and rendered clauses (sorted). */
export function openParts(statement: CompiledStatement, request: AccessRequest): { keys: string[]; clauses: string[] } {
  const keys = new Set<string>();
  const clauses = new Set<string>();
  const rest = restOf(statement, matcherOf(statement));
  if (resourceMatch(statement, rest, request) === MAYBE) {
    for (const pattern of rest.resources) {
      if (!('template' in pattern) || patternMatch(pattern, request) !== MAYBE) continue;
      unresolvedKeys(pattern.template, request).forEach((key) => keys.add(key));
      clauses.add(`${statement.notResource ? 'NotResource' : 'Resource'} ${pattern.text}`);
    }
  }
  for (const condition of rest.conditions) {
    if (evaluateCondition(condition, request) !== MAYBE) continue;
    openKeys(condition, request).forEach((key) => keys.add(key));
    clauses.add(renderCondition(condition.clause));
  }
  return { keys: [...keys].sort(compareStrings), clauses: [...clauses].sort(compareStrings) };
}
