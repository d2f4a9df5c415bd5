/**
 * Admin-equivalence, computed rather than guessed from policy names: a principal whose
 * policies allow every action on every resource, with no condition, no boundary and no deny
 * cutting the actions that matter, controls its account.
 */
import { putEdge } from './edges.js';
import { decide, provenanceOf } from './decide.js';
import { nodeIds } from './schema.js';
import type { BuildContext } from './context.js';
import type { Principal } from './inventory/index.js';

/** Actions an administrator must hold; a deny on any of them means "not admin". */
const ADMIN_PROBES = [
  'iam:AttachRolePolicy',
  'iam:CreateAccessKey',
  'iam:PutRolePolicy',
  'sts:AssumeRole',
  's3:GetObject',
  'secretsmanager:GetSecretValue',
  'kms:Decrypt',
  'lambda:UpdateFunctionCode',
] as const;

function grantsEverything(principal: Principal): boolean {
  return principal.identity.some((policy) =>
    policy.statements.some(
      (s) =>
        s.effect === 'Allow' &&
        !s.notAction &&
        !s.notResource &&
        s.actions.includes('*') &&
        s.resources.includes('*') &&
        s.conditions.length === 0,
    ),
  );
}

/** Adds admin-equivalent edges and records admin principals in the context. */
export function addAdminEdges(ctx: BuildContext): void {
  for (const principal of ctx.inventory.principals) {
    if (!grantsEverything(principal)) continue;
    const results = ADMIN_PROBES.map((action) => ({ action, result: decide({ caller: principal, action, resource: '*' }) }));
    if (!results.every((r) => r.result.decision === 'allowed')) continue;
    ctx.admins.add(principal.arn);
    putEdge(ctx.graph, principal.arn, nodeIds.admin(principal.accountId), {
      kind: 'admin-equivalent',
      actions: ['*'],
      provenance: provenanceOf(results[0]!.result, '*', '*').map((p) => ({ ...p, action: '*' })),
      conditional: false,
      confidence: 1,
    });
  }
}
