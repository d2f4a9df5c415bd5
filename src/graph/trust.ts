/**
 * can-assume edges between principals of the snapshot: the role's trust policy must allow the
 * caller and, when it only names the caller's account or the caller is in another account, the
 * caller's own policies must allow sts:AssumeRole on the role too. The evaluator decides both.
 */
import { mayAllowAction, matchesPattern } from '../iam/index.js';
import { hopConfidence } from './confidence.js';
import { decide, provenanceOf, residualClauses } from './decide.js';
import { putEdge } from './edges.js';
import { namedAwsPrincipals } from './trust-principals.js';
import type { BuildContext } from './context.js';
import { grantIndexOf } from './grant-index.js';
import type { Inventory, Principal } from './inventory/index.js';

const ASSUME = 'sts:AssumeRole';
export const ASSUME_TECHNIQUE = 'sts-assume-role';

const byAccountCache = new WeakMap<Inventory, Map<string, Principal[]>>();

/** Principals by account id, computed once per inventory. */
function principalsOf(inventory: Inventory, accountId: string): Principal[] {
  let byAccount = byAccountCache.get(inventory);
  if (!byAccount) {
    byAccount = new Map();
    for (const p of inventory.principals) {
      const list = byAccount.get(p.accountId);
      if (list) list.push(p);
      else byAccount.set(p.accountId, [p]);
    }
    byAccountCache.set(inventory, byAccount);
  }
  return byAccount.get(accountId) ?? [];
}

/**
 * Principals of the snapshot a role's trust policy could let in. A trust that names an account
 * delegates to that account's IAM, and any caller from another account needs its own allow:
 * those callers come from the grant index (identity policies naming sts:AssumeRole on a pattern
 * that can match the role), not from every principal of the account.
 */
function candidateCallers(ctx: BuildContext, role: Principal): Principal[] {
  const { inventory } = ctx;
  const out = new Set<Principal>();
  const grants = grantIndexOf(inventory);
  for (const named of namedAwsPrincipals(role.trust!, ASSUME)) {
    if (named.type === 'anyone') {
      principalsOf(inventory, role.accountId).forEach((p) => out.add(p));
      grants.principalsFor(ASSUME, role.arn).forEach((p) => out.add(p));
    } else if (named.type === 'account') {
      grants.principalsFor(ASSUME, role.arn, named.accountId).forEach((p) => out.add(p));
    } else if (!named.pattern.includes('*') && !named.pattern.includes('?')) {
      const exact = inventory.principalsByArn.get(named.pattern);
      if (exact) out.add(exact);
    } else {
      principalsOf(inventory, named.accountId)
        .filter((p) => matchesPattern(named.pattern, p.arn, { caseInsensitive: false }))
        .forEach((p) => out.add(p));
    }
  }
  out.delete(role);
  return [...out];
}

/** Adds a can-assume edge for every caller the trust policy and the caller's policies allow. */
export function addAssumeEdges(ctx: BuildContext): void {
  const technique = ctx.rules.techniques.find((t) => t.id === ASSUME_TECHNIQUE && !t.deprecated);
  if (!technique) return;
  for (const role of ctx.inventory.principals) {
    if (role.kind !== 'role' || !role.trust) continue;
    for (const caller of candidateCallers(ctx, role)) {
      // A caller that names no sts:AssumeRole anywhere can only get in through an explicit
      // trust grant to its own ARN in the same account; anything else needs an identity allow.
      const sameAccount = caller.accountId === role.accountId;
      // An admin already controls its own account: its admin finding stands for this hop.
      if (sameAccount && ctx.admins.has(caller.arn)) continue;
      if (!sameAccount && !mayAllowAction(caller.identity, ASSUME)) continue;
      const result = decide({ caller, action: ASSUME, resource: role.arn, resourceAccount: role.accountId, resourcePolicy: role.trust, mode: 'required' });
      if (result.decision === 'denied') continue;
      const conditional = result.decision === 'conditional';
      putEdge(ctx.graph, caller.arn, role.arn, {
        kind: 'can-assume',
        technique: technique.id,
        actions: [ASSUME],
        provenance: provenanceOf(result, ASSUME, role.arn),
        conditional,
        confidence: hopConfidence(ctx.rules.scoring, { conditional }),
        ...(conditional ? { residual: residualClauses(result) } : {}),
      });
    }
  }
}
