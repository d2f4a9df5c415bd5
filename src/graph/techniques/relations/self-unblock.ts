/**
 * `self-unblock`: the caller removes what limits it (`unblock`: its permissions boundary, an
 * inline or directly attached policy holding a Deny, or the default version of a policy it has)
 * -> account admin when the unlimited caller is one.
 */
import type { TechniqueRule } from '../../../rules/index.js';
import type { Principal } from '../../facts/index.js';
import { nodeIds } from '../../schema.js';
import { checkAltered, hasDeny, without, type Variant } from '../altered.js';
import type { Relation, TechniqueRun } from '../relation.js';

/** The callers the caller could become by removing what `rule.unblock` names. */
function variants(run: TechniqueRun, rule: TechniqueRule, caller: Principal): Variant[] {
  switch (rule.unblock) {
    case 'boundary': {
      if (!caller.boundary) return [];
      const { boundary, ...rest } = caller;
      return [{ principal: rest, detail: { removed: boundary.source.id } }];
    }
    case 'inline-policy':
      return caller.identity.filter((p) => p.source.id.startsWith(`${caller.arn}#inline/`) && hasDeny(p)).map((p) => without(caller, p));
    case 'managed-policy': {
      const direct = new Set(run.facts.iam.directManagedOf(caller));
      return caller.identity.filter((p) => direct.has(p.source.id) && hasDeny(p)).map((p) => without(caller, p));
    }
    case 'policy-version':
      return caller.customerPolicies.flatMap((arn) =>
        run.facts.iam
          .versionsOf(arn)
          .filter((v) => !v.isDefault)
          .map((v) => ({
            principal: { ...caller, identity: caller.identity.map((p) => (p.source.id === arn ? v.policy : p)) },
            fixed: new Map([['attached-customer-policy', arn]]),
            detail: { policy: arn, version: v.versionId },
          })),
      );
    case undefined:
      // The rules schema requires `unblock` for this relation.
      return [];
  }
}

/** The caller itself is the only target; the edge leads to admin when the unblocked caller is one. */
export const selfUnblock: Relation = {
  derive: {
    by: 'caller',
    candidates: (_run, _rule, caller) => [{ node: nodeIds.admin(caller.accountId), target: { arn: caller.arn, accountId: caller.accountId, principal: caller } }],
  },
  leadsToAdmin: true,
  targetsCaller: true,
  check: (run, rule, caller, candidate) => checkAltered(run, rule, caller, candidate, variants(run, rule, caller)),
};
