/**
 * `role-takeover`: the caller modifies another role of its account, then assumes it under its
 * current trust or a trust it rewrites to name itself (`trust`) -> the role, or `gain`.
 */
import { principalCandidates } from '../candidates.js';
import type { Relation } from '../relation.js';

/** Every role of the caller's account (service-linked roles excepted: IAM refuses to change them). */
export const roleTakeover: Relation = {
  derive: { by: 'caller', candidates: (run, rule, caller) => principalCandidates(run, rule, caller, 'role') },
  // sts:AssumeRole on the role is decided by its trust policy: the current one may name the
  // caller (a policy grant); a rewritten one names it by construction (only the evaluator tells).
  targetGrant: (rule, required) => (required.action.toLowerCase() === 'sts:assumerole' ? (rule.trust === 'current' ? 'policy' : 'free') : 'identity'),
};
