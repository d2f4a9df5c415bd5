/**
 * Checks a technique's required actions for one caller and one target with the evaluator, and
 * turns the combined decisions into edge attributes. Every action must be at least
 * conditionally allowed; the edge is conditional when any of them is.
 */
import { accountOfArn } from '../../core/arn.js';
import { policyActsOn, type CompiledPolicy, type EvaluationResult } from '../../iam/index.js';
import type { ACTION_TARGETS, TechniqueRule } from '../../rules/index.js';
import { hopConfidence } from '../confidence.js';
import { classify, decide, provenanceOf, residualClauses, type Question } from '../decide.js';
import type { Principal } from '../facts/index.js';
import type { Provenance } from '../schema.js';
import { grantPossible } from '../access-candidates.js';
import type { TechniqueTarget } from './model.js';
import type { HopAttrs, Required, TechniqueRun } from './relation.js';
import { cachedClassDecision, cachedDecision, needsSets, orderedActions, questionSlot, requestContext, type RequestContext } from './request.js';
import type { QuestionSlot } from './question-slot.js';
import type { Classified } from './target-classes.js';
import { actsOn } from './resource-types.js';
import { trustNaming } from './rewritten-trust.js';
import { ownTrustDecision } from './trust-decisions.js';
import type { Decided, SharedHopParts } from './decided.js';

export type { Decided, SharedHopParts } from './decided.js';



/** An action that does not apply to this target (a key it does not have); it neither allows nor denies. */
const NOT_NEEDED = null;

/** Targets whose resource is one of several the caller may pick (any one suffices). */
const CHOICE_TARGETS = ['attached-customer-policy', 'member-group', 'target-customer-policy'] as const satisfies ReadonlyArray<(typeof ACTION_TARGETS)[number]>;
type Choice = (typeof CHOICE_TARGETS)[number];

function choiceValues(run: TechniqueRun, on: Choice, caller: Principal, target: TechniqueTarget): string[] {
  if (on === 'attached-customer-policy') return caller.customerPolicies;
  if (on === 'member-group') return run.facts.iam.groupArnsOf(caller);
  return target.principal?.customerPolicies ?? [];
}

/** The one combination of a rule that needs no choice (never modified). */
const NO_CHOICE: ReadonlyArray<Map<string, string>> = [new Map()];

/** Which side's choices a rule needs: none, the caller's alone, the target's alone, or both. */
type ChoiceSides = 'none' | 'caller' | 'target' | 'both';

function choiceSides(rule: TechniqueRule): ChoiceSides {
  const uses = (on: Choice) => rule.actions.some((a) => a.on === on);
  const target = uses('target-customer-policy');
  const caller = uses('attached-customer-policy') || uses('member-group');
  return caller && target ? 'both' : caller ? 'caller' : target ? 'target' : 'none';
}

/**
 * Every combination of choices the rule's actions need (NO_CHOICE when none). Made once per
 * caller, or once per target principal, when only that side's choices are needed: a rule with
 * choices is decided pair by pair, and the combinations (read, never changed) are the same.
 */
function combinations(run: TechniqueRun, rule: TechniqueRule, caller: Principal, target: TechniqueTarget): ReadonlyArray<Map<string, string>> {
  const sides = run.ofRule(rule, 'choice-sides', () => choiceSides(rule));
  if (sides === 'none') return NO_CHOICE;
  const owner = sides === 'caller' ? caller : sides === 'target' ? target.principal : undefined;
  if (!owner || run.reference) return combinationsOf(run, rule, caller, target);
  const known = run.ofRule(rule, 'combinations', () => new WeakMap<Principal, ReadonlyArray<Map<string, string>>>());
  let found = known.get(owner);
  if (!found) known.set(owner, (found = combinationsOf(run, rule, caller, target)));
  return found;
}

function combinationsOf(run: TechniqueRun, rule: TechniqueRule, caller: Principal, target: TechniqueTarget): ReadonlyArray<Map<string, string>> {
  let out: Array<Map<string, string>> = [new Map()];
  for (const on of CHOICE_TARGETS) {
    if (!rule.actions.some((a) => a.on === on)) continue;
    const values = choiceValues(run, on, caller, target);
    out = out.flatMap((combo) => values.map((v) => new Map([...combo, [on, v]])));
  }
  return out;
}

/** Regions where the caller may create resources: the target's, else the account's in the snapshot. */
function regionsOf(run: TechniqueRun, caller: Principal, target: TechniqueTarget): string[] {
  if (target.region) return [target.region];
  const regions = run.facts.accounts.get(caller.accountId)?.regions ?? [];
  return regions.length ? regions : ['us-east-1'];
}

/** Fills an ARN template; undefined when it needs a `{resource-id}` the target lacks. */
function fill(template: string, caller: Principal, region: string, target: TechniqueTarget): string | undefined {
  if (template.includes('{resource-id}') && !target.resourceId) return undefined;
  return template
    .replaceAll('{partition}', caller.partition)
    .replaceAll('{region}', region)
    .replaceAll('{account}', caller.accountId)
    .replaceAll('{resource-id}', target.resourceId ?? '');
}

/** Whether a resource policy has a statement for the action, once per policy and action. */
function policyNamesAction(run: TechniqueRun, policy: CompiledPolicy, action: string): boolean {
  let byAction = run.policyActs.get(policy);
  if (!byAction) run.policyActs.set(policy, (byAction = new Map()));
  let acts = byAction.get(action);
  if (acts === undefined) byAction.set(action, (acts = policyActsOn(policy, action)));
  return acts;
}

/** grantPossible once per run: false only when the evaluator is certain to deny. */
function possibleGrant(run: TechniqueRun): ReturnType<typeof grantPossible> {
  return run.cached('grant-possible', () => grantPossible(run.facts));
}

/** The resource policy a question carries: in `optional` mode, a policy none of whose statements names the action decides nothing and is left out (the question then joins its resource class). */
function askedPolicy(run: TechniqueRun, action: string, given: CompiledPolicy | undefined, mode: 'required' | undefined): CompiledPolicy | undefined {
  return given && (mode === 'required' || policyNamesAction(run, given, action)) ? given : undefined;
}

/** One question of a technique check, as the evaluator is asked it. */
function questionOf(caller: Principal, action: string, resource: string, resourceAccount: string | undefined, policy: CompiledPolicy | undefined, mode: 'required' | undefined, request: RequestContext): Question {
  const { context, choices } = request;
  return { caller, action, resource, ...(resourceAccount ? { resourceAccount } : {}), ...(policy ? { resourcePolicy: policy } : {}), ...(mode ? { mode } : {}), ...(context ? { context } : {}), ...(choices ? { choices } : {}) };
}

/** True when assuming the target is decided by a trust policy (the role's current one, or one the caller rewrites). */
function assumesTarget(required: Required, target: TechniqueTarget): boolean {
  return target.principal?.kind === 'role' && required.action.toLowerCase() === 'sts:assumerole';
}

/** The trust policy assuming the target role is decided by: its own, or the one the caller rewrites to name itself. */
function trustOf(run: TechniqueRun, rule: TechniqueRule, caller: Principal, target: TechniqueTarget): CompiledPolicy | undefined {
  return rule.trust === 'rewritten' ? trustNaming(run, caller) : target.principal!.trust;
}

/** The policy a `target` action's question gives before askedPolicy: the trust for assuming a role, else the target's own policy. */
function targetPolicy(run: TechniqueRun, rule: TechniqueRule, required: Required, caller: Principal, target: TechniqueTarget): { given: CompiledPolicy | undefined; mode?: 'required' } {
  return assumesTarget(required, target) ? { given: trustOf(run, rule, caller, target), mode: 'required' } : { given: target.policy ?? target.resource?.policy };
}

/**
 * A `target` action's question when it is decided by resource class (target-classes.ts): its
 * request key, slot and classify, for grouping targets (target-groups.ts); undefined when it is
 * decided per target (a role's own trust) or the rule is not decided by class. Built as
 * decideAction builds it.
 */
export function targetClassQuestion(run: TechniqueRun, rule: TechniqueRule, required: Required, caller: Principal, target: TechniqueTarget): { request: string; slot: QuestionSlot; classify: () => Classified } | undefined {
  if (required.on !== 'target' || !byClassOf(run, rule)) return undefined;
  const { given, mode } = targetPolicy(run, rule, required, caller, target);
  const policy = askedPolicy(run, required.action, given, mode);
  if (policy !== undefined && policy === target.principal?.trust) return undefined;
  const request = requestContext(run, rule, required, caller, target);
  return { request: request.key, slot: questionSlot(run, target.accountId, policy, mode), classify: () => classify(questionOf(caller, required.action, target.arn, target.accountId, policy, mode, request)) };
}

/**
 * A `target` action asked on the target role's own trust when the target is a role with one,
 * as decideAction asks it (its decisions are shared per trust shape and class,
 * trust-decisions.ts): its request key and the question for such a role, the same for every
 * target. Undefined for any other action, and for one whose request names a set (its key would
 * depend on the target).
 */
export function ownTrustQuestion(run: TechniqueRun, rule: TechniqueRule, required: Required, caller: Principal, target: TechniqueTarget): { request: string; classify: (role: Principal) => Classified } | undefined {
  if (required.on !== 'target' || required.action.toLowerCase() !== 'sts:assumerole' || rule.trust === 'rewritten' || needsSets(run, required)) return undefined;
  // Without a set the request is the action's own, whatever the target.
  const request = requestContext(run, rule, required, caller, target);
  return { request: request.key, classify: (role) => classify(questionOf(caller, required.action, role.arn, role.accountId, role.trust, 'required', request)) };
}

/**
 * What a `target` action's question reads of the target besides its resource's class, as text:
 * how it is asked (assuming a role under a rewritten trust, or the target's policy after the
 * grant prefilter), its request key, account, policy and side of AWS managed keys. 'own' when
 * it is asked per target (a role's own trust). The same for every caller: a `target` action's
 * request reads the target's sets, not the caller's, and a rewritten trust, the one per-caller
 * part, is marked rather than named (target-groups.ts).
 */
export function targetSignature(run: TechniqueRun, rule: TechniqueRule, required: Required, caller: Principal, target: TechniqueTarget): string {
  const assumes = assumesTarget(required, target);
  const rewritten = assumes && rule.trust === 'rewritten';
  const { given, mode } = rewritten ? { given: undefined, mode: 'required' as const } : targetPolicy(run, rule, required, caller, target);
  const policy = askedPolicy(run, required.action, given, mode);
  if (policy !== undefined && policy === target.principal?.trust) return 'own';
  const slot = questionSlot(run, target.accountId, policy, mode);
  const side = run.targetClasses?.awsManaged(target.arn) === true;
  return `${assumes ? (rewritten ? 'rewritten' : 'trust') : 'possible'}|${requestContext(run, rule, required, caller, target).key}|${slot.account}|${slot.policy}|${side}`;
}

/**
 * True when the rule's decisions are shared per resource class. Relations that list every
 * candidate of the caller's account (role takeover, user keys) ask one caller about many
 * targets: there one decision per resource class pays (a conditional admin is decided once for
 * all users of its account, not once per user). Where callers are found per candidate, the
 * class would cost about what the decision does, unless the edges go into blocks, which need
 * the decisions shared (block-forming.ts).
 */
function byClassOf(run: TechniqueRun, rule: TechniqueRule): boolean {
  return run.relationOf(rule).derive.by === 'caller' || run.classed.has(rule);
}

/** Decides one required action; template actions pass when any region allows. */
function decideAction(run: TechniqueRun, rule: TechniqueRule, required: Required, caller: Principal, target: TechniqueTarget, combo: Map<string, string>): Decided | null | undefined {
  const requested = requestContext(run, rule, required, caller, target);
  const requestKey = requested.key;
  // Where each caller asks about each target once (an existing resource is its own candidate),
  // remembering the answer would only hold memory (a few hundred thousand decisions at 10,000 roles).
  const once = run.relationOf(rule).asksTargetOnce === true && required.on === 'target';
  const byClass = byClassOf(run, rule);
  const ask = (resource: string | undefined, resourceAccount: string | undefined, given?: CompiledPolicy, mode?: 'required'): Decided | undefined => {
    if (resource === undefined) return undefined;
    const policy = askedPolicy(run, required.action, given, mode);
    const question = (): Question => questionOf(caller, required.action, resource, resourceAccount, policy, mode, requested);
    // The rest of the question besides request and resource, as a number: no text per pair.
    const slot = questionSlot(run, resourceAccount, policy, mode);
    // A role's own trust is its alone: never one class with another role (a trust the caller
    // rewrites to name itself is the same for every role, and classes well). Its decisions are
    // shared by trust shape and class instead, re-pointed at each role's trust (trust-decisions.ts).
    const ownTrust = policy !== undefined && policy === target.principal?.trust;
    if (!byClass || ownTrust) {
      const evaluate = ownTrust ? () => ownTrustDecision(run, caller, requestKey, required.action, target.principal!, () => classify(question()), () => decide(question())) : () => decide(question());
      // Own-trust decisions are shared by shape already: a map per pair would only hold memory.
      const result = once || (ownTrust && !run.reference) ? evaluate() : cachedDecision(run, caller, requestKey, slot, resource, evaluate);
      return ownTrust ? { action: required.action, resource, result, trust: policy.source.id } : { action: required.action, resource, result };
    }
    const classes = run.targetClasses;
    if (classes) return { action: required.action, resource, result: classes.decision(caller, requestKey, slot, required.action, resource, () => classify(question())) };
    const { resourceClass, decide: evaluate } = classify(question());
    return { action: required.action, resource, result: cachedClassDecision(run, caller, `${requestKey}|${slot.account}|${slot.policy}`, resourceClass, evaluate) };
  };
  // Checks repeated over every role, function or prefix of an account are mostly denials: skip
  // the evaluator when neither the caller's statements nor the resource policy can grant. The
  // policy's principals are matched as the evaluator matches them (NotPrincipal, session ARNs).
  const askIfPossible = (resource: string, resourceAccount: string, policy?: CompiledPolicy) =>
    possibleGrant(run)(caller, required.action, resource, resourceAccount, policy) ? ask(resource, resourceAccount, policy) : undefined;
  switch (required.on) {
    case 'self':
      // A user technique applies to users, a role technique to roles (resource-types.ts).
      return actsOn(run, required.action, caller.arn) ? ask(caller.arn, caller.accountId) : undefined;
    case 'attached-customer-policy':
    case 'member-group':
    case 'target-customer-policy':
      return ask(combo.get(required.on), caller.accountId);
    case 'target':
      // Assuming a role is decided by its trust policy, which must allow (current or rewritten).
      if (assumesTarget(required, target)) return ask(target.arn, target.accountId, trustOf(run, rule, caller, target), 'required');
      return askIfPossible(target.arn, target.accountId, target.policy ?? target.resource?.policy);
    case 'target-lifecycle-config':
      return ask(target.lifecycleConfigArn, target.accountId);
    case 'target-domain':
      return ask(target.domainArn, target.accountId);
    case 'target-key': {
      // Without a customer managed key the configuration is readable with the other actions alone.
      if (!target.keyArn) return NOT_NEEDED;
      const key = run.facts.resourcesByArn.get(target.keyArn);
      return ask(target.keyArn, key?.accountId ?? target.accountId, key?.policy, key?.policy ? 'required' : undefined);
    }
    case 'workload':
      return target.workload ? askIfPossible(target.workload.arn, target.workload.accountId, target.workload.policy) : undefined;
    case 'workload-passed-role': {
      // A request that changes the workload names this role again (iam:PassRole); none, nothing to pass.
      const passed = target.workload?.passedRole;
      return passed ? ask(passed, accountOfArn(passed)) : NOT_NEEDED;
    }
    case 'artifact':
      return target.artifact ? askIfPossible(target.artifact.arn, target.artifact.accountId ?? target.accountId, target.artifact.policy) : undefined;
    case 'new-resource':
    case 'named-resource': {
      let conditional: Decided | undefined;
      for (const region of regionsOf(run, caller, target)) {
        const arn = fill(required.arn!, caller, region, target);
        const owner = required.on === 'new-resource' ? caller.accountId : accountOfArn(arn ?? '');
        const decided = ask(arn, owner);
        if (decided?.result.decision === 'allowed') return decided;
        if (decided?.result.decision === 'conditional') conditional ??= decided;
      }
      return conditional;
    }
  }
}

/** Per-edge confidence of a technique hop: deferred, derived and steering factors multiply in. */
export function techniqueConfidence(run: TechniqueRun, rule: TechniqueRule, conditional: boolean): number {
  const scoring = run.rules.scoring;
  const base = hopConfidence(scoring, { conditional, deferred: rule.deferred, derived: rule.confidence === 'derived' });
  const steered = run.relationOf(rule).steering?.(scoring, rule) ?? 1;
  return Math.round(base * steered * 1e6) / 1e6;
}

/**
 * True when an action's request is the caller's alone whatever the target: a resource the
 * caller creates or names from a template without the target's region or id, with a context
 * that names no set (a set may name the target's policies).
 */
function callerOnly(run: TechniqueRun, required: Required, target: TechniqueTarget): boolean {
  return (required.on === 'new-resource' || required.on === 'named-resource') && !target.region && !required.arn!.includes('{resource-id}') && !needsSets(run, required);
}

/** decideAction for a callerOnly action, once per caller (pass-role rules ask it for every role the caller may pass). */
function decidedForCaller(run: TechniqueRun, rule: TechniqueRule, required: Required, caller: Principal, target: TechniqueTarget, combo: Map<string, string>): Decided | null | undefined {
  const byCaller = run.ofRule(required, 'by-caller', () => new WeakMap<Principal, { decided: Decided | null | undefined }>());
  let known = byCaller.get(caller);
  if (!known) byCaller.set(caller, (known = { decided: decideAction(run, rule, required, caller, target, combo) }));
  return known.decided;
}

/**
 * The decisions of every required action for the first combination of choices that allows
 * them all (or for `fixed` choices only), or undefined when none does.
 */
export function decideAll(run: TechniqueRun, rule: TechniqueRule, caller: Principal, target: TechniqueTarget, fixed?: Map<string, string>): Decided[] | undefined {
  for (const combo of fixed ? [fixed] : combinations(run, rule, caller, target)) {
    const decided: Decided[] = [];
    let complete = true;
    for (const required of orderedActions(run, rule)) {
      const one = !run.reference && callerOnly(run, required, target) ? decidedForCaller(run, rule, required, caller, target, combo) : decideAction(run, rule, required, caller, target, combo);
      if (one === NOT_NEEDED) continue;
      if (!one || one.result.decision === 'denied') {
        complete = false;
        break;
      }
      decided.push(one);
    }
    if (complete) return decided;
  }
  return undefined;
}

/** One required action of a rule without choices, decided for caller and target as decideAll decides it (target-groups.ts). */
export function decideOne(run: TechniqueRun, rule: TechniqueRule, required: Required, caller: Principal, target: TechniqueTarget): Decided | null | undefined {
  return decideAction(run, rule, required, caller, target, NO_CHOICE[0]!);
}

/**
 * True when every action of the rule whose `on` is in `ons` is at least conditionally allowed
 * (decisions are cached, so a later full check reuses them). Lets pass-role techniques on an
 * existing workload test each workload once rather than once per role.
 */
export function allowsOn(run: TechniqueRun, rule: TechniqueRule, caller: Principal, target: TechniqueTarget, ons: ReadonlySet<string>): boolean {
  return rule.actions.every((required) => {
    if (!ons.has(required.on)) return true;
    const one = decideAction(run, rule, required, caller, target, NO_CHOICE[0]!);
    return one === NOT_NEEDED || (one !== undefined && one.result.decision !== 'denied');
  });
}

/**
 * The provenance of one decision, built once per decision object: a cached decision backs an
 * edge per target (a conditional admin's edge per user of its account), and the same record
 * objects let the edge set's key cache answer instead of serializing each record again.
 */
function provenanceOfDecided(run: TechniqueRun, d: Decided): Provenance[] {
  return decisionProvenance(run, d.result, d.action, d.resource);
}

/** provenanceOf once per decision object, action and resource (the last asked is kept); never mutate the records. */
export function decisionProvenance(run: TechniqueRun, result: EvaluationResult, action: string, resource: string): Provenance[] {
  const known = run.provenance.get(result);
  if (known && known.action === action && known.resource === resource) return known.records;
  const records = provenanceOf(result, action, resource);
  run.provenance.set(result, { action, resource, records });
  return records;
}

/** Keys the rule's requests declare (`context:`), lower-cased, once per rule and run. */
function declaredKeys(run: TechniqueRun, rule: TechniqueRule): ReadonlySet<string> {
  return run.ofRule(rule, 'declared-keys', () => new Set(rule.actions.flatMap((a) => Object.keys(a.context ?? {}).map((k) => k.toLowerCase()))));
}

/** The values the attack picked for the keys its rule declares (the admin policy it attaches), for the edge's detail. */
function chosenValues(run: TechniqueRun, rule: TechniqueRule, decided: readonly Decided[]): Record<string, string> | undefined {
  const declared = declaredKeys(run, rule);
  if (!declared.size) return undefined;
  let out: Record<string, string> | undefined;
  for (const { result } of decided) {
    for (const [key, value] of Object.entries(result.chosen ?? {})) if (value !== null && declared.has(key)) (out ??= {})[key] = value;
  }
  return out;
}

/** Clauses of one decision, sorted and unique, rendered once per decision (a cached decision backs an edge per target). */
function clausesOf(run: TechniqueRun, result: EvaluationResult): readonly string[] {
  let clauses = run.residuals.get(result);
  if (!clauses) run.residuals.set(result, (clauses = [...new Set(residualClauses(result))].sort()));
  return clauses;
}

/** What must hold for a conditional hop: every decision's clauses, sorted and unique (a fresh list per edge). */
function residualOf(run: TechniqueRun, decided: readonly Decided[]): string[] {
  const open = decided.filter((d) => d.result.decision === 'conditional');
  if (open.length === 1) return [...clausesOf(run, open[0]!.result)];
  return [...new Set(open.flatMap((d) => clausesOf(run, d.result)))].sort();
}

/** The parts of attrsOf that depend on the decisions alone, once per block rather than once per edge. */
export function sharedHopParts(run: TechniqueRun, rule: TechniqueRule, decided: readonly Decided[]): SharedHopParts {
  const conditional = decided.some((d) => d.result.decision === 'conditional');
  const chosen = chosenValues(run, rule, decided);
  return {
    actions: decided.map((d) => d.action),
    records: decided.map((d) => provenanceOfDecided(run, d)),
    conditional,
    confidence: techniqueConfidence(run, rule, conditional),
    ...(conditional ? { residual: residualOf(run, decided) } : {}),
    ...(rule.service ? { service: rule.service } : {}),
    ...(chosen ? { chosen } : {}),
  };
}

/** Edge attributes (all but kind and access) from a list of decisions. */
export function attrsOf(run: TechniqueRun, rule: TechniqueRule, decided: Decided[], target: TechniqueTarget): HopAttrs {
  const conditional = decided.some((d) => d.result.decision === 'conditional');
  // Built per edge (hundreds of thousands at scale): the residual only when conditional, the
  // detail only when there is one.
  const chosen = chosenValues(run, rule, decided);
  const detail = rule.service || target.detail || chosen ? { ...(rule.service ? { service: rule.service } : {}), ...target.detail, ...chosen } : undefined;
  return {
    technique: rule.id,
    actions: decided.map((d) => d.action),
    provenance: [...decided.flatMap((d) => provenanceOfDecided(run, d)), ...(target.evidence ?? [])],
    conditional,
    confidence: techniqueConfidence(run, rule, conditional),
    ...(conditional ? { residual: residualOf(run, decided) } : {}),
    ...(detail && Object.keys(detail).length ? { detail } : {}),
  };
}

/** Edge attributes when every required action is allowed for caller and target, else undefined. */
export function checkTechnique(run: TechniqueRun, rule: TechniqueRule, caller: Principal, target: TechniqueTarget): HopAttrs | undefined {
  const decided = decideAll(run, rule, caller, target);
  return decided ? attrsOf(run, rule, decided, target) : undefined;
}
