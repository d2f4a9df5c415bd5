/**
 * The organization plan: which accounts exist, what each is for (management, security,
 * shared tooling, workloads in Prod/Staging/Dev/ML/Sandbox OUs), how many roles and resources
 * each gets, and the AWS Organizations section with its SCPs. Everything later reads the plan,
 * so accounts can be generated and written one at a time.
 */
import { arn, deny, doc, type Document, type Encoding } from './documents.js';
import { ALPHABETS, token, type Rng } from './random.js';

/** What an account is for. */
export type AccountKind = 'management' | 'security' | 'tooling' | 'workload';
export type Environment = 'prod' | 'staging' | 'dev' | 'ml' | 'sandbox';

/** One account of the plan. */
export interface AccountPlan {
  index: number;
  id: string;
  alias: string;
  kind: AccountKind;
  env: Environment;
  region: string;
  /** Role and resource targets; archetypes fill up to them. */
  roles: number;
  resources: number;
  encoding: Encoding;
  /** Hosts public websites: account-level Block Public Access is off. */
  publicWebsites: boolean;
}

/** The whole organization, plus the outside world it trusts. */
export interface OrgPlan {
  company: string;
  orgId: string;
  rootId: string;
  accounts: AccountPlan[];
  /** Vendor accounts outside the organization, trusted with an external id. */
  vendors: string[];
  management: AccountPlan;
  security: AccountPlan;
  tooling: AccountPlan;
  /** Central CI role that assumes every workload account's ci-deploy role. */
  ciHubRole: string;
  auditorRole: string;
  responderRole: string;
  collectedAt: string;
}

/** What the plan is made from. */
export interface PlanOptions {
  roles: number;
  accounts: number;
  resources: number;
}

const OUS: Array<[Environment, string]> = [['prod', 'Prod'], ['staging', 'Staging'], ['dev', 'Dev'], ['ml', 'ML'], ['sandbox', 'Sandbox']];

/** Splits `total` over `weights` so the parts sum to it exactly. */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const parts = raw.map(Math.floor);
  let rest = total - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (rest-- <= 0) break;
    parts[i]!++;
  }
  return parts;
}

/** Plans the organization; the first three accounts are management, security and tooling. */
export function planOrganization(options: PlanOptions, rng: Rng): OrgPlan {
  const company = rng.pick(['acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark', 'wayne', 'tyrell']);
  const ids = new Set<string>();
  const accountId = () => {
    let id: string;
    do id = String(rng.int(1, 9)) + token(`${rng.seed}:acct:${ids.size}:${rng.next()}`, 11, ALPHABETS.digits);
    while (ids.has(id));
    ids.add(id);
    return id;
  };
  const kinds: AccountKind[] = ['management', 'security', 'tooling'];
  const weights = Array.from({ length: options.accounts }, (_, i) => (i < 3 ? 0.35 : 0.7 + rng.next() * 0.6));
  const roleQuota = apportion(options.roles, weights);
  const resourceQuota = apportion(options.resources, weights.map((w, i) => (i < 3 ? w * 0.5 : w)));
  const accounts = Array.from({ length: options.accounts }, (_, index): AccountPlan => {
    const kind = kinds[index] ?? 'workload';
    const env = kind === 'workload' ? OUS[(index - 3) % OUS.length]![0] : 'prod';
    const team = kind === 'workload' ? rng.pick(['payments', 'search', 'recsys', 'fraud', 'support', 'growth', 'risk', 'ads', 'vision', 'nlp', 'data']) : kind;
    return {
      index,
      id: accountId(),
      alias: kind === 'workload' ? `${company}-${team}-${env}-${index}` : `${company}-${kind}`,
      kind,
      env,
      region: rng.chance(0.75) ? 'us-east-1' : 'eu-west-1',
      roles: roleQuota[index]!,
      resources: resourceQuota[index]!,
      encoding: rng.chance(0.3) ? 'url' : 'object',
      publicWebsites: kind === 'workload' && rng.chance(0.2),
    };
  });
  const vendors = Array.from({ length: 3 }, accountId);
  const [management, security, tooling] = [accounts[0]!, accounts[1]!, accounts[2]!];
  return {
    company,
    orgId: `o-${token(`${rng.seed}:org`, 10, ALPHABETS.lowerAlnum)}`,
    rootId: `r-${token(`${rng.seed}:root`, 4, ALPHABETS.lowerAlnum)}`,
    accounts,
    vendors,
    management,
    security,
    tooling,
    ciHubRole: arn.role(tooling.id, 'github-actions-hub'),
    auditorRole: arn.role(security.id, 'security-auditor'),
    responderRole: arn.role(security.id, 'incident-responder'),
    collectedAt: '2026-11-02T08:00:00Z',
  };
}

function scp(id: string, name: string, document: Document, targets: string[]) {
  return {
    PolicySummary: { Id: id, Arn: `arn:aws:organizations::000000000000:policy/service_control_policy/${id}`, Name: name, Type: 'SERVICE_CONTROL_POLICY', AwsManaged: name === 'FullAWSAccess' },
    Content: JSON.stringify(document),
    Targets: targets.map((TargetId) => ({ TargetId, Type: TargetId.startsWith('r-') ? 'ROOT' : TargetId.startsWith('ou-') ? 'ORGANIZATIONAL_UNIT' : 'ACCOUNT' })),
  };
}

/** The snapshot's `organization` section: OUs, accounts with parents, SCPs with targets. */
export function organizationSection(plan: OrgPlan): Record<string, unknown> {
  const ouId = (name: string) => `ou-${plan.rootId.slice(2)}-${token(`${plan.orgId}:${name}`, 8, ALPHABETS.lowerAlnum)}`;
  const workloads = ouId('Workloads');
  const ous = [
    { Id: ouId('Security'), Name: 'Security', Parents: [{ Id: plan.rootId, Type: 'ROOT' }] },
    { Id: ouId('Infrastructure'), Name: 'Infrastructure', Parents: [{ Id: plan.rootId, Type: 'ROOT' }] },
    { Id: workloads, Name: 'Workloads', Parents: [{ Id: plan.rootId, Type: 'ROOT' }] },
    ...OUS.map(([, name]) => ({ Id: ouId(name), Name: name, Parents: [{ Id: workloads, Type: 'ORGANIZATIONAL_UNIT' }] })),
  ];
  const parentOf = (a: AccountPlan) =>
    a.kind === 'management' ? plan.rootId : a.kind === 'security' ? ouId('Security') : a.kind === 'tooling' ? ouId('Infrastructure') : ouId(OUS.find(([env]) => env === a.env)![1]);
  const regions = ['us-east-1', 'eu-west-1'];
  return {
    Organization: { Id: plan.orgId, Arn: `arn:aws:organizations::${plan.management.id}:organization/${plan.orgId}`, MasterAccountId: plan.management.id, FeatureSet: 'ALL' },
    Roots: [{ Id: plan.rootId, Arn: `arn:aws:organizations::${plan.management.id}:root/${plan.orgId}/${plan.rootId}`, Name: 'Root' }],
    OrganizationalUnits: ous,
    Accounts: plan.accounts.map((a) => ({ Id: a.id, Name: a.alias, Status: 'ACTIVE', Parents: [{ Id: parentOf(a), Type: a.kind === 'management' ? 'ROOT' : 'ORGANIZATIONAL_UNIT' }] })),
    Policies: [
      // AWS attaches FullAWSAccess to the root, every OU and every account when they are created.
      scp('p-FullAWSAccess', 'FullAWSAccess', doc({ Effect: 'Allow', Action: '*', Resource: '*' }), [plan.rootId, ...ous.map((ou) => ou.Id), ...plan.accounts.map((a) => a.id)]),
      scp('p-guardrails01', 'deny-leave-and-tamper', doc(
        deny('DenyLeave', 'organizations:LeaveOrganization', '*'),
        deny('ProtectTrail', ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail'], '*'),
        deny('ProtectConfig', ['config:DeleteConfigurationRecorder', 'config:StopConfigurationRecorder'], '*'),
        deny('ProtectGuardDuty', ['guardduty:DeleteDetector', 'guardduty:DisassociateFromMasterAccount'], '*'),
      ), [plan.rootId]),
      scp('p-noroot0001', 'deny-root-user', doc(deny('DenyRootUser', '*', '*', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } })), [workloads]),
      scp('p-nousers001', 'deny-iam-user-creation', doc(deny('DenyIamUsers', ['iam:CreateUser', 'iam:CreateLoginProfile'], '*')), [ouId('Prod')]),
      scp('p-regions001', 'region-guardrail', doc({
        Sid: 'DenyOutsideApprovedRegions',
        Effect: 'Deny',
        NotAction: ['iam:*', 'organizations:*', 'sts:*', 'support:*', 'cloudfront:*', 'route53:*', 'budgets:*'],
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': regions } },
      }), [ouId('Sandbox')]),
    ],
  };
}
