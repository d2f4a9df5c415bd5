/**
 * `unblock-takeover`: the caller removes what limits another role of its account (`unblock`:
 * its permissions boundary, or an inline or directly attached policy holding a Deny), then
 * assumes it under its current trust -> account admin when the unblocked role is one. The
 * guardrail belonged to the role, not to the caller: removing it is an escalation only because
 * the caller may then become the role.
 */
import type { TechniqueRule } from '../../../rules/index.js';
import type { Principal } from '../../facts/index.js';
import { nodeIds } from '../../schema.js';
import { checkAltered, hasDeny, unblocked } from '../altered.js';
import { accountPrincipals } from '../candidates.js';
import type { Candidate } from '../model.js';
import type { Relation, TechniqueRun } from '../relation.js';

/** IAM refuses to change service-linked roles (UnmodifiableEntity). */
const SERVICE_LINKED = ':role/aws-service-role/';

/** True when the role holds what the rule removes. */
function holds(rule: TechniqueRule, role: Principal): boolean {
  if (rule.unblock === 'boundary') return role.boundary !== undefined;
  return role.identity.some(hasDeny);
}

/** Roles of the caller's account with something to remove, shared by the account's callers. */
function candidates(run: TechniqueRun, rule: TechniqueRule, caller: Principal): Candidate[] {
  return run.cached(`unblockable|${rule.id}|${caller.accountId}`, () =>
    accountPrincipals(run, caller, 'role')
      .filter((role) => !role.arn.includes(SERVICE_LINKED) && holds(rule, role))
      .map((role) => ({ node: nodeIds.admin(role.accountId), target: { arn: role.arn, accountId: role.accountId, principal: role } })),
  );
}

/** Every role of the account that a guardrail of its own limits. */
export const unblockTakeover: Relation = {
  derive: { by: 'caller', candidates },
  leadsToAdmin: true,
  // sts:AssumeRole on the role is decided by its current trust, which may name the caller.
  targetGrant: (_rule, required) => (required.action.toLowerCase() === 'sts:assumerole' ? 'policy' : 'identity'),
  check: (run, rule, caller, candidate) => checkAltered(run, rule, caller, candidate, unblocked(run, rule, candidate.target.principal!)),
};
