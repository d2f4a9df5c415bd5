/**
 * Resources the evaluator cannot tell apart for one request. An evaluation reads its resource
 * in three places only: each statement's Resource/NotResource, the ARN's partition, service and
 * region (`aws:RequestedRegion`, derived.ts), and the facts the request carries about it (tags,
 * known region). Two resources that agree on all of them get the same decision, the same
 * granting statements and the same residual, for the same caller, action, context and policy
 * set: a caller holding `iam:*` on `*` under an MFA condition is decided once for every user
 * of its account, not once per user. Provenance still names each resource (it is built from
 * the decision and the resource, src/graph/decide.ts).
 */
import { serviceOf } from './compile.js';
import { indexOfPolicies, indexOfPolicy } from './action-index.js';
import { actionMatches, resourceApplies } from './statement.js';
import type { AccessRequest, CompiledPolicy, CompiledStatement, PolicySet } from './types.js';

/** The ARN's partition, service, region and account (everything but the resource id); a non-ARN whole. */
function arnScope(resource: string): string {
  if (!resource.startsWith('arn:')) return resource;
  let at = 0;
  for (let field = 0; field < 5; field++) {
    at = resource.indexOf(':', at) + 1;
    if (at === 0) return resource;
  }
  return resource.slice(0, at);
}

/** One digit per statement: how its Resource/NotResource matches (no, maybe, yes). */
function matches(statements: readonly CompiledStatement[], request: AccessRequest): string {
  let out = '';
  for (const statement of statements) out += resourceApplies(statement, request);
  return out;
}

function ofPolicies(policies: readonly CompiledPolicy[], request: AccessRequest, service: string): string {
  return matches(indexOfPolicies(policies).candidates(service), request);
}

function ofLevels(levels: readonly CompiledPolicy[][], request: AccessRequest, service: string): string {
  let out = '';
  for (const level of levels) out += ofPolicies(level, request, service) + ';';
  return out;
}

/** The part of a resource's class read from the resource itself and its facts: ARN scope, known region, tags, Block Public Access. */
export function resourceScope(request: Pick<AccessRequest, 'resource' | 'resourceRegion' | 'resourceTags'>, policies: Pick<PolicySet, 'restrictPublicBuckets'>): string {
  return `${arnScope(request.resource)}|${request.resourceRegion ?? ''}|${request.resourceTags ? JSON.stringify(request.resourceTags) : '-'}|${policies.restrictPublicBuckets ? 1 : 0}`;
}

/**
 * Every statement whose Resource/NotResource the class text of a request for this action
 * reads (resourceClass): the candidates of the action's service in each policy of the set.
 */
export function classStatements(policies: PolicySet, action: string): CompiledStatement[] {
  const service = serviceOf(action.toLowerCase());
  const out: CompiledStatement[] = [...indexOfPolicies(policies.identity).candidates(service)];
  if (policies.boundary) out.push(...indexOfPolicy(policies.boundary).candidates(service));
  if (policies.resource) out.push(...indexOfPolicy(policies.resource).candidates(service));
  if (policies.sessionPolicies) out.push(...indexOfPolicies(policies.sessionPolicies).candidates(service));
  for (const levels of [policies.scps, policies.rcps]) for (const level of levels ?? []) out.push(...indexOfPolicies(level).candidates(service));
  return out;
}

/**
 * A text equal for two requests that differ only in their resource exactly when the evaluator
 * cannot tell those resources apart (same policy set, caller, action and context assumed).
 * Statements are the candidates of the action's service in every policy of the set, in the
 * index's order, so equal texts mean equal matches statement by statement.
 */
export function resourceClass(request: AccessRequest, policies: PolicySet): string {
  const service = serviceOf(request.action.toLowerCase());
  let out = resourceScope(request, policies);
  out += '|i' + ofPolicies(policies.identity, request, service);
  if (policies.boundary) out += '|b' + matches(indexOfPolicy(policies.boundary).candidates(service), request);
  if (policies.resource) out += '|r' + matches(indexOfPolicy(policies.resource).candidates(service), request);
  if (policies.sessionPolicies) out += '|s' + ofPolicies(policies.sessionPolicies, request, service);
  if (policies.scps) out += '|c' + ofLevels(policies.scps, request, service);
  if (policies.rcps) out += '|p' + ofLevels(policies.rcps, request, service);
  return out;
}

/**
 * The statements of a list whose Resource/NotResource can match two resources differently,
 * one per distinct pattern list: a `*` among its patterns matches (or, under NotResource,
 * excludes) every resource alike. Undefined when a statement's patterns hold policy variables,
 * whose match depends on the request and not on the resource alone.
 */
export function varyingStatements(statements: Iterable<CompiledStatement>): CompiledStatement[] | undefined {
  const out = new Map<string, CompiledStatement>();
  for (const statement of statements) {
    if (statement.resources.includes('*')) continue;
    if (statement.variables && statement.resources.some((r) => r.includes('${'))) return undefined;
    const spec = resourceSpec(statement);
    if (!out.has(spec)) out.set(spec, statement);
  }
  return [...out.values()];
}

/** A statement's Resource or NotResource as one text: statements with equal texts match every resource alike. */
export function resourceSpec(statement: CompiledStatement): string {
  return `${statement.notResource ? '!' : ''}${statement.resources.join('\u0000')}`;
}

/** The request `matchOf` asks with: patterns without policy variables read nothing but the resource. */
const NO_ONE: AccessRequest = { principal: { arn: '*', type: 'anonymous' }, action: '', resource: '', context: {} };

/** How one statement's Resource/NotResource matches a resource (resourceClass's digit for it; for varyingStatements' statements). */
export function matchOf(statement: CompiledStatement, resource: string): 0 | 1 | 2 {
  return resourceApplies(statement, { ...NO_ONE, resource });
}

/**
 * False when no statement of the policy can apply to the action (Action/NotAction alone): in
 * `optional` mode such a resource policy changes no decision, so a request may be decided, and
 * classed, as one without it (a function's invoke permissions, asked about UpdateFunctionCode).
 */
export function policyActsOn(policy: CompiledPolicy, action: string): boolean {
  const lower = action.toLowerCase();
  const service = serviceOf(lower);
  return indexOfPolicy(policy).candidates(service).some((statement) => actionMatches(statement, lower, service));
}
