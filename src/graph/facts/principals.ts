/**
 * IAM principals, read from GetAccountAuthorizationDetails: users and roles with their policies
 * compiled once (identity policies: inline, managed default version, and for users their
 * groups' policies; boundary; trust policy). Everything downstream evaluates against these
 * objects, never against raw documents.
 */
import { compilePolicy, type CompiledPolicy, type PolicyDocumentInput, type PolicyPool, type PolicySource } from '../../iam/index.js';
import type { AccountData, AuthorizationDetails, CoverageRecord, ManagedPolicyDetail } from '../../snapshot/index.js';
import type { EvaluationEnvironment } from './environment.js';
import { tagMap, type Principal } from './types.js';

interface PolicyAttachment {
  PolicyArn: string;
}

/** True for a customer-managed policy (not one of AWS's). */
export const isCustomer = (arn: string) => !arn.includes(':iam::aws:policy/');

/**
 * Compiles every principal of one account; unknown managed policies become coverage gaps. With
 * an environment, each principal carries its SCP levels and the environment itself; with a pool
 * (one per build), repeated policy text compiles once (an AWS managed policy once for every account).
 */
export function compilePrincipals(account: AccountData, gaps: CoverageRecord[], environment?: EvaluationEnvironment, policies?: PolicyPool): Principal[] {
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
    if (!policy) compiledManaged.set(key, (policy = compileManagedPolicy(found.document, { kind, id: arn, ...(found.versionId ? { versionId: found.versionId } : {}) }, policies)));
    return policy;
  };
  const attached = (list: readonly PolicyAttachment[] | undefined, owner: string): CompiledPolicy[] =>
    (list ?? []).flatMap((p) => compileManaged(p.PolicyArn, owner, 'identity') ?? []);
  const inline = (owner: string, list: ReadonlyArray<{ PolicyName: string; PolicyDocument: unknown }> | undefined) =>
    (list ?? []).map((p) => compilePolicy(p.PolicyDocument as PolicyDocumentInput, { kind: 'identity', id: `${owner}#inline/${p.PolicyName}` }, policies));

  const groups = new Map(details.GroupDetailList.map((g) => [g.GroupName, g]));
  // A group's inline policies are compiled once and shared by its members, as managed policies
  // are: compiling them per member multiplied their statements by the group's size.
  const groupInline = new Map<string, CompiledPolicy[]>();
  const inlineOfGroup = (group: (typeof details.GroupDetailList)[number]): CompiledPolicy[] => {
    let compiled = groupInline.get(group.Arn);
    if (!compiled) groupInline.set(group.Arn, (compiled = inline(group.Arn, group.GroupPolicyList)));
    return compiled;
  };
  const principals: Principal[] = [];

  for (const user of details.UserDetailList) {
    const identity = [...inline(user.Arn, user.UserPolicyList), ...attached(user.AttachedManagedPolicies, user.Arn)];
    const customerPolicies = (user.AttachedManagedPolicies ?? []).map((p) => p.PolicyArn).filter(isCustomer);
    for (const groupName of user.GroupList ?? []) {
      const group = groups.get(groupName);
      if (!group) continue;
      identity.push(...inlineOfGroup(group), ...attached(group.AttachedManagedPolicies, group.Arn));
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
      trust: compilePolicy(role.AssumeRolePolicyDocument, { kind: 'trust', id: `${role.Arn}#trust-policy` }, policies),
      customerPolicies: [...new Set((role.AttachedManagedPolicies ?? []).map((p) => p.PolicyArn).filter(isCustomer))].sort(),
      groups: [],
      request: { arn: role.Arn, type: 'role', accountId: account.accountId, tags },
      ...organizational(role.Arn),
    });
  }
  return principals;
}

/** A managed policy's version compiled, once for the build when there is a pool. */
export function compileManagedPolicy(document: PolicyDocumentInput, source: PolicySource, policies: PolicyPool | undefined): CompiledPolicy {
  return policies ? policies.managed(document, source, () => compilePolicy(document, source, policies)) : compilePolicy(document, source);
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
