/**
 * The graph's one door into the IAM evaluator: builds the request context the snapshot knows
 * for a caller, gathers every policy type that applies (identity, boundary, SCP levels of the
 * caller's account, RCP levels of the resource's account, the resource policy, S3 Block Public
 * Access), evaluates, and turns the decision into edge provenance. Keeping this in one place
 * keeps every edge's provenance shaped the same way.
 */
import { evaluate, resourceClass, INSIDE_NETWORK_CHOICES, INTERNET_CHOICES, INTERNET_CONTEXT, renderResidual, supportsRcp, type AccessRequest, type CompiledPolicy, type ContextChoice, type EvaluationResult, type PolicySet, type RequestPrincipal, type StatementRef } from '../iam/index.js';
import type { Provenance } from './schema.js';
import type { EvaluationEnvironment, ResourceFacts } from './facts/environment.js';
import type { Principal } from './facts/types.js';
import { attackerChoices, choicesOf } from './attacker-choices.js';

/** A caller that is not a principal of the snapshot (an outsider, a synthetic attacker). */
export interface OtherCaller {
  request: RequestPrincipal;
  identity: CompiledPolicy[];
  boundary?: CompiledPolicy;
  scps?: CompiledPolicy[][];
  environment?: EvaluationEnvironment;
}

/** A question for the evaluator in graph terms. */
export interface Question {
  caller: Principal | OtherCaller;
  action: string;
  resource: string;
  resourceAccount?: string;
  resourcePolicy?: CompiledPolicy;
  /** `required` for trust policies and KMS key policies. */
  mode?: 'optional' | 'required';
  /** Extra context this question knows (iam:PassedToService, lambda:FunctionUrlAuthType...). */
  context?: Record<string, string[] | null>;
  /** Keys the attack picks a value for (a technique's `attackerChooses` / `mustMatch`), on top of ATTACKER_CHOICES. */
  choices?: Record<string, ContextChoice>;
  /**
   * False for a question about the request as the user states it (`blastpath can`): request
   * keys the caller sets (aws:SecureTransport, aws:RequestedRegion on `*`) stay open and the
   * residual names them. Default true: path analysis assumes the attacker's best choice.
   */
  attackerChooses?: boolean;
  /** Session policies of the calling session, when the question is about one. */
  sessionPolicies?: CompiledPolicy[];
  /**
   * True when a denial must say exactly why (`blastpath can`). Edges need only the decision,
   * so by default a request nothing grants skips the ceilings (see EvaluateOptions).
   */
  explain?: boolean;
}

/**
 * Condition values the attacker chooses for every request: it talks TLS, so bucket policies'
 * usual "deny unless aws:SecureTransport" statements never make a path conditional.
 */
export const ATTACKER_CHOSEN: Readonly<Record<string, string[]>> = { 'aws:securetransport': ['true'] };

/**
 * A fresh context holding ATTACKER_CHOSEN's values, built by assignment: a context built by
 * spreading an object (`{ ...ATTACKER_CHOSEN, ... }`) and given more keys costs V8 about ten
 * times as much, and the graph builds one per caller and resource account (36,000 at size L).
 */
function attackerChosen(): Record<string, string[] | null> {
  const context: Record<string, string[] | null> = {};
  for (const key of ATTACKER_KEYS) context[key] = ATTACKER_CHOSEN[key]!;
  return context;
}

const ATTACKER_KEYS = Object.keys(ATTACKER_CHOSEN);

/**
 * Context of a caller outside every account of ours: no principal, account or org of ours. The
 * attacker signs its requests with a principal of its own account, so it is no AWS service.
 */
export function outsiderContext(): Record<string, string[] | null> {
  const context = attackerChosen();
  context['aws:principalarn'] = null;
  context['aws:principalaccount'] = null;
  context['aws:principalorgid'] = null;
  context['aws:principalisawsservice'] = ['false'];
  context['aws:username'] = null;
  return context;
}

/** Condition values the snapshot knows about a caller, in a fresh object (newBaseContext adds to it). Unknown keys stay residual. */
export function callerContext(principal: RequestPrincipal): Record<string, string[] | null> {
  if (principal.type === 'anonymous') return outsiderContext();
  const context = attackerChosen();
  if (principal.type === 'service') {
    context['aws:principalisawsservice'] = ['true'];
    context['aws:principalservicename'] = [principal.arn];
  }
  if (principal.type !== 'user' && principal.type !== 'role') return context;
  context['aws:principalarn'] = [principal.arn];
  context['aws:principalaccount'] = principal.accountId ? [principal.accountId] : null;
  context['aws:principaltype'] = [principal.type === 'user' ? 'User' : 'AssumedRole'];
  context['aws:principalisawsservice'] = ['false'];
  context['aws:username'] = principal.type === 'user' ? [principal.arn.split('/').pop()!] : null;
  const tags = principal.tags;
  if (tags) for (const key of Object.keys(tags)) context[`aws:principaltag/${key.toLowerCase()}`] = [tags[key]!];
  return context;
}

/**
 * Adds the organization keys of the caller and the resource. The organization data lists every member,
 * so an account of ours outside it is treated as outside any organization (keys absent).
 */
function addOrganizationContext(context: Record<string, string[] | null>, env: EvaluationEnvironment | undefined, caller: RequestPrincipal, resourceAccount: string | undefined): void {
  const org = env?.organization;
  if (!org) return;
  const iamCaller = caller.type === 'user' || caller.type === 'role' || caller.type === 'account';
  if (caller.accountId && iamCaller) {
    const member = org.has(caller.accountId);
    context['aws:principalorgid'] = member ? [org.id] : null;
    context['aws:principalorgpaths'] = member ? [org.orgPath(caller.accountId)!] : null;
  }
  if (resourceAccount) {
    const member = org.has(resourceAccount);
    context['aws:resourceorgid'] = member ? [org.id] : null;
    context['aws:resourceorgpaths'] = member ? [org.orgPath(resourceAccount)!] : null;
  }
}

/** True when RCPs govern the action's service; remembered per action as written, within the build. */
function rcpGoverns(env: EvaluationEnvironment, action: string): boolean {
  let answer = env.rcpActions.get(action);
  if (answer === undefined) env.rcpActions.set(action, (answer = supportsRcp(action.slice(0, action.indexOf(':')).toLowerCase())));
  return answer;
}

/** RCP levels for a request: member accounts, services RCPs cover, never AWS managed keys. */
function rcpLevels(env: EvaluationEnvironment | undefined, question: Question, facts: ResourceFacts | undefined) {
  if (!env?.organization || !question.resourceAccount || facts?.awsManaged) return undefined;
  return rcpGoverns(env, question.action) ? env.organization.rcpLevels(question.resourceAccount) : undefined;
}

/** The caller's context with the organization's keys and the resource account on top (a key written again keeps its place, as in a spread). */
function newBaseContext(caller: Question['caller'], resourceAccount: string | undefined): Readonly<Record<string, string[] | null>> {
  const context = callerContext(caller.request);
  addOrganizationContext(context, caller.environment, caller.request, resourceAccount);
  if (resourceAccount) context['aws:resourceaccount'] = [resourceAccount];
  return context;
}

/** The context of a caller and resource account: built once per build (in the environment), shared read-only by every decision. */
function baseContext(caller: Question['caller'], resourceAccount: string | undefined): Readonly<Record<string, string[] | null>> {
  const env = caller.environment;
  if (!env) return newBaseContext(caller, resourceAccount);
  let byAccount = env.baseContexts.get(caller.request);
  if (!byAccount) env.baseContexts.set(caller.request, (byAccount = new Map()));
  const key = resourceAccount ?? '';
  let context = byAccount.get(key);
  if (!context) byAccount.set(key, (context = newBaseContext(caller, resourceAccount)));
  return context;
}

/** A base context with a question's own values on top, built once per pair (questions reuse their context objects). */
function contextOf(env: EvaluationEnvironment | undefined, base: Readonly<Record<string, string[] | null>>, extra: Question['context']): Record<string, string[] | null> {
  if (!extra) return base as Record<string, string[] | null>;
  if (!env) return { ...base, ...extra };
  let byExtra = env.mergedContexts.get(base);
  if (!byExtra) env.mergedContexts.set(base, (byExtra = new WeakMap()));
  let context = byExtra.get(extra);
  if (!context) byExtra.set(extra, (context = { ...base, ...extra }));
  return context;
}

/** The caller-set keys a stated request (`attackerChooses: false`) leaves to the user, not the attacker. */
function withoutAttackerChoices(context: Record<string, string[] | null>, stated: Question['context']): Record<string, string[] | null> {
  const copy = { ...context };
  for (const key of Object.keys(ATTACKER_CHOSEN)) if (!stated || !Object.hasOwn(stated, key)) delete copy[key];
  return copy;
}

/** The evaluator's request and policy set of a question. */
export function prepared(question: Question): { request: AccessRequest; policies: PolicySet } {
  const { caller } = question;
  const env = caller.environment;
  const facts = env?.resourceFacts(question.resource);
  const rcps = rcpLevels(env, question, facts);
  const attackerChooses = question.attackerChooses !== false;
  const context = contextOf(env, baseContext(caller, question.resourceAccount), question.context);
  // Request and policy set assigned field by field: this runs for every decision of a build.
  const request: AccessRequest = {
    principal: caller.request,
    action: question.action,
    resource: question.resource,
    context: attackerChooses ? context : withoutAttackerChoices(context, question.context),
  };
  if (attackerChooses) request.choices = choicesOf(env, attackerChoices(env), question.choices);
  else if (question.choices) request.choices = question.choices;
  if (env?.at) request.at = env.at;
  if (question.resourceAccount) request.resourceAccount = question.resourceAccount;
  if (facts) request.resourceTags = facts.tags;
  if (facts?.region) request.resourceRegion = facts.region;
  const policies: PolicySet = { identity: caller.identity, resourcePolicyMode: question.mode ?? 'optional' };
  if (caller.boundary) policies.boundary = caller.boundary;
  if (caller.scps) policies.scps = caller.scps;
  if (rcps) policies.rcps = rcps;
  const sessionPolicies = question.sessionPolicies ?? ('session' in caller ? caller.session?.policies : undefined);
  if (sessionPolicies) policies.sessionPolicies = sessionPolicies;
  if (question.resourcePolicy) policies.resource = question.resourcePolicy;
  if (facts?.restrictPublicBuckets) policies.restrictPublicBuckets = true;
  return { request, policies };
}

/** Evaluates a question. */
export function decide(question: Question): EvaluationResult {
  const { request, policies } = prepared(question);
  return evaluate(request, policies, { explain: question.explain ?? false });
}

/**
 * A question's resource class (src/iam/resource-class.ts: equal for resources the evaluator
 * cannot tell apart, for this caller, action, context and policies) and its decision, made
 * only when asked: callers keep one decision per class instead of one per resource. The policy
 * set tells which statements the class reads (techniques/target-classes.ts).
 */
export function classify(question: Question): { resourceClass: string; policies: PolicySet; decide: () => EvaluationResult } {
  const { request, policies } = prepared(question);
  return { resourceClass: resourceClass(request, policies), policies, decide: () => evaluate(request, policies, { explain: question.explain ?? false }) };
}

/**
 * An outside caller's question, and where the caller must stand for it (src/iam/exposure.ts):
 * `internet` when a caller on the internet gets in; `network-adjacent` when only one inside a
 * VPC, a VPC endpoint or a private address range does. For a network-adjacent grant, `result`
 * is decided with the caller inside that network (the network is the exposure class, not an
 * open condition) and `network` is the condition it had to meet, for the edge to show.
 */
export function decideFromOutside(question: Question): { exposure: 'internet' | 'network-adjacent' | 'none'; result: EvaluationResult; network?: string[] } {
  const given = decide(question);
  if (given.decision === 'denied') return { exposure: 'none', result: given };
  const internet = decide({ ...question, context: { ...question.context, ...INTERNET_CONTEXT }, choices: { ...question.choices, ...INTERNET_CHOICES } });
  if (internet.decision !== 'denied') return { exposure: 'internet', result: given };
  const inside = decide({ ...question, choices: { ...question.choices, ...INSIDE_NETWORK_CHOICES } });
  return { exposure: 'network-adjacent', result: inside.decision === 'denied' ? given : inside, network: residualClauses(given) };
}

/** Policy kinds an edge's provenance can name; limits (SCP, RCP, session) never grant. */
const GRANTING_KINDS = new Set<string>(['identity', 'boundary', 'resource', 'trust', 'scp']);

/** Provenance of an allowed (or conditional) decision: the statements that granted it. */
export function provenanceOf(result: EvaluationResult, action: string, resource: string): Provenance[] {
  // Open keys by statement; most decisions are unconditional and have none.
  const openKeys = (ref: StatementRef): string[] => result.residual.find((r) => r.statement.policy.id === ref.policy.id && r.statement.index === ref.index)?.keys ?? [];
  return result.allowedBy
    .filter((ref) => !ref.policy.id.startsWith('blastpath:') && GRANTING_KINDS.has(ref.policy.kind))
    .map((ref) => ({
      policy: ref.policy.id,
      policyKind: ref.policy.kind as Provenance['policyKind'],
      statementIndex: ref.index,
      ...(ref.sid ? { sid: ref.sid } : {}),
      statementHash: ref.hash,
      action,
      resource,
      conditionKeys: result.residual.length ? openKeys(ref) : [],
    }));
}

/** Condition keys left open by a decision, sorted and unique. */
export function residualKeys(result: EvaluationResult): string[] {
  return [...new Set(result.residual.flatMap((r) => r.keys))].sort();
}

/**
 * What must hold for a conditional decision, simplified (see src/iam/residual.ts): one entry
 * per conjunct, e.g. `IpAddress aws:SourceIp 10.0.0.0/8` or `a or b`, sorted.
 */
export function residualClauses(result: EvaluationResult): string[] {
  return renderResidual(result.condition);
}
