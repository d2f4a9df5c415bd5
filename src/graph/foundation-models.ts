/**
 * LLMjacking: invoking Bedrock models at an account's cost. Each account where some principal
 * may invoke models gets one `bedrock:<account>` node (a crown jewel through the
 * `foundation-models` sensitivity rules); a principal reaches it when it may invoke any model
 * (checked on a probe model ARN), or failing that one model its policies name: a foundation
 * model, a provisioned, imported or custom model. Each is billed to the account; the edge then
 * names the model (detail.model).
 */
import { matchesPattern, mayAllowAction, statementsForService, type EvaluationResult } from '../iam/index.js';
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

/**
 * Model ARNs a caller invokes with a grant on that ARN alone. An inference profile (system or
 * application) is left out: it routes to foundation models, on which the caller needs a grant
 * too (Bedrock, prerequisites for inference profiles), and that grant alone already invokes.
 */
const MODEL_KINDS = new Set(['foundation-model', 'provisioned-model', 'imported-model', 'custom-model', 'custom-model-deployment']);

const BEDROCK_ARN = /^arn:([^:]*):bedrock:([^:]*):([^:]*):([a-z-]+)\/(.+)$/;

/** One concrete ARN for a pattern part: wildcards filled, so the evaluator decides that model. */
const filled = (part: string) => part.replace(/[*?]/g, 'x');

/**
 * The model ARNs the principal's Allow statements name, made concrete (a region wildcard taken
 * as each region of the account, other wildcards filled): the models it may invoke when no
 * grant covers every model.
 */
function namedModels(principal: Principal, regions: readonly string[]): string[] {
  const out = new Set<string>();
  for (const statement of statementsForService(principal.identity, 'bedrock')) {
    if (statement.effect !== 'Allow' || statement.notResource) continue;
    for (const pattern of statement.resources) {
      const m = BEDROCK_ARN.exec(pattern);
      if (!m || !MODEL_KINDS.has(m[4]!)) continue;
      const [, partition, region, account, kind, id] = m as unknown as [string, string, string, string, string, string];
      const inRegions = /[*?]/.test(region) ? regions.filter((r) => matchesPattern(region, r, { caseInsensitive: true })) : [region];
      // Foundation models are AWS's: their ARNs have no account.
      const owner = kind === 'foundation-model' ? '' : /[*?]/.test(account) || account === '' ? principal.accountId : account;
      for (const r of inRegions) out.add(`arn:${/[*?]/.test(partition) ? principal.partition : partition}:bedrock:${r}:${owner}:${kind}/${filled(id)}`);
    }
  }
  return [...out].sort();
}

/** A decision to invoke models: `model` names the one model it holds for, when no grant covers them all. */
export interface InvokeDecision {
  action: string;
  resource: string;
  result: EvaluationResult;
  model?: string;
}

/** The best decision for invoking any model, else one named model, in the regions of the principal's account. */
export function invokeDecision(facts: Facts, rules: RuleSet, principal: Principal): InvokeDecision | undefined {
  const spec = rules.resourceAccess['foundation-models']?.invoke;
  if (!spec || !mayInvoke(rules, principal)) return undefined;
  const known = facts.accounts.get(principal.accountId)?.regions ?? [];
  const regions = known.length ? known : ['us-east-1'];
  let best: InvokeDecision | undefined;
  const ask = (model: string, named: boolean): InvokeDecision | undefined => {
    const resource = spec.arn.replace('{arn}', model);
    for (const action of spec.anyOf) {
      const result = decide({ caller: principal, action, resource });
      const decided = { action, resource, result, ...(named ? { model } : {}) };
      if (result.decision === 'allowed') return decided;
      if (result.decision === 'conditional') best ??= decided;
    }
    return undefined;
  };
  for (const region of regions) {
    const any = ask(`arn:${principal.partition}:bedrock:${region}::foundation-model/${PROBE_MODEL}`, false);
    if (any) return any;
  }
  // Every model is billed: a grant on one model is LLMjacking too, at that model's price.
  for (const model of namedModels(principal, regions)) {
    const one = ask(model, true);
    if (one) return one;
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
      ...(decided.model ? { detail: { model: decided.model } } : {}),
    });
  }
  return edges;
}
