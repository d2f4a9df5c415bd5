/**
 * Admin-equivalence, computed rather than guessed from policy names: a principal is
 * admin-equivalent when evaluation says it can do `*` on `*`. Its identity policies (custom,
 * inline and managed alike) must allow every action of the catalog on every resource without
 * a condition, every ceiling (boundary, each SCP level) must let every action through, and
 * the actions an administrator relies on must evaluate to allowed, so no deny cuts them.
 *
 * One-step self-grants (iam:PutRolePolicy on its own role, iam:AttachUserPolicy on itself,
 * iam:CreatePolicyVersion on an attached policy, its group's policies) are not folded in here:
 * the self-admin techniques in rules/techniques already draw them as escalation edges to
 * `admin:<account>`, with their own provenance and residuals (docs/iam-evaluation.md).
 */
import { allowsEveryAction } from '../iam/index.js';
import { decide, provenanceOf } from './decide.js';
import { EdgeSet, type ProvenanceKeys } from './edges.js';
import type { Facts, Principal } from './facts/index.js';
import { nodeIds } from './schema.js';

/** Actions an administrator must hold; a deny on any of them means "not admin". */
export const ADMIN_PROBES = [
  'iam:AttachRolePolicy',
  'iam:CreateAccessKey',
  'iam:PutRolePolicy',
  'sts:AssumeRole',
  's3:GetObject',
  'secretsmanager:GetSecretValue',
  'kms:Decrypt',
  'lambda:UpdateFunctionCode',
] as const;

/** True when identity policies and every ceiling let every action through on every resource. */
function coversEverything(principal: Principal): boolean {
  if (!allowsEveryAction(principal.identity)) return false;
  if (principal.boundary && !allowsEveryAction([principal.boundary])) return false;
  return (principal.scps ?? []).every((level) => allowsEveryAction(level));
}

/** Admin-equivalent edges, and the admins: principals whose same-account hops fold into their admin finding. */
export function adminEdges(facts: Facts, keys: ProvenanceKeys): { edges: EdgeSet; admins: Set<string> } {
  const edges = new EdgeSet(keys);
  const admins = new Set<string>();
  for (const principal of facts.principals) {
    if (!coversEverything(principal)) continue;
    const results = ADMIN_PROBES.map((action) => ({ action, result: decide({ caller: principal, action, resource: '*' }) }));
    if (!results.every((r) => r.result.decision === 'allowed')) continue;
    admins.add(principal.arn);
    edges.put(principal.arn, nodeIds.admin(principal.accountId), {
      kind: 'admin-equivalent',
      actions: ['*'],
      provenance: provenanceOf(results[0]!.result, '*', '*').map((p) => ({ ...p, action: '*' })),
      conditional: false,
      confidence: 1,
    });
  }
  return { edges, admins };
}
