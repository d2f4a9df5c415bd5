/** `join-group`: a user adds itself to a group of its account -> account admin when the group's policies make it one. */
import { compareStrings } from '../../../core/hash.js';
import { nodeIds } from '../../schema.js';
import { checkAltered } from '../altered.js';
import type { Relation } from '../relation.js';

/** Every group of the caller's account it is not in yet; the caller is evaluated as a member. */
export const joinGroup: Relation = {
  derive: {
    by: 'caller',
    candidates: (run, _rule, caller) => {
      if (caller.kind !== 'user') return [];
      return run.facts.iam
        .groupsOf(caller.accountId)
        .filter((g) => !caller.groups.includes(g.name))
        .sort((a, b) => compareStrings(a.arn, b.arn))
        .map((g) => ({ node: nodeIds.admin(caller.accountId), target: { arn: g.arn, accountId: g.accountId, detail: { group: g.arn } } }));
    },
  },
  leadsToAdmin: true,
  check: (run, rule, caller, candidate) => {
    const group = run.facts.iam.groupsOf(caller.accountId).find((g) => g.arn === candidate.target.arn);
    if (!group) return undefined;
    const principal = { ...caller, identity: [...caller.identity, ...group.identity], customerPolicies: [...caller.customerPolicies, ...group.customerPolicies], groups: [...caller.groups, group.name] };
    return checkAltered(run, rule, caller, candidate, [{ principal, detail: { group: group.arn } }]);
  },
};
