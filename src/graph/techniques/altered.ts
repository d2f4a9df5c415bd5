/**
 * Techniques that change the caller itself rather than reach another principal (join-group,
 * self-unblock): the caller is evaluated as it would be afterwards, one variant per way it
 * could change, and the edge leads to account admin when that caller is an administrator,
 * directly or through a relation that proves admin (self-admin). Other gains of a changed
 * caller are not modelled: the graph has one node per principal (rules/README.md, "Coverage").
 */
import { sortByKey } from '../../core/hash.js';
import type { CompiledPolicy, EvaluationResult } from '../../iam/index.js';
import type { TechniqueRule } from '../../rules/index.js';
import { ADMIN_PROBES } from '../admin.js';
import { decide, provenanceOf } from '../decide.js';
import type { Principal } from '../facts/index.js';
import type { EdgeAttrs } from '../schema.js';
import { cappedByBoundary } from './candidates.js';
import type { Candidate } from './model.js';
import type { HopAttrs, TechniqueRun } from './relation.js';
import { attrsOf, checkTechnique, decideAll, techniqueConfidence } from './requirements.js';

/** The caller as it would be after one change. */
export interface Variant {
  principal: Principal;
  /** The managed policy the change detaches (bound to iam:PolicyARN of its request). */
  removedPolicy?: string;
  /** The policy a choice-target action must act on for this variant (SetDefaultPolicyVersion). */
  fixed?: Map<string, string>;
  detail: Record<string, string>;
}

/** True when a policy holds a Deny statement. */
export const hasDeny = (policy: CompiledPolicy) => policy.statements.some((s) => s.effect === 'Deny');

/** The caller without one of its identity policies. */
export function without(caller: Principal, policy: CompiledPolicy): Variant {
  const managed = !policy.source.id.includes('#inline/');
  return { principal: { ...caller, identity: caller.identity.filter((p) => p !== policy) }, ...(managed ? { removedPolicy: policy.source.id } : {}), detail: { removed: policy.source.id } };
}

/**
 * The principal as it could be after removing what `rule.unblock` names: its permissions
 * boundary, an inline or directly attached managed policy holding a Deny, or (for the caller
 * itself) the default version of a policy attached to it.
 */
export function unblocked(run: TechniqueRun, rule: TechniqueRule, principal: Principal): Variant[] {
  switch (rule.unblock) {
    case 'boundary': {
      if (!principal.boundary) return [];
      const { boundary, ...rest } = principal;
      return [{ principal: rest, detail: { removed: boundary.source.id } }];
    }
    case 'inline-policy':
      return principal.identity.filter((p) => p.source.id.startsWith(`${principal.arn}#inline/`) && hasDeny(p)).map((p) => without(principal, p));
    case 'managed-policy': {
      const direct = new Set(run.facts.iam.directManagedOf(principal));
      return principal.identity.filter((p) => direct.has(p.source.id) && hasDeny(p)).map((p) => without(principal, p));
    }
    case 'policy-version':
      return principal.customerPolicies.flatMap((arn) =>
        run.facts.iam
          .versionsOf(arn)
          .filter((v) => !v.isDefault)
          .map((v) => ({
            principal: { ...principal, identity: principal.identity.map((p) => (p.source.id === arn ? v.policy : p)) },
            fixed: new Map([['attached-customer-policy', arn]]),
            detail: { policy: arn, version: v.versionId },
          })),
      );
    case undefined:
      // The rules schema requires `unblock` for the relations that read it.
      return [];
  }
}

function grantsEverything(principal: Principal): boolean {
  return principal.identity.some((policy) =>
    policy.statements.some((s) => s.effect === 'Allow' && !s.notAction && !s.notResource && s.actions.includes('*') && s.resources.includes('*') && s.conditions.length === 0),
  );
}

/**
 * The first admin probe's decision when every probe is allowed on `*` (admin.ts cites the
 * first), else undefined. Asked in order until one is not allowed: a changed caller that keeps
 * a conditional deny (a force-MFA policy) fails on the first, and join-group asks once per group
 * a conditional administrator may join (6,600 changed callers at 7,000 principals).
 */
function probesAllowed(principal: Principal): EvaluationResult | undefined {
  let first: EvaluationResult | undefined;
  for (const action of ADMIN_PROBES) {
    const result = decide({ caller: principal, action, resource: '*' });
    if (result.decision !== 'allowed') return undefined;
    first ??= result;
  }
  return first;
}

/** How the changed caller is an administrator, or undefined when it is not. */
function adminProof(run: TechniqueRun, principal: Principal): (Pick<EdgeAttrs, 'provenance' | 'conditional' | 'residual'> & { via: string }) | undefined {
  if (grantsEverything(principal)) {
    const first = probesAllowed(principal);
    if (first) return { via: 'admin-equivalent', provenance: provenanceOf(first, '*', '*'), conditional: false };
  }
  // A boundary left in place caps whatever the principal writes into its own policies.
  if (cappedByBoundary(run, principal)) return undefined;
  for (const rule of run.rules.techniques) {
    if (rule.deprecated || !run.relationOf(rule).provesAdmin) continue;
    const attrs = checkTechnique(run, rule, principal, { arn: principal.arn, accountId: principal.accountId, principal });
    if (attrs) return { via: rule.id, provenance: attrs.provenance, conditional: attrs.conditional, ...(attrs.residual ? { residual: attrs.residual } : {}) };
  }
  return undefined;
}

/**
 * Edge attributes when the caller may make one of the changes and is an administrator
 * afterwards. Variants are tried in content order: the first that makes it admin is the proof.
 */
export function checkAltered(run: TechniqueRun, rule: TechniqueRule, caller: Principal, candidate: Candidate, changes: Variant[]): HopAttrs | undefined {
  for (const variant of sortByKey(changes, (v) => Object.values(v.detail).join('\u0000'))) {
    const target = variant.removedPolicy ? { ...candidate.target, removedPolicy: variant.removedPolicy } : candidate.target;
    const decided = decideAll(run, rule, caller, target, variant.fixed);
    if (!decided) continue;
    const proof = adminProof(run, variant.principal);
    if (!proof) continue;
    const attrs = attrsOf(run, rule, decided, { ...candidate.target, detail: { ...candidate.target.detail, ...variant.detail, via: proof.via } });
    const conditional = attrs.conditional || proof.conditional;
    const residual = [...new Set([...(attrs.residual ?? []), ...(proof.residual ?? [])])].sort();
    return {
      ...attrs,
      provenance: [...attrs.provenance, ...proof.provenance],
      conditional,
      confidence: techniqueConfidence(run, rule, conditional),
      ...(conditional ? { residual } : {}),
    };
  }
  return undefined;
}
