/**
 * Preconditions: facts about a technique's target that are not permissions, read from the
 * snapshot. What the snapshot does not show counts as met, so a missing collection never
 * hides an edge (the coverage gap says what was not seen).
 */
import { mayAllowAction } from '../../iam/index.js';
import type { PRECONDITIONS } from '../../rules/index.js';
import type { BuildContext } from '../context.js';
import type { Candidate } from './model.js';

type Precondition = (typeof PRECONDITIONS)[number];

interface Facts {
  profileRole: Map<string, string>;
  rolesWithProfile: Set<string>;
  /** User ARN -> number of access keys (any status); absent when keys were not collected. */
  keyCount: Map<string, number>;
  keysKnown: Set<string>;
}

const cache = new WeakMap<BuildContext, Facts>();

function facts(ctx: BuildContext): Facts {
  let found = cache.get(ctx);
  if (found) return found;
  found = { profileRole: new Map(), rolesWithProfile: new Set(), keyCount: new Map(), keysKnown: new Set() };
  for (const account of ctx.input.snapshot.accounts) {
    const details = account.iam?.AuthorizationDetails;
    for (const role of details?.RoleDetailList ?? []) {
      for (const profile of role.InstanceProfileList ?? []) {
        if (profile.Arn) found.profileRole.set(profile.Arn, role.Arn);
        found.rolesWithProfile.add(role.Arn);
      }
    }
    const keys = account.iam?.AccessKeyMetadata;
    if (!keys) continue;
    found.keysKnown.add(account.accountId);
    const userArn = new Map((details?.UserDetailList ?? []).map((u) => [u.UserName, u.Arn]));
    for (const key of keys) {
      const arn = userArn.get(key.UserName);
      // Inactive keys count against the limit of two as well.
      if (arn) found.keyCount.set(arn, (found.keyCount.get(arn) ?? 0) + 1);
    }
  }
  cache.set(ctx, found);
  return found;
}

/** Instance profile ARN -> the role in it (GAAD RoleDetailList[].InstanceProfileList). */
export function instanceProfileRoles(ctx: BuildContext): Map<string, string> {
  return facts(ctx).profileRole;
}

/** True when the candidate meets the precondition, or the snapshot cannot tell. */
export function meets(ctx: BuildContext, precondition: Precondition, candidate: Candidate): boolean {
  const { target } = candidate;
  const workload = target.workload;
  switch (precondition) {
    case 'target-below-key-limit': {
      const user = target.principal;
      if (!user || !facts(ctx).keysKnown.has(user.accountId)) return true;
      return (facts(ctx).keyCount.get(user.arn) ?? 0) < 2;
    }
    case 'role-in-instance-profile':
      return target.principal !== undefined && facts(ctx).rolesWithProfile.has(target.principal.arn);
    case 'studio-iam-auth':
      return workload?.authMode === undefined || workload.authMode === 'IAM';
    case 'instance-running':
      return workload?.state === undefined || workload.state === 'running';
    case 'instance-ssm-managed': {
      const role = workload?.role ? ctx.inventory.principalsByArn.get(workload.role.arn) : undefined;
      return role !== undefined && mayAllowAction(role.identity, 'ssm:UpdateInstanceInformation');
    }
    case 'has-lifecycle-config':
      return workload?.lifecycleConfigArn !== undefined;
  }
}

/** True when the candidate meets every precondition of the rule. */
export function meetsAll(ctx: BuildContext, preconditions: readonly Precondition[], candidate: Candidate): boolean {
  return preconditions.every((p) => meets(ctx, p, candidate));
}
