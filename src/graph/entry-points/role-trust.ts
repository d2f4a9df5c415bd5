/**
 * Entry points in role trust policies: roles anyone can assume, roles an account outside the
 * snapshot can assume, and roles any holder of an OIDC token can assume because nothing pins
 * the token's subject. Each is decided by evaluating the trust policy for the attacker.
 */
import { accountRootArn } from '../../core/arn.js';
import { evaluate, type EvaluationResult, type RequestPrincipal } from '../../iam/index.js';
import { hopConfidence } from '../confidence.js';
import { ATTACKER_CHOSEN, outsiderContext, provenanceOf, residualClauses } from '../decide.js';
import { putEdge, putNode } from '../edges.js';
import { nodeIds, type NodeAttrs } from '../schema.js';
import { ASSUME_TECHNIQUE } from '../trust.js';
import { namedAwsPrincipals } from '../trust-principals.js';
import type { BuildContext } from '../context.js';
import type { Principal } from '../inventory/index.js';
import { attackerTokenContext, oidcProvidersIn } from './oidc.js';
import { outsiderIdentity } from './outsider.js';

interface EntryHop {
  from: string;
  fromAttrs: NodeAttrs;
  role: Principal;
  entryPoint: string;
  action: string;
  result: EvaluationResult;
  detail?: Record<string, string>;
}

function addEntryHop(ctx: BuildContext, hop: EntryHop): void {
  if (hop.result.decision === 'denied') return;
  const conditional = hop.result.decision === 'conditional';
  putNode(ctx.graph, hop.from, hop.fromAttrs);
  putEdge(ctx.graph, hop.from, hop.role.arn, {
    kind: 'can-assume',
    technique: ASSUME_TECHNIQUE,
    entryPoint: hop.entryPoint,
    actions: [hop.action],
    provenance: provenanceOf(hop.result, hop.action, hop.role.arn),
    conditional,
    confidence: hopConfidence(ctx.rules.scoring, { conditional }),
    ...(conditional ? { residual: residualClauses(hop.result) } : {}),
    ...(hop.detail ? { detail: hop.detail } : {}),
  });
  ctx.entries.push({ node: hop.from, entryPoint: hop.entryPoint });
}

function trustDecision(role: Principal, principal: RequestPrincipal, action: string, context: Record<string, string[] | null>) {
  return evaluate(
    { principal, action, resource: role.arn, resourceAccount: role.accountId, context },
    { identity: outsiderIdentity(), resource: role.trust!, resourcePolicyMode: 'required' },
  );
}

/** Values a trust policy requires for `sts:ExternalId`; the trusted vendor knows them. */
function externalIds(role: Principal): string[] {
  return role.trust!.statements.flatMap((s) => s.conditions.filter((c) => c.key === 'sts:externalid').flatMap((c) => c.values));
}

/** Adds can-assume entry edges from `anonymous`, outside accounts and OIDC providers. */
export function detectTrustEntries(ctx: BuildContext): void {
  const known = ctx.inventory.accounts;
  for (const role of ctx.inventory.principals) {
    if (role.kind !== 'role' || !role.trust) continue;
    const named = namedAwsPrincipals(role.trust, 'sts:AssumeRole');
    if (named.some((n) => n.type === 'anyone')) {
      addEntryHop(ctx, {
        from: nodeIds.anonymous,
        fromAttrs: { kind: 'anonymous', label: 'any AWS principal' },
        role,
        entryPoint: 'role-trusts-anyone',
        action: 'sts:AssumeRole',
        result: trustDecision(role, { arn: '*', type: 'anonymous' }, 'sts:AssumeRole', outsiderContext()),
      });
    }
    const ids = externalIds(role);
    for (const principal of named) {
      if (principal.type === 'anyone' || known.has(principal.accountId)) continue;
      const root = accountRootArn(principal.accountId, role.partition);
      const arn = principal.type === 'arn' ? principal.pattern : root;
      const request: RequestPrincipal = { arn, type: principal.type === 'arn' ? (arn.includes(':user/') ? 'user' : 'role') : 'account', accountId: principal.accountId };
      addEntryHop(ctx, {
        from: root,
        fromAttrs: { kind: 'external-account', label: 'outside account', accountId: principal.accountId },
        role,
        entryPoint: 'role-trusts-external-account',
        action: 'sts:AssumeRole',
        result: trustDecision(role, request, 'sts:AssumeRole', {
          // Which principal of that account calls, and its organization, are the outsider's
          // business: they stay open unless the trust names one principal.
          ...ATTACKER_CHOSEN,
          'aws:principalaccount': [principal.accountId],
          ...(ids.length ? { 'sts:externalid': ids } : {}),
          ...(principal.type === 'arn' && !/[*?]/.test(arn) ? { 'aws:principalarn': [arn] } : {}),
        }),
        detail: { principal: arn, ...(ids.length ? { mitigation: 'sts:ExternalId' } : {}) },
      });
    }
    for (const provider of oidcProvidersIn(role.trust)) {
      addEntryHop(ctx, {
        from: provider.arn,
        fromAttrs: { kind: 'oidc-provider', label: provider.host, ...(provider.accountId ? { accountId: provider.accountId } : {}) },
        role,
        entryPoint: 'oidc-trust-without-subject',
        action: 'sts:AssumeRoleWithWebIdentity',
        result: trustDecision(role, { arn: provider.arn, type: 'federated' }, 'sts:AssumeRoleWithWebIdentity', { ...ATTACKER_CHOSEN, ...attackerTokenContext(role.trust, provider.host) }),
        detail: { issuer: provider.host },
      });
    }
  }
}
