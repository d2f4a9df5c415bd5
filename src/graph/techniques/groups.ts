/**
 * IAM groups and managed policy versions, read from the snapshot's authorization details and
 * compiled once per build: the join-group and self-unblock relations evaluate a caller with a
 * group's policies added, or with an older version of a policy in force.
 */
import { compilePolicy, type CompiledPolicy, type PolicyDocumentInput } from '../../iam/index.js';
import type { BuildContext } from '../context.js';
import type { Principal } from '../inventory/index.js';

/** A group with its policies compiled as they apply to members. */
export interface Group {
  arn: string;
  name: string;
  accountId: string;
  identity: CompiledPolicy[];
  customerPolicies: string[];
}

/** One version of a customer-managed policy. */
export interface PolicyVersion {
  versionId: string;
  isDefault: boolean;
  policy: CompiledPolicy;
}

interface Index {
  groups: Group[];
  groupArn: Map<string, string>;
  versions: Map<string, PolicyVersion[]>;
  /** User or role ARN -> managed policies attached to it directly (not through a group). */
  direct: Map<string, string[]>;
}

const cache = new WeakMap<BuildContext, Index>();
const isCustomer = (arn: string) => !arn.includes(':iam::aws:policy/');

function build(ctx: BuildContext): Index {
  const index: Index = { groups: [], groupArn: new Map(), versions: new Map(), direct: new Map() };
  for (const account of ctx.input.snapshot.accounts) {
    const details = account.iam?.AuthorizationDetails;
    if (!details) continue;
    const defaults = new Map<string, CompiledPolicy>();
    for (const policy of details.Policies) {
      const versions = policy.PolicyVersionList.map((v, i) => {
        const versionId = v.VersionId ?? `#${i}`;
        return {
          versionId,
          isDefault: v.IsDefaultVersion,
          policy: compilePolicy(v.Document as PolicyDocumentInput, { kind: 'identity', id: policy.Arn, versionId }),
        };
      });
      index.versions.set(policy.Arn, versions);
      const current = versions.find((v) => v.isDefault) ?? versions[0];
      if (current) defaults.set(policy.Arn, current.policy);
    }
    for (const p of [...details.UserDetailList, ...details.RoleDetailList]) {
      index.direct.set(p.Arn, (p.AttachedManagedPolicies ?? []).map((m) => m.PolicyArn));
    }
    for (const group of details.GroupDetailList) {
      const inline = (group.GroupPolicyList ?? []).map((p) =>
        compilePolicy(p.PolicyDocument as PolicyDocumentInput, { kind: 'identity', id: `${group.Arn}#inline/${p.PolicyName}` }),
      );
      const attached = (group.AttachedManagedPolicies ?? []).map((p) => p.PolicyArn);
      index.groups.push({
        arn: group.Arn,
        name: group.GroupName,
        accountId: account.accountId,
        identity: [...inline, ...attached.flatMap((arn) => defaults.get(arn) ?? [])],
        customerPolicies: attached.filter(isCustomer),
      });
      index.groupArn.set(`${account.accountId}|${group.GroupName}`, group.Arn);
    }
  }
  return index;
}

function indexOf(ctx: BuildContext): Index {
  let index = cache.get(ctx);
  if (!index) cache.set(ctx, (index = build(ctx)));
  return index;
}

/** ARNs of the groups a user belongs to (none for roles). */
export function groupArnsOf(ctx: BuildContext, principal: Principal): string[] {
  const { groupArn } = indexOf(ctx);
  return principal.groups.flatMap((name) => groupArn.get(`${principal.accountId}|${name}`) ?? []);
}

/** Every group of an account. */
export function groupsOf(ctx: BuildContext, accountId: string): Group[] {
  return indexOf(ctx).groups.filter((g) => g.accountId === accountId);
}

/** Every version of a managed policy, as collected (GAAD returns them all). */
export function versionsOf(ctx: BuildContext, policyArn: string): PolicyVersion[] {
  return indexOf(ctx).versions.get(policyArn) ?? [];
}

/** Managed policies attached directly to a user or role (DetachUserPolicy/DetachRolePolicy can remove them). */
export function directManagedOf(ctx: BuildContext, principal: Principal): string[] {
  return indexOf(ctx).direct.get(principal.arn) ?? [];
}
