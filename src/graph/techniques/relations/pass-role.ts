/**
 * `pass-role`: iam:PassRole on a role of the account that trusts `service`, plus the actions that
 * make the service run as it: on a new resource, or on an existing workload of `resourceKind`
 * the caller re-roles -> that role.
 */
import type { ACTION_TARGETS, TechniqueRule } from '../../../rules/index.js';
import type { Principal, Workload } from '../../facts/index.js';
import { accountPrincipals, accountWorkloads } from '../candidates.js';
import type { Candidate, TechniqueTarget } from '../model.js';
import { aboutWorkload, meetsAll } from '../preconditions.js';
import type { Relation, TechniqueRun } from '../relation.js';
import { allowsOn } from '../requirements.js';

/** Workload actions are checked on the workload itself; template actions may name it too. */
const WORKLOAD_ONS: ReadonlySet<string> = new Set(['workload', 'new-resource', 'named-resource'] satisfies Array<(typeof ACTION_TARGETS)[number]>);

/** A pass-role target's workload fields; `arn` and `principal` are the role's, filled by the caller. */
function workloadTarget(workload: Workload, caller: Principal): TechniqueTarget {
  return {
    arn: caller.arn,
    accountId: workload.accountId,
    workload,
    region: workload.region,
    ...(workload.domainArn ? { domainArn: workload.domainArn } : {}),
    ...(workload.resourceId ? { resourceId: workload.resourceId } : {}),
  };
}

function candidates(run: TechniqueRun, rule: TechniqueRule, caller: Principal): Candidate[] {
  // Roles cannot be passed across accounts; the role must trust the service.
  const roles = accountPrincipals(run, caller, 'role', rule.service);
  if (!rule.resourceKind) {
    return run.cached(`passable|${rule.service}|${caller.accountId}`, () => roles.map((role) => ({ node: role.arn, target: { arn: role.arn, accountId: role.accountId, principal: role } })));
  }
  // The edge leads to the role whatever workload is re-roled: the first workload the caller may
  // change stands for all, so the check is one per workload plus one per role.
  const workloadFacts = aboutWorkload(rule.preconditions);
  const workload = accountWorkloads(run, rule.resourceKind, caller.accountId).find((w) => {
    const target = workloadTarget(w, caller);
    return meetsAll(run, workloadFacts, { node: '', target }) && allowsOn(run, rule, caller, target, WORKLOAD_ONS);
  });
  if (!workload) return [];
  // Every caller that may change this workload gets the same candidates (the caller's own ARN
  // in workloadTarget is replaced by the role's).
  return run.cached(`rerole|${rule.id}|${workload.arn}`, () =>
    roles.map((role) => ({ node: role.arn, target: { ...workloadTarget(workload, caller), arn: role.arn, principal: role, detail: { workload: workload.arn } } })),
  );
}

/** Every role of the caller's account that trusts the rule's service. */
export const passRole: Relation = { derive: { by: 'caller', candidates } };
