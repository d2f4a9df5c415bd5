/**
 * Technique edges: each rule in rules/techniques names a relation, and each relation knows
 * which targets it offers (candidates.ts). Indexes pick the callers that could hold the
 * permissions at all (callers.ts); the evaluator then decides every required action, never
 * string matching on actions.
 */
import { matchesPattern, mayAllowAction } from '../../iam/index.js';
import type { RuleSet, TechniqueRule } from '../../rules/index.js';
import { edgeKey, putEdge } from '../edges.js';
import type { BuildContext } from '../context.js';
import type { Principal } from '../inventory/index.js';
import type { EdgeAttrs } from '../schema.js';
import { checkAltered } from './altered.js';
import { grantIndexOf } from '../grant-index.js';
import { callersFor, gateCallers, isFree, isPolicyAction, namedOf, policyOf } from './callers.js';
import { CALLER_INDEPENDENT, candidatesFor, candidatesOf } from './candidates.js';
import type { Candidate } from './model.js';
import { addModelInvokeEdges, invokeProvenance } from './models.js';
import { checkTechnique } from './requirements.js';

export { prepareTechniques } from './prepare.js';

/** Relations whose target is the caller itself. */
const SELF_RELATIONS: ReadonlySet<string> = new Set(['self-admin', 'self-unblock']);

/** The rule set without derived techniques (`analyze --no-derived`). */
export function withoutDerivedTechniques(rules: RuleSet): RuleSet {
  return { ...rules, techniques: rules.techniques.filter((t) => t.confidence !== 'derived') };
}

/** The kind of edge a technique draws: terminal data access, model invocation, or escalation. */
export function edgeShapeOf(rule: TechniqueRule): Pick<EdgeAttrs, 'kind' | 'access'> {
  if (rule.relation === 'prefix-access') return { kind: 'data-access', access: rule.access! };
  if (rule.gain === 'model-invocation') return { kind: 'invoke' };
  return { kind: 'escalation' };
}

const identities = new WeakMap<TechniqueRule, Pick<EdgeAttrs, 'kind' | 'access' | 'technique'>>();

/** The edge shape and technique, the part of an edge's key a rule fixes; one object per rule. */
function edgeIdentityOf(rule: TechniqueRule): Pick<EdgeAttrs, 'kind' | 'access' | 'technique'> {
  let identity = identities.get(rule);
  if (!identity) identities.set(rule, (identity = { ...edgeShapeOf(rule), technique: rule.id }));
  return identity;
}

/** For caller-dependent relations: the caller could satisfy each policy action (a role's trust). */
function qualifies(ctx: BuildContext, rule: TechniqueRule, caller: Principal, candidate: Candidate): boolean {
  return rule.actions.every((required) => {
    if (!isPolicyAction(rule, required)) return true;
    const { policy, owner } = policyOf(ctx, required, candidate);
    if (mayAllowAction(caller.identity, required.action) && caller.accountId === owner) return true;
    return (policy ? namedOf(policy, required.action) : []).some(
      (n) => n.type === 'anyone' || (n.type === 'account' && n.accountId === caller.accountId && mayAllowAction(caller.identity, required.action)) || (n.type === 'arn' && matchesPattern(n.pattern, caller.arn, { caseInsensitive: false })),
    );
  });
}

function check(ctx: BuildContext, rule: TechniqueRule, caller: Principal, candidate: Candidate): Omit<EdgeAttrs, 'kind'> | undefined {
  if (rule.relation === 'join-group' || rule.relation === 'self-unblock') return checkAltered(ctx, rule, caller, candidate);
  if (rule.gain !== 'model-invocation') return checkTechnique(ctx, rule, caller, candidate.target);
  // A Bedrock API key acts with the target's Bedrock permissions: it must be able to invoke.
  const invoke = candidate.target.principal ? invokeProvenance(ctx, candidate.target.principal) : undefined;
  return invoke ? checkTechnique(ctx, rule, caller, { ...candidate.target, evidence: [...(candidate.target.evidence ?? []), ...invoke] }) : undefined;
}

/** Decides one caller and candidate, and draws the edge when every action is allowed. */
function tryEdge(ctx: BuildContext, rule: TechniqueRule, caller: Principal, candidate: Candidate): void {
  // Candidate lists are shared by the callers of an account: a caller is never its own target.
  if (candidate.node === caller.arn || (candidate.target.principal?.arn === caller.arn && !SELF_RELATIONS.has(rule.relation))) return;
  // An admin already controls its own account: its admin finding stands for these hops.
  if (ctx.admins.has(caller.arn) && candidate.target.accountId === caller.accountId) return;
  // Many targets can lead to one node (every unbounded role to admin): the first proof, in
  // candidate order, stands for the others unless it only holds under a condition.
  const key = edgeKey(caller.arn, candidate.node, edgeIdentityOf(rule));
  if (ctx.graph.hasEdge(key) && ctx.graph.getEdgeAttribute(key, 'technique') === rule.id && !ctx.graph.getEdgeAttribute(key, 'conditional')) return;
  const attrs = check(ctx, rule, caller, candidate);
  if (attrs) putEdge(ctx.graph, caller.arn, candidate.node, { ...edgeIdentityOf(rule), ...attrs }, key);
}

/** Actions on the target that only the caller's identity policies can grant (no resource policy, no rewritten trust). */
function identityTargetActions(rule: TechniqueRule): string[] {
  return rule.actions.filter((a) => a.on === 'target' && !isPolicyAction(rule, a) && !isFree(rule, a)).map((a) => a.action);
}

/** A target whose own policy could grant what identity does not (requirements.ts asks it too). */
function hasTargetPolicy(candidate: Candidate): boolean {
  return candidate.target.policy !== undefined || candidate.target.resource?.policy !== undefined;
}

/** Adds the edges of every active technique, and every principal's model-invocation edge. */
export function addTechniqueEdges(ctx: BuildContext): void {
  addModelInvokeEdges(ctx);
  for (const rule of ctx.rules.techniques) {
    if (rule.deprecated || rule.relation === 'assume-role') continue;
    const gate = gateCallers(ctx, rule);
    if (!gate.length) continue;
    if (CALLER_INDEPENDENT.has(rule.relation)) {
      const gateSet = new Set(gate);
      for (const candidate of candidatesOf(ctx, rule)) {
        for (const caller of callersFor(ctx, rule, candidate, gateSet, gate)) tryEdge(ctx, rule, caller, candidate);
      }
      continue;
    }
    const policyActions = rule.actions.some((a) => isPolicyAction(rule, a));
    const onTarget = identityTargetActions(rule);
    const grants = grantIndexOf(ctx.inventory);
    for (const caller of gate) {
      // Every candidate of a caller-dependent relation is in the caller's own account
      // (candidates.ts), which an admin already controls: tryEdge would skip each one.
      if (ctx.admins.has(caller.arn)) continue;
      for (const candidate of candidatesFor(ctx, rule, caller)) {
        // Most callers may change a few of their account's roles, not all of them: the grant
        // index rules the others out by resource prefix before any edge key is built.
        if (onTarget.length && !hasTargetPolicy(candidate) && !onTarget.every((action) => grants.mayAllow(caller, action, candidate.target.arn))) continue;
        if (!policyActions || qualifies(ctx, rule, caller, candidate)) tryEdge(ctx, rule, caller, candidate);
      }
    }
  }
}
