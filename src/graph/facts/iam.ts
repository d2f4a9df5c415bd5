/**
 * IAM facts beyond the principals themselves (principals.ts), read from
 * GetAccountAuthorizationDetails and ListAccessKeys: access keys, instance profiles, groups and
 * every stored version of managed policies (for techniques that change the caller).
 */
import { allowsEveryAction, compilePolicy, type CompiledPolicy, type PolicyDocumentInput, type PolicyPool } from '../../iam/index.js';
import { compareStrings } from '../../core/hash.js';
import type { AccountData, AuthorizationDetails } from '../../snapshot/index.js';
import { compileManagedPolicy, isCustomer } from './principals.js';
import type { Group, PolicyVersion, Principal } from './types.js';

/**
 * IAM facts beyond the principals themselves: access keys, instance profiles, groups, stored
 * policy versions and direct attachments. Filled account by account (`read`).
 */
export class IamFacts {
  /** Active access key id -> owning user ARN. */
  readonly activeKeys = new Map<string, string>();
  /** Every access key id the snapshot lists, of any status. */
  readonly listedKeys = new Set<string>();
  /** User ARN -> number of access keys of any status (inactive keys count against the limit of two). */
  readonly keyCounts = new Map<string, number>();
  /** Accounts whose access keys were collected (ListAccessKeys). */
  readonly keysKnown = new Set<string>();
  /** Users with an active long-term Bedrock API key not expired at the analysis time (ListServiceSpecificCredentials). */
  readonly bedrockKeyUsers = new Set<string>();
  /** Instance profile ARN -> the role in it (GAAD RoleDetailList[].InstanceProfileList). */
  readonly profileRoles = new Map<string, string>();
  readonly rolesWithProfile = new Set<string>();
  private readonly groups: Group[] = [];
  private readonly groupArns = new Map<string, string>();
  private readonly versions = new Map<string, PolicyVersion[]>();
  /** User or role ARN -> managed policies attached to it directly (not through a group). */
  private readonly direct = new Map<string, string[]>();
  /** Account -> managed policies of its GAAD whose default version allows every action on every resource, with no Deny. */
  private readonly adminGranting = new Map<string, string[]>();
  private readonly partitions = new Map<string, string>();

  /** `at`: the analysis time (ISO 8601), against which Bedrock API keys' expiry is read. */
  constructor(private readonly at?: string) {}

  /** Reads one account; `policies`: the build's pool, so versions an account shares with others compile once. */
  read(account: AccountData, policies?: PolicyPool): void {
    this.partitions.set(account.accountId, account.partition);
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
        this.listedKeys.add(key.AccessKeyId);
        if (key.Status === 'Active') this.activeKeys.set(key.AccessKeyId, userArn);
        this.keyCounts.set(userArn, (this.keyCounts.get(userArn) ?? 0) + 1);
      }
    }
    const userArns = new Map((details?.UserDetailList ?? []).map((u) => [u.UserName, u.Arn]));
    for (const key of account.iam?.ServiceSpecificCredentials ?? []) {
      const userArn = userArns.get(key.UserName);
      const expired = key.ExpirationDate !== undefined && this.at !== undefined && Date.parse(key.ExpirationDate) <= Date.parse(this.at);
      if (userArn && key.ServiceName === 'bedrock.amazonaws.com' && key.Status === 'Active' && !expired) this.bedrockKeyUsers.add(userArn);
    }
    if (details) this.readGroupsAndVersions(account.accountId, details, policies);
  }

  private readGroupsAndVersions(accountId: string, details: AuthorizationDetails, policies: PolicyPool | undefined): void {
    const defaults = new Map<string, CompiledPolicy>();
    for (const policy of details.Policies) {
      const versions = policy.PolicyVersionList.map((v, i) => {
        const versionId = v.VersionId ?? `#${i}`;
        return { versionId, isDefault: v.IsDefaultVersion, policy: compileManagedPolicy(v.Document as PolicyDocumentInput, { kind: 'identity', id: policy.Arn, versionId }, policies) };
      });
      this.versions.set(policy.Arn, versions);
      const current = versions.find((v) => v.isDefault) ?? versions[0];
      if (current) defaults.set(policy.Arn, current.policy);
    }
    const granting = [...defaults].filter(([, p]) => !p.statements.some((s) => s.effect === 'Deny') && allowsEveryAction([p])).map(([arn]) => arn);
    this.adminGranting.set(accountId, granting.sort(compareStrings));
    for (const p of [...details.UserDetailList, ...details.RoleDetailList]) {
      this.direct.set(p.Arn, (p.AttachedManagedPolicies ?? []).map((m) => m.PolicyArn));
    }
    for (const group of details.GroupDetailList) {
      const inline = (group.GroupPolicyList ?? []).map((p) => compilePolicy(p.PolicyDocument as PolicyDocumentInput, { kind: 'identity', id: `${group.Arn}#inline/${p.PolicyName}` }, policies));
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

  /**
   * Managed policies whose attachment makes a principal of the account an administrator (the
   * `admin-policy` set of a technique's request): AdministratorAccess, which AWS keeps in every
   * account, then the account's own policies (and AWS managed ones GAAD lists) that allow every
   * action on every resource without a Deny. Computed at read time, in ARN order.
   */
  adminPoliciesOf(accountId: string): string[] {
    const administratorAccess = `arn:${this.partitions.get(accountId) ?? 'aws'}:iam::aws:policy/AdministratorAccess`;
    return [administratorAccess, ...(this.adminGranting.get(accountId) ?? []).filter((arn) => arn !== administratorAccess)];
  }

  /** Managed policies attached directly to a user or role (DetachUserPolicy/DetachRolePolicy can remove them). */
  directManagedOf(principal: Principal): string[] {
    return this.direct.get(principal.arn) ?? [];
  }
}
