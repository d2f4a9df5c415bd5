/**
 * `self-unblock`: the caller removes what limits it (`unblock`: its permissions boundary, an
 * inline or directly attached policy holding a Deny, or the default version of a policy it has)
 * -> account admin when the unlimited caller is one.
 */
import { nodeIds } from '../../schema.js';
import { checkAltered, unblocked } from '../altered.js';
import type { Relation } from '../relation.js';

/** The caller itself is the only target; the edge leads to admin when the unblocked caller is one. */
export const selfUnblock: Relation = {
  derive: {
    by: 'caller',
    candidates: (_run, _rule, caller) => [{ node: nodeIds.admin(caller.accountId), target: { arn: caller.arn, accountId: caller.accountId, principal: caller } }],
  },
  leadsToAdmin: true,
  targetsCaller: true,
  check: (run, rule, caller, candidate) => checkAltered(run, rule, caller, candidate, unblocked(run, rule, caller)),
};
