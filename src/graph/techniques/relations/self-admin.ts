/** `self-admin`: the caller rewrites its own permissions (itself, an attached policy, a group it is in) -> account admin. */
import { nodeIds } from '../../schema.js';
import { cappedByBoundary } from '../candidates.js';
import type { Relation } from '../relation.js';

/** The caller itself is the only target; the edge leads to its account's admin node, unless a boundary caps it. */
export const selfAdmin: Relation = {
  derive: {
    by: 'caller',
    candidates: (run, _rule, caller) => (cappedByBoundary(run, caller) ? [] : [{ node: nodeIds.admin(caller.accountId), target: { arn: caller.arn, accountId: caller.accountId, principal: caller } }]),
  },
  leadsToAdmin: true,
  targetsCaller: true,
  provesAdmin: true,
};
