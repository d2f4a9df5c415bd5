/**
 * LLMjacking: invoking Bedrock foundation models at an account's cost. Each account where some
 * principal may invoke models gets one `bedrock:<account>` node (a crown jewel through the
 * `foundation-models` sensitivity rules); a principal reaches it when it may invoke any model,
 * checked on a probe model ARN so that a grant scoped to the models an application needs does
 * not count.
 */
import { mayAllowAction, type EvaluationResult } from '../iam/index.js';
import type { RuleSet } from '../rules/index.js';
import { hopConfidence } from './confidence.js';
import { decide, provenanceOf, residualClauses } from './decide.js';
import { EdgeSet, type ProvenanceKeys } from './edges.js';
import type { Facts, Principal } from './facts/index.js';
import { nodeIds, type Provenance } from './schema.js';

/** A model id no account grants by name: only broad grants (`*`, `foundation-model/*`) match it. */
const PROBE_MODEL = 'blastpath-probe';

/** True when some action of the spec is named by the principal's identity policies. */
function mayInvoke(rules: RuleSet, principal: Principal): boolean {
  return (rules.resourceAccess['foundation-models']?.invoke?.anyOf ?? []).some((action) => mayAllowAction(principal.identity, action));
}

/** Accounts that get a foundation-models node: where some principal may invoke models, when a sensitivity rule cares. */
export function foundationModelAccounts(facts: Facts, rules: RuleSet): Set<string> {
  const accounts = new Set<string>();
  if (!rules.sensitivity.some((r) => !r.deprecated && r.resourceKinds.includes('foundation-models'))) return accounts;
  for (const accountId of facts.accounts.keys()) {
    if ((facts.principalsByAccount.get(accountId) ?? []).some((p) => mayInvoke(rules, p))) accounts.add(accountId);
  }
  return accounts;
}

/** The best decision for invoking any model in any region of the principal's account. */
export function invokeDecision(facts: Facts, rules: RuleSet, principal: Principal): { action: string; resource: string; result: EvaluationResult } | undefined {
  const spec = rules.resourceAccess['foundation-models']?.invoke;
  if (!spec || !mayInvoke(rules, principal)) return undefined;
  const regions = facts.accounts.get(principal.accountId)?.regions ?? [];
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
export function invokeProvenance(facts: Facts, rules: RuleSet, principal: Principal): Provenance[] | undefined {
  const decided = invokeDecision(facts, rules, principal);
  return decided && provenanceOf(decided.result, decided.action, decided.resource);
}

/** Invoke edges from every principal that may invoke any model to its account's node; admins excepted. */
export function modelInvokeEdges(facts: Facts, rules: RuleSet, scope: { admins: ReadonlySet<string>; modelAccounts: ReadonlySet<string> }, keys: ProvenanceKeys): EdgeSet {
  const edges = new EdgeSet(keys);
  for (const principal of facts.principals) {
    // An admin's model invocation is implied by its admin finding.
    if (!scope.modelAccounts.has(principal.accountId) || scope.admins.has(principal.arn)) continue;
    const decided = invokeDecision(facts, rules, principal);
    if (!decided) continue;
    const conditional = decided.result.decision === 'conditional';
    edges.put(principal.arn, nodeIds.foundationModels(principal.accountId), {
      kind: 'invoke',
      actions: [decided.action],
      provenance: provenanceOf(decided.result, decided.action, decided.resource),
      conditional,
      confidence: hopConfidence(rules.scoring, { conditional }),
      ...(conditional ? { residual: residualClauses(decided.result) } : {}),
    });
  }
  return edges;
}
