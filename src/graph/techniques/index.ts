/**
 * Technique edges: each rule in rules/techniques names a relation, and each relation knows
 * which targets to try for a caller. Requirements are checked by the evaluator, never by
 * string matching on actions.
 */
import { mayAllowAction } from '../../iam/index.js';
import type { TechniqueRule } from '../../rules/index.js';
import { putEdge } from '../edges.js';
import { nodeIds } from '../schema.js';
import type { BuildContext } from '../context.js';
import type { Principal } from '../inventory/index.js';
import { checkTechnique, type TechniqueTarget } from './requirements.js';
import { serviceTrusts } from './service-trust.js';

/** Targets a relation offers a caller, with the node the edge points to. */
function targetsFor(ctx: BuildContext, rule: TechniqueRule, caller: Principal): Array<{ node: string; target: TechniqueTarget }> {
  const { inventory } = ctx;
  switch (rule.relation) {
    case 'self-admin':
      return [{ node: nodeIds.admin(caller.accountId), target: { arn: caller.arn, accountId: caller.accountId } }];
    case 'user-credential':
      return inventory.principals
        .filter((p) => p.kind === 'user' && p.accountId === caller.accountId && p.arn !== caller.arn)
        .map((p) => ({ node: p.arn, target: { arn: p.arn, accountId: p.accountId } }));
    case 'pass-role':
      // Roles cannot be passed across accounts; the role must trust the service.
      return inventory.principals
        .filter((p) => p.kind === 'role' && p.accountId === caller.accountId && p.arn !== caller.arn && serviceTrusts(p, rule.service!))
        .map((p) => ({ node: p.arn, target: { arn: p.arn, accountId: p.accountId } }));
    case 'existing-resource':
      return (inventory.resourcesByKind.get(rule.resourceKind!) ?? [])
        .filter((r) => r.accountId === caller.accountId || r.policy)
        .map((r) => ({ node: r.arn, target: { arn: r.arn, accountId: r.accountId, resource: r } }));
    case 'assume-role':
      return []; // derived from trust policies in trust.ts
  }
}

/** Adds the escalation edges of every active technique. */
export function addTechniqueEdges(ctx: BuildContext): void {
  for (const rule of ctx.rules.techniques) {
    if (rule.deprecated || rule.relation === 'assume-role') continue;
    const actions = [...new Set(rule.actions.map((a) => a.action))];
    for (const caller of ctx.inventory.principals) {
      if (!actions.every((action) => mayAllowAction(caller.identity, action))) continue;
      for (const { node, target } of targetsFor(ctx, rule, caller)) {
        // An admin already controls its own account: its admin finding stands for these hops.
        if (ctx.admins.has(caller.arn) && target.accountId === caller.accountId) continue;
        const attrs = checkTechnique(ctx, rule, caller, target);
        if (attrs) putEdge(ctx.graph, caller.arn, node, { kind: 'escalation', ...attrs });
      }
    }
  }
}
