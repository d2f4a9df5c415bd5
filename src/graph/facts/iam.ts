/**
 * IAM facts, read from GetAccountAuthorizationDetails and ListAccessKeys: users and roles with
 * their policies compiled once (identity policies: inline, managed default version, and for
 * users their groups' policies; boundary; trust policy), groups and every stored version of
 * managed policies (for techniques that change the caller), access keys, instance profiles.
 * Everything downstream evaluates against these objects, never against raw documents.
 */
import { compilePolicy, type CompiledPolicy, type PolicyDocumentInput } from '../../iam/index.js';
import type { AccountData, AuthorizationDetails, CoverageRecord, ManagedPolicyDetail } from '../../snapshot/index.js';
import type { EvaluationEnvironment } from './environment.js';
import { tagMap, type Group, type PolicyVersion, type Principal } from './types.js';

interface PolicyAttachment {
  PolicyArn: string;
}

const isCustomer = (arn: string) => !arn.includes(':iam::aws:policy/');

/**
 * Compiles every principal of one account; unknown managed policies become coverage gaps. With
 * an environment, each principal carries its SCP levels and the environment itself.
 */
export function compilePrincipals(account: AccountData, gaps: CoverageRecord[], environment?: EvaluationEnvironment): Principal[] {
  const details = account.iam?.AuthorizationDetails;
  if (!details) return [];
  const scps = environment?.organization?.scpLevels(account.accountId);
  // SCPs do not restrict service-linked roles (IAM path /aws-service-role/).
  const organizational = (arn: string) => ({
    ...(scps && !arn.includes(':role/aws-service-role/') ? { scps } : {}),
    ...(environment ? { environment } : {}),
  });
  const managed = indexManagedPolicies(details);
  const compiledManaged = new Map<string, CompiledPolicy>();
  const compileManaged = (arn: string, owner: string, kind: 'identity' | 'boundary'): CompiledPolicy | undefined => {
    const found = managed.get(arn);
    if (!found) {
      gaps.push({
        accountId: account.accountId,
        service: 'iam',
        operation: 'GetAccountAuthorizationDetails',
        resource: arn,
        outcome: 'not-collected',
        message: `managed policy attached to ${owner} is not in the input; its permissions are unknown`,
      });
      return undefined;
    }
    // Compiled once per policy and use, however many principals attach it (compiled policies
    // are immutable, and evaluation caches hang on them).
    const key = `${kind}|${arn}`;
    let policy = compiledManaged.get(key);
    if (!policy) compiledManaged.set(key, (policy = compilePolicy(found.document, { kind, id: arn, ...(found.versionId ? { versionId: found.versionId } : {}) })));
    return policy;
  };
  const attached = (list: readonly PolicyAttachment[] | undefined, owner: string): CompiledPolicy[] =>
    (list ?? []).flatMap((p) => compileManaged(p.PolicyArn, owner, 'identity') ?? []);
  const inline = (owner: string, list: ReadonlyArray<{ PolicyName: string; PolicyDocument: unknown }> | undefined) =>
    (list ?? []).map((p) => compilePolicy(p.PolicyDocument as PolicyDocumentInput, { kind: 'identity', id: `${owner}#inline/${p.PolicyName}` }));

  const groups = new Map(details.GroupDetailList.map((g) => [g.GroupName, g]));
  const principals: Principal[] = [];

  for (const user of details.UserDetailList) {
    const identity = [...inline(user.Arn, user.UserPolicyList), ...attached(user.AttachedManagedPolicies, user.Arn)];
    const customerPolicies = (user.AttachedManagedPolicies ?? []).map((p) => p.PolicyArn).filter(isCustomer);
    for (const groupName of user.GroupList ?? []) {
      const group = groups.get(groupName);
      if (!group) continue;
      identity.push(...inline(group.Arn, group.GroupPolicyList), ...attached(group.AttachedManagedPolicies, group.Arn));
      customerPolicies.push(...(group.AttachedManagedPolicies ?? []).map((p) => p.PolicyArn).filter(isCustomer));
    }
    const boundaryArn = user.PermissionsBoundary?.PermissionsBoundaryArn;
    const tags = tagMap(user.Tags);
    principals.push({
      arn: user.Arn,
      kind: 'user',
      name: user.UserName,
      accountId: account.accountId,
      partition: account.partition,
      tags,
      identity,
      ...(boundaryArn ? optionalBoundary(compileManaged(boundaryArn, user.Arn, 'boundary')) : {}),
      customerPolicies: [...new Set(customerPolicies)].sort(),
      groups: [...(user.GroupList ?? [])].sort(),
      request: { arn: user.Arn, type: 'user', accountId: account.accountId, tags },
      ...organizational(user.Arn),
    });
  }

  for (const role of details.RoleDetailList) {
    const boundaryArn = role.PermissionsBoundary?.PermissionsBoundaryArn;
    const tags = tagMap(role.Tags);
    principals.push({
      arn: role.Arn,
      kind: 'role',
      name: role.RoleName,
      accountId: account.accountId,
      partition: account.partition,
      tags,
      identity: [...inline(role.Arn, role.RolePolicyList), ...attached(role.AttachedManagedPolicies, role.Arn)],
      ...(boundaryArn ? optionalBoundary(compileManaged(boundaryArn, role.Arn, 'boundary')) : {}),
      trust: compilePolicy(role.AssumeRolePolicyDocument, { kind: 'trust', id: `${role.Arn}#trust-policy` }),
      customerPolicies: [...new Set((role.AttachedManagedPolicies ?? []).map((p) => p.PolicyArn).filter(isCustomer))].sort(),
      groups: [],
      request: { arn: role.Arn, type: 'role', accountId: account.accountId, tags },
      ...organizational(role.Arn),
    });
  }
  return principals;
}

/**
 * A boundary we cannot read is neither "no boundary" nor "deny all": compileManaged has already
 * recorded the gap, and the principal stays unbounded so the report can say what was not seen.
 */
function optionalBoundary(boundary: CompiledPolicy | undefined) {
  return boundary ? { boundary } : {};
}

/** Managed policies by ARN, with the document of their default version. */
function indexManagedPolicies(details: AuthorizationDetails) {
  const byArn = new Map<string, { document: Parameters<typeof compilePolicy>[0]; versionId?: string }>();
  for (const policy of details.Policies as ManagedPolicyDetail[]) {
    const version = policy.PolicyVersionList.find((v) => v.IsDefaultVersion) ?? policy.PolicyVersionList[0];
    if (version) byArn.set(policy.Arn, { document: version.Document, ...(version.VersionId ? { versionId: version.VersionId } : {}) });
  }
  return byArn;
}

/** Tags of every role and user of an account, by ARN (for `aws:ResourceTag` on a principal). */
export function principalTags(account: AccountData): Array<[string, Record<string, string>]> {
  const details = account.iam?.AuthorizationDetails;
  return [...(details?.RoleDetailList ?? []), ...(details?.UserDetailList ?? [])].map((entity) => [entity.Arn, tagMap(entity.Tags)]);
}

/**
 * IAM facts beyond the principals themselves: access keys, instance profiles, groups, stored
 * policy versions and direct attachments. Filled account by account (`read`).
 */
export class IamFacts {
  /** Active access key id -> owning user ARN. */
  readonly activeKeys = new Map<string, string>();
  /** User ARN -> number of access keys of any status (inactive keys count against the limit of two). */
  readonly keyCounts = new Map<string, number>();
  /** Accounts whose access keys were collected (ListAccessKeys). */
  readonly keysKnown = new Set<string>();
  /** Instance profile ARN -> the role in it (GAAD RoleDetailList[].InstanceProfileList). */
  readonly profileRoles = new Map<string, string>();
  readonly rolesWithProfile = new Set<string>();
  private readonly groups: Group[] = [];
  private readonly groupArns = new Map<string, string>();
  private readonly versions = new Map<string, PolicyVersion[]>();
  /** User or role ARN -> managed policies attached to it directly (not through a group). */
  private readonly direct = new Map<string, string[]>();

  /** Reads one account. */
  read(account: AccountData): void {
    const details = account.iam?.AuthorizationDetails;
    for (const role of details?.RoleDetailList ?? []) {
      for (const profile of role.InstanceProfileList ?? []) {
        if (profile.Arn) this.profileRoles.set(profile.Arn, role.Arn);
        this.rolesWithProfile.add(role.Arn);
      }
    }
    const keys = account.iam?.AccessKeyMetadata;
    if (keys) {
      this.keysKnown.add(account.accountId);
      // ListAccessKeys names users, not ARNs.
      const userArns = new Map((details?.UserDetailList ?? []).map((u) => [u.UserName, u.Arn]));
      for (const key of keys) {
        const userArn = userArns.get(key.UserName);
        if (!userArn) continue;
        if (key.Status === 'Active') this.activeKeys.set(key.AccessKeyId, userArn);
        this.keyCounts.set(userArn, (this.keyCounts.get(userArn) ?? 0) + 1);
      }
    }
    if (details) this.readGroupsAndVersions(account.accountId, details);
  }

  private readGroupsAndVersions(accountId: string, details: AuthorizationDetails): void {
    const defaults = new Map<string, CompiledPolicy>();
    for (const policy of details.Policies) {
      const versions = policy.PolicyVersionList.map((v, i) => {
        const versionId = v.VersionId ?? `#${i}`;
        return { versionId, isDefault: v.IsDefaultVersion, policy: compilePolicy(v.Document as PolicyDocumentInput, { kind: 'identity', id: policy.Arn, versionId }) };
      });
      this.versions.set(policy.Arn, versions);
      const current = versions.find((v) => v.isDefault) ?? versions[0];
      if (current) defaults.set(policy.Arn, current.policy);
    }
    for (const p of [...details.UserDetailList, ...details.RoleDetailList]) {
      this.direct.set(p.Arn, (p.AttachedManagedPolicies ?? []).map((m) => m.PolicyArn));
    }
    for (const group of details.GroupDetailList) {
      const inline = (group.GroupPolicyList ?? []).map((p) => compilePolicy(p.PolicyDocument as PolicyDocumentInput, { kind: 'identity', id: `${group.Arn}#inline/${p.PolicyName}` }));
      const attached = (group.AttachedManagedPolicies ?? []).map((p) => p.PolicyArn);
      this.groups.push({
        arn: group.Arn,
        name: group.GroupName,
        accountId,
        identity: [...inline, ...attached.flatMap((arn) => defaults.get(arn) ?? [])],
        customerPolicies: attached.filter(isCustomer),
      });
      this.groupArns.set(`${accountId}|${group.GroupName}`, group.Arn);
    }
  }

  /** ARNs of the groups a user belongs to (none for roles). */
  groupArnsOf(principal: Principal): string[] {
    return principal.groups.flatMap((name) => this.groupArns.get(`${principal.accountId}|${name}`) ?? []);
  }

  /** Every group of an account. */
  groupsOf(accountId: string): Group[] {
    return this.groups.filter((g) => g.accountId === accountId);
  }

  /** Every version of a managed policy, as collected (GAAD returns them all). */
  versionsOf(policyArn: string): PolicyVersion[] {
    return this.versions.get(policyArn) ?? [];
  }

  /** Managed policies attached directly to a user or role (DetachUserPolicy/DetachRolePolicy can remove them). */
  directManagedOf(principal: Principal): string[] {
    return this.direct.get(principal.arn) ?? [];
  }
}
