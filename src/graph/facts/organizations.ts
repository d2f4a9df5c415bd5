/**
 * The snapshot's AWS Organizations data as evaluation needs it: for each account, the SCPs and
 * RCPs of every level of its OU path (root first, the account last), its organization id and
 * its `aws:PrincipalOrgPaths` value. Policies are compiled once and each account's levels are
 * built once. Without organization data nothing is known about SCPs and RCPs, and none apply.
 */
import { compilePolicy, type CompiledPolicy } from '../../iam/index.js';
import { compareStrings } from '../../core/hash.js';
import type { CoverageRecord, OrganizationData } from '../../snapshot/index.js';

const SCP = 'SERVICE_CONTROL_POLICY';
const RCP = 'RESOURCE_CONTROL_POLICY';
/** AWS allows five levels of OUs under the root; anything deeper is a loop in the data. */
const MAX_DEPTH = 8;

/** Organization facts for evaluation. */
export interface OrganizationView {
  id: string;
  managementAccount: string | undefined;
  /** True when the account is a member (or the management account) of the organization. */
  has(accountId: string): boolean;
  /** SCP levels limiting principals of a member account; undefined for the management account and non-members. */
  scpLevels(accountId: string): CompiledPolicy[][] | undefined;
  /** RCP levels limiting resources of a member account; undefined for the management account and non-members. */
  rcpLevels(accountId: string): CompiledPolicy[][] | undefined;
  /** `o-.../r-.../ou-.../` for `aws:PrincipalOrgPaths` and `aws:ResourceOrgPaths`. */
  orgPath(accountId: string): string | undefined;
}

type Parents = ReadonlyArray<{ Id: string; Type?: string | undefined }>;

/** Ids from the root down to the account's own id. */
function targetPath(accountId: string, parentsOf: Map<string, Parents>): string[] {
  const path = [accountId];
  let current = accountId;
  for (let depth = 0; depth < MAX_DEPTH; depth += 1) {
    const parent = parentsOf.get(current)?.[0];
    if (!parent || path.includes(parent.Id)) break;
    path.unshift(parent.Id);
    current = parent.Id;
  }
  return path;
}

/** Builds the view; coverage gaps record levels whose policies the input lacks. */
export function organizationView(data: OrganizationData | undefined, gaps: CoverageRecord[]): OrganizationView | undefined {
  if (!data) return undefined;
  // Only organizations with all features enabled have authorization policies.
  const allFeatures = data.Organization.FeatureSet !== 'CONSOLIDATED_BILLING';
  const parentsOf = new Map<string, Parents>([
    ...data.OrganizationalUnits.map((ou): [string, Parents] => [ou.Id, ou.Parents]),
    ...data.Accounts.map((a): [string, Parents] => [a.Id, a.Parents]),
  ]);
  const members = new Set(data.Accounts.map((a) => a.Id));
  const management = data.Organization.MasterAccountId;
  if (management) members.add(management);

  const byTarget = (type: string) => {
    const map = new Map<string, CompiledPolicy[]>();
    const kind = type === SCP ? 'scp' : 'rcp';
    const policies = allFeatures ? data.Policies.filter((p) => p.PolicySummary.Type === type) : [];
    const sorted = [...policies].sort((a, b) => compareStrings(a.PolicySummary.Id, b.PolicySummary.Id));
    for (const policy of sorted) {
      const compiled = compilePolicy(policy.Content, { kind, id: policy.PolicySummary.Arn ?? `organizations:${policy.PolicySummary.Id}` });
      for (const target of policy.Targets) map.set(target.TargetId, [...(map.get(target.TargetId) ?? []), compiled]);
    }
    return { map, enabled: policies.length > 0 };
  };
  const scps = byTarget(SCP);
  const rcps = byTarget(RCP);
  const reported = new Set<string>();

  const levelsOf = (type: typeof scps, name: string) => {
    const cache = new Map<string, CompiledPolicy[][] | undefined>();
    return (accountId: string): CompiledPolicy[][] | undefined => {
      if (cache.has(accountId)) return cache.get(accountId);
      let levels: CompiledPolicy[][] | undefined;
      if (type.enabled && members.has(accountId) && accountId !== management) {
        levels = [];
        for (const id of targetPath(accountId, parentsOf)) {
          const attached = type.map.get(id);
          if (attached) levels.push(attached);
          else if (!reported.has(`${name}|${id}`)) {
            // AWS keeps at least one policy on every level; none in the input means it was not collected.
            reported.add(`${name}|${id}`);
            gaps.push({ accountId, service: 'organizations', operation: 'ListPoliciesForTarget', resource: id, outcome: 'not-collected', message: `no ${name} attached to ${id} in the input; that level is not applied` });
          }
        }
      }
      cache.set(accountId, levels);
      return levels;
    };
  };

  const paths = new Map<string, string>();
  return {
    id: data.Organization.Id,
    managementAccount: management,
    has: (accountId) => members.has(accountId),
    scpLevels: levelsOf(scps, 'SCP'),
    rcpLevels: levelsOf(rcps, 'RCP'),
    orgPath: (accountId) => {
      if (!members.has(accountId)) return undefined;
      let path = paths.get(accountId);
      if (path === undefined) {
        path = `${[data.Organization.Id, ...targetPath(accountId, parentsOf).slice(0, -1)].join('/')}/`;
        paths.set(accountId, path);
      }
      return path;
    },
  };
}
