/**
 * The dense single-account profile: one large monolithic account, written as bare
 * `aws iam get-account-authorization-details` output (what a new user tries first). Users and
 * roles are grouped in teams whose shared customer-managed policies let members assume, pass
 * and mint keys for each other; platform policies link teams into one big strongly connected
 * component; about 5 % of principals are administrators; human users carry a deny-without-MFA
 * policy and admin roles an MFA-conditioned deny on IAM. Same principals and seed, same bytes.
 */
import { AccountBuilder } from './account.js';
import { allow, arn, deny, doc, trust, type Document } from './documents.js';
import { ALPHABETS, Rng, token } from './random.js';

/** What the dense profile is made from. */
export interface DenseOptions {
  /** Users plus roles. */
  principals: number;
  seed: string;
}

const TEAM_NAMES = ['payments', 'search', 'recsys', 'fraud', 'support', 'growth', 'risk', 'ads', 'catalog', 'checkout', 'identity', 'billing', 'ledger', 'notify', 'media', 'geo'];
const PURPOSES = ['deploy', 'app', 'batch', 'etl', 'ops', 'reader', 'worker', 'ci'];
const PEOPLE = ['alex', 'sam', 'kim', 'lee', 'ana', 'raj', 'mia', 'tom', 'eva', 'ian', 'zoe', 'max', 'li', 'noa', 'ola', 'ben'];
const SERVICES = ['lambda.amazonaws.com', 'ec2.amazonaws.com', 'ecs-tasks.amazonaws.com'];
/** Principals per team: teams are dense inside; platform policies link them. */
const TEAM_SIZE = 40;
const ADMIN_SHARE = 0.05;

interface Team {
  slug: string;
  users: string[];
  roles: string[];
}

/** Actions a principal denied without MFA may still call (AWS's documented self-service list). */
const MFA_SELF_SERVICE = ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:GetUser', 'iam:ListMFADevices', 'iam:ResyncMFADevice', 'sts:GetSessionToken'];

/** The team's shared developer policy: assume, pass and run functions within the team. */
function teamPolicy(account: string, slug: string): Document {
  return doc(
    allow('AssumeTeamRoles', 'sts:AssumeRole', arn.role(account, `${slug}-*`)),
    allow('PassTeamRoles', 'iam:PassRole', arn.role(account, `${slug}-*`)),
    allow('TeamFunctions', ['lambda:CreateFunction', 'lambda:InvokeFunction', 'lambda:UpdateFunctionCode', 'lambda:GetFunction'], `arn:aws:lambda:*:${account}:function:${slug}-*`),
    allow('ReadOnly', ['iam:Get*', 'iam:List*', 'cloudwatch:GetMetricData', 'logs:FilterLogEvents'], '*'),
  );
}

/** The team's ops policy: mints keys and console passwords for the team's users. */
function opsPolicy(account: string, slug: string): Document {
  return doc(
    allow('TeamUserKeys', ['iam:CreateAccessKey', 'iam:UpdateLoginProfile', 'iam:CreateLoginProfile', 'iam:ListAccessKeys'], arn.user(account, `${slug}-*`)),
    allow('ProbeFunctions', ['lambda:CreateFunction', 'lambda:InvokeFunction'], `arn:aws:lambda:*:${account}:function:blastpath-probe`),
  );
}

/** A platform policy: assume the deploy and ops roles of a few teams. */
function platformPolicy(account: string, teams: Team[]): Document {
  return doc(allow('CrossTeamDeploy', 'sts:AssumeRole', teams.flatMap((t) => [arn.role(account, `${t.slug}-deploy-*`), arn.role(account, `${t.slug}-ops-*`)])));
}

const REQUIRE_MFA = doc({ Sid: 'DenyAllExceptListedIfNoMFA', Effect: 'Deny', NotAction: MFA_SELF_SERVICE, Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } });

/** Builds the account; returns the GAAD document and its principal counts. */
export function denseAccount(options: DenseOptions): { gaad: Record<string, unknown>; users: number; roles: number } {
  const rng = new Rng(`blastpath-generator/dense/v1/${options.seed}`);
  const account = String(rng.int(1, 9)) + token(`${options.seed}:dense-account`, 11, ALPHABETS.digits);
  const b = new AccountBuilder(account, 'monolith', 'object');
  const created = () => rng.date(2018, 2025);
  const n = options.principals;
  const teamCount = Math.max(2, Math.round(n / TEAM_SIZE));
  // Team slugs sort apart (t007-...) so one team's pattern never matches another's names.
  const teams: Team[] = Array.from({ length: teamCount }, (_, i) => ({ slug: `t${String(i).padStart(3, '0')}-${TEAM_NAMES[i % TEAM_NAMES.length]}`, users: [], roles: [] }));
  // Dealt round-robin over teams; within a team, users and roles alternate, so each has both.
  for (let i = 0; i < n; i++) {
    const team = teams[i % teamCount]!;
    const index = Math.floor(i / teamCount);
    if (index % 2 === 0) team.users.push(`${team.slug}-${PEOPLE[index % PEOPLE.length]}${index}`);
    else team.roles.push(`${team.slug}-${PURPOSES[index % PURPOSES.length]}-${index}`);
  }

  const requireMfa = b.customerPolicy('require-mfa', REQUIRE_MFA, created());
  b.group('humans', [requireMfa]);
  const platform = Array.from({ length: Math.max(1, Math.round(teamCount / 4)) }, (_, i) =>
    b.customerPolicy(`platform-${i}`, platformPolicy(account, rng.sample(teams, Math.min(3, teamCount))), created()),
  );
  const everyone = teams.flatMap((t) => [...t.users.map((u) => arn.user(account, u)), ...t.roles.map((r) => arn.role(account, r))]);
  let users = 0;
  let roles = 0;
  for (const team of teams) {
    const developer = b.customerPolicy(`${team.slug}-developer`, teamPolicy(account, team.slug), created());
    const ops = b.customerPolicy(`${team.slug}-ops`, opsPolicy(account, team.slug), created());
    b.group(team.slug, [developer]);
    for (const name of team.users) {
      const admin = rng.chance(ADMIN_SHARE);
      // Most people carry the force-MFA policy; admins less often (break-glass and automation users).
      const human = rng.chance(admin ? 0.2 : 0.6);
      const managed = [...(admin ? [b.aws('AdministratorAccess')] : []), ...(rng.chance(0.15) ? [ops] : []), ...(rng.chance(0.1) ? [rng.pick(platform)] : [])];
      b.user({ name, groups: [team.slug, ...(human ? ['humans'] : [])], managed, created: created() });
      users++;
    }
    for (const name of team.roles) {
      const admin = rng.chance(ADMIN_SHARE);
      const kind = rng.weighted([['root', 50], ['named', 25], ['service', 25]] as const);
      const roleTrust =
        kind === 'root' ? trust.aws(arn.root(account)) : kind === 'named' ? trust.aws(rng.sample(everyone, rng.int(2, 4))) : trust.service(rng.pick(SERVICES));
      const managed = [...(rng.chance(0.7) ? [developer] : []), ...(admin ? [b.aws('AdministratorAccess')] : []), ...(name.includes('-ops-') ? [ops] : []), ...(rng.chance(0.1) ? [rng.pick(platform)] : [])];
      // Admin roles guard IAM behind MFA, as many monolithic accounts do.
      const inline = admin && rng.chance(0.25) ? { 'iam-needs-mfa': doc(deny('DenyIamWithoutMfa', 'iam:*', '*', { Bool: { 'aws:MultiFactorAuthPresent': 'false' } })) } : undefined;
      b.role({ name, trust: roleTrust, managed, ...(inline ? { inline } : {}), created: created() });
      roles++;
    }
  }
  const built = b.build() as { iam: { AuthorizationDetails: Record<string, unknown> } };
  return { gaad: built.iam.AuthorizationDetails, users, roles };
}
