/**
 * LLMjacking: invoking Bedrock foundation models at an account's cost. Each account where some
 * principal may invoke models gets one `bedrock:<account>` node (a crown jewel through the
 * `foundation-models` sensitivity rules); a principal reaches it when it may invoke any model,
 * checked on a probe model ARN so that a grant scoped to the models an application needs does
 * not count.
 */
import { mayAllowAction, type EvaluationResult } from '../../iam/index.js';
import { hopConfidence } from '../confidence.js';
import type { BuildContext } from '../context.js';
import { decide, provenanceOf, residualClauses } from '../decide.js';
import { putEdge, putNode } from '../edges.js';
import type { Principal } from '../inventory/index.js';
import { nodeIds, type Provenance } from '../schema.js';

/** A model id no account grants by name: only broad grants (`*`, `foundation-model/*`) match it. */
const PROBE_MODEL = 'blastpath-probe';

function invokeActions(ctx: BuildContext): string[] {
  return ctx.rules.resourceAccess['foundation-models']?.invoke?.anyOf ?? [];
}

/** True when some action of the spec is named by the principal's identity policies. */
function mayInvoke(ctx: BuildContext, principal: Principal): boolean {
  return invokeActions(ctx).some((action) => mayAllowAction(principal.identity, action));
}

/** Adds a foundation-models node for each account where someone may invoke models. */
export function addFoundationModelNodes(ctx: BuildContext): void {
  if (!ctx.rules.sensitivity.some((r) => !r.deprecated && r.resourceKinds.includes('foundation-models'))) return;
  for (const [accountId, account] of ctx.inventory.accounts) {
    if (!ctx.inventory.principals.some((p) => p.accountId === accountId && mayInvoke(ctx, p))) continue;
    putNode(ctx.graph, nodeIds.foundationModels(accountId), { kind: 'foundation-models', label: `Bedrock models of ${account.alias ?? accountId}`, accountId });
  }
}

/** The best decision for invoking any model in any region of the principal's account. */
export function invokeDecision(ctx: BuildContext, principal: Principal): { action: string; resource: string; result: EvaluationResult } | undefined {
  const spec = ctx.rules.resourceAccess['foundation-models']?.invoke;
  if (!spec || !mayInvoke(ctx, principal)) return undefined;
  const regions = ctx.inventory.accounts.get(principal.accountId)?.regions ?? [];
  let best: { action: string; resource: string; result: EvaluationResult } | undefined;
  for (const region of regions.length ? regions : ['us-east-1']) {
    const resource = spec.arn.replace('{arn}', `arn:${principal.partition}:bedrock:${region}::foundation-model/${PROBE_MODEL}`);
    for (const action of spec.anyOf) {
      const result = decide({ caller: principal, action, resource });
      if (result.decision === 'allowed') return { action, resource, result };
      if (result.decision === 'conditional') best ??= { action, resource, result };
    }
  }
  return best;
}

/** Provenance of a principal's model invocation, when it has one. */
export function invokeProvenance(ctx: BuildContext, principal: Principal): Provenance[] | undefined {
  const decided = invokeDecision(ctx, principal);
  return decided && provenanceOf(decided.result, decided.action, decided.resource);
}

/** Adds invoke edges from every principal that may invoke any model to its account's node. */
export function addModelInvokeEdges(ctx: BuildContext): void {
  for (const principal of ctx.inventory.principals) {
    const node = nodeIds.foundationModels(principal.accountId);
    // An admin's model invocation is implied by its admin finding.
    if (!ctx.graph.hasNode(node) || ctx.admins.has(principal.arn)) continue;
    const decided = invokeDecision(ctx, principal);
    if (!decided) continue;
    const conditional = decided.result.decision === 'conditional';
    putEdge(ctx.graph, principal.arn, node, {
      kind: 'invoke',
      actions: [decided.action],
      provenance: provenanceOf(decided.result, decided.action, decided.resource),
      conditional,
      confidence: hopConfidence(ctx.rules.scoring, { conditional }),
      ...(conditional ? { residual: residualClauses(decided.result) } : {}),
    });
  }
}
