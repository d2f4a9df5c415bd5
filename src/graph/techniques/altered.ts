/**
 * Techniques that change the caller itself rather than reach another principal: joining a
 * group, or removing what limits it (a permissions boundary, a policy holding a deny, the
 * default version of a policy). The caller is evaluated as it would be afterwards; the edge
 * leads to account admin when that caller is an administrator, directly or through a
 * self-admin technique. Other gains of a changed caller are not modelled: the graph has one
 * node per principal (rules/README.md, "Coverage").
 */
import { sortByKey } from '../../core/hash.js';
import type { CompiledPolicy } from '../../iam/index.js';
import type { TechniqueRule } from '../../rules/index.js';
import type { BuildContext } from '../context.js';
import { decide, provenanceOf } from '../decide.js';
import type { Principal } from '../inventory/index.js';
import type { EdgeAttrs } from '../schema.js';
import { directManagedOf, groupsOf, versionsOf } from './groups.js';
import type { Candidate } from './model.js';
import { attrsOf, checkTechnique, decideAll, techniqueConfidence } from './requirements.js';

/** Actions an administrator must hold; the same probes admin-equivalence uses. */
const ADMIN_PROBES = ['iam:AttachRolePolicy', 'iam:CreateAccessKey', 'iam:PutRolePolicy', 'sts:AssumeRole', 's3:GetObject', 'secretsmanager:GetSecretValue', 'kms:Decrypt', 'lambda:UpdateFunctionCode'];

interface Variant {
  principal: Principal;
  /** The policy a choice-target action must act on for this variant (SetDefaultPolicyVersion). */
  fixed?: Map<string, string>;
  detail: Record<string, string>;
}

const hasDeny = (policy: CompiledPolicy) => policy.statements.some((s) => s.effect === 'Deny');

function without(caller: Principal, policy: CompiledPolicy): Variant {
  return { principal: { ...caller, identity: caller.identity.filter((p) => p !== policy) }, detail: { removed: policy.source.id } };
}

/** The ways the caller could change itself, in content order (the first that makes it admin is the proof). */
function variants(ctx: BuildContext, rule: TechniqueRule, caller: Principal, candidate: Candidate): Variant[] {
  const key = (v: Variant) => Object.values(v.detail).join('\u0000');
  return sortByKey(changes(ctx, rule, caller, candidate), key);
}

function changes(ctx: BuildContext, rule: TechniqueRule, caller: Principal, candidate: Candidate): Variant[] {
  if (rule.relation === 'join-group') {
    const group = groupsOf(ctx, caller.accountId).find((g) => g.arn === candidate.target.arn);
    if (!group) return [];
    const principal = { ...caller, identity: [...caller.identity, ...group.identity], customerPolicies: [...caller.customerPolicies, ...group.customerPolicies], groups: [...caller.groups, group.name] };
    return [{ principal, detail: { group: group.arn } }];
  }
  switch (rule.unblock) {
    case 'boundary': {
      if (!caller.boundary) return [];
      const { boundary, ...rest } = caller;
      return [{ principal: rest, detail: { removed: boundary.source.id } }];
    }
    case 'inline-policy':
      return caller.identity.filter((p) => p.source.id.startsWith(`${caller.arn}#inline/`) && hasDeny(p)).map((p) => without(caller, p));
    case 'managed-policy': {
      const direct = new Set(directManagedOf(ctx, caller));
      return caller.identity.filter((p) => direct.has(p.source.id) && hasDeny(p)).map((p) => without(caller, p));
    }
    case 'policy-version':
      return caller.customerPolicies.flatMap((arn) =>
        versionsOf(ctx, arn)
          .filter((v) => !v.isDefault)
          .map((v) => ({
            principal: { ...caller, identity: caller.identity.map((p) => (p.source.id === arn ? v.policy : p)) },
            fixed: new Map([['attached-customer-policy', arn]]),
            detail: { policy: arn, version: v.versionId },
          })),
      );
    default:
      return [];
  }
}

function grantsEverything(principal: Principal): boolean {
  return principal.identity.some((policy) =>
    policy.statements.some((s) => s.effect === 'Allow' && !s.notAction && !s.notResource && s.actions.includes('*') && s.resources.includes('*') && s.conditions.length === 0),
  );
}

/** How the changed caller is an administrator, or undefined when it is not. */
function adminProof(ctx: BuildContext, principal: Principal): Pick<EdgeAttrs, 'provenance' | 'conditional' | 'residual'> & { via: string } | undefined {
  if (grantsEverything(principal)) {
    const results = ADMIN_PROBES.map((action) => decide({ caller: principal, action, resource: '*' }));
    if (results.every((r) => r.decision === 'allowed')) return { via: 'admin-equivalent', provenance: provenanceOf(results[0]!, '*', '*'), conditional: false };
  }
  for (const rule of ctx.rules.techniques) {
    if (rule.deprecated || rule.relation !== 'self-admin') continue;
    const attrs = checkTechnique(ctx, rule, principal, { arn: principal.arn, accountId: principal.accountId, principal });
    if (attrs) return { via: rule.id, provenance: attrs.provenance, conditional: attrs.conditional, ...(attrs.residual ? { residual: attrs.residual } : {}) };
  }
  return undefined;
}

/** Edge attributes when the caller may make the change and is an administrator afterwards. */
export function checkAltered(ctx: BuildContext, rule: TechniqueRule, caller: Principal, candidate: Candidate): Omit<EdgeAttrs, 'kind'> | undefined {
  for (const variant of variants(ctx, rule, caller, candidate)) {
    const decided = decideAll(ctx, rule, caller, candidate.target, variant.fixed);
    if (!decided) continue;
    const proof = adminProof(ctx, variant.principal);
    if (!proof) continue;
    const attrs = attrsOf(ctx, rule, decided, { ...candidate.target, detail: { ...candidate.target.detail, ...variant.detail, via: proof.via } });
    const conditional = attrs.conditional || proof.conditional;
    const residual = [...new Set([...(attrs.residual ?? []), ...(proof.residual ?? [])])].sort();
    return {
      ...attrs,
      provenance: [...attrs.provenance, ...proof.provenance],
      conditional,
      confidence: techniqueConfidence(ctx.rules.scoring, rule, conditional),
      ...(conditional ? { residual } : {}),
    };
  }
  return undefined;
}
