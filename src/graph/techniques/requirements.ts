/**
 * Checks a technique's required actions for one caller and one target with the evaluator, and
 * turns the combined decisions into edge attributes. Every action must be at least
 * conditionally allowed; the edge is conditional when any of them is.
 */
import type { EvaluationResult } from '../../iam/index.js';
import type { TechniqueRule } from '../../rules/index.js';
import { hopConfidence } from '../confidence.js';
import { decide, provenanceOf, residualClauses } from '../decide.js';
import type { BuildContext } from '../context.js';
import type { Principal, Resource } from '../inventory/index.js';
import type { EdgeAttrs } from '../schema.js';

/** What `target` means for a technique check. */
export interface TechniqueTarget {
  arn: string;
  accountId: string;
  resource?: Resource;
}

/** Fills `{partition}`, `{region}`, `{account}` in a new-resource ARN template. */
function fillTemplate(template: string, caller: Principal, region: string): string {
  return template.replaceAll('{partition}', caller.partition).replaceAll('{region}', region).replaceAll('{account}', caller.accountId);
}

/** Regions where the caller may create resources: the account's regions in the snapshot. */
function regionsOf(ctx: BuildContext, caller: Principal): string[] {
  const regions = ctx.inventory.accounts.get(caller.accountId)?.regions ?? [];
  return regions.length ? regions : ['us-east-1'];
}

type Decided = { action: string; resource: string; result: EvaluationResult };

/** Decides one required action; new-resource actions pass when any region allows. */
function decideAction(
  ctx: BuildContext,
  rule: TechniqueRule,
  required: TechniqueRule['actions'][number],
  caller: Principal,
  target: TechniqueTarget,
  policyArn?: string,
): Decided | undefined {
  const context = rule.service && required.action.toLowerCase() === 'iam:passrole' ? { 'iam:passedtoservice': [rule.service] } : undefined;
  const ask = (resource: string, resourceAccount: string, resourcePolicy?: Resource['policy']): Decided => ({
    action: required.action,
    resource,
    result: decide({ caller, action: required.action, resource, resourceAccount, ...(resourcePolicy ? { resourcePolicy } : {}), ...(context ? { context } : {}) }),
  });
  switch (required.on) {
    case 'self':
      return ask(caller.arn, caller.accountId);
    case 'attached-customer-policy':
      return policyArn ? ask(policyArn, caller.accountId) : undefined;
    case 'target':
      return ask(target.arn, target.accountId, target.resource?.policy);
    case 'new-resource': {
      let conditional: Decided | undefined;
      for (const region of regionsOf(ctx, caller)) {
        const decided = ask(fillTemplate(required.arn!, caller, region), caller.accountId);
        if (decided.result.decision === 'allowed') return decided;
        if (decided.result.decision === 'conditional') conditional ??= decided;
      }
      return conditional;
    }
  }
}

/** Edge attributes when every required action is allowed for caller and target, else undefined. */
export function checkTechnique(ctx: BuildContext, rule: TechniqueRule, caller: Principal, target: TechniqueTarget): Omit<EdgeAttrs, 'kind'> | undefined {
  const policies = rule.actions.some((a) => a.on === 'attached-customer-policy') ? caller.customerPolicies : [undefined];
  for (const policyArn of policies) {
    const decided: Decided[] = [];
    for (const required of rule.actions) {
      const one = decideAction(ctx, rule, required, caller, target, policyArn);
      if (!one || one.result.decision === 'denied') break;
      decided.push(one);
    }
    if (decided.length !== rule.actions.length) continue;
    const conditional = decided.some((d) => d.result.decision === 'conditional');
    const residual = [...new Set(decided.flatMap((d) => residualClauses(d.result)))].sort();
    return {
      technique: rule.id,
      actions: decided.map((d) => d.action),
      provenance: decided.flatMap((d) => provenanceOf(d.result, d.action, d.resource)),
      conditional,
      confidence: hopConfidence(ctx.rules.scoring, { conditional, deferred: rule.deferred, derived: rule.confidence === 'derived' }),
      ...(conditional ? { residual } : {}),
      ...(rule.service ? { detail: { service: rule.service } } : {}),
    };
  }
  return undefined;
}
