/**
 * The organization, seen from the caller's account (management or delegated admin), and the
 * member accounts to collect through `--org-role`. The organization is stored only when it
 * was read completely: a partial set of SCPs would make evaluation wrong, not just incomplete.
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { compareStrings } from '../core/hash.js';
import { sharedCredentials } from './credentials.js';
import type { Rec } from './engine/descriptor.js';
import { collectSection } from './engine/section.js';
import { organizations } from './services/organizations/index.js';
import { homeRegion, makeUnit, type AccountTarget, type Run } from './run.js';

/** The organization's data (when complete) and the ids of its active accounts (when listed). */
export interface OrganizationResult {
  organization?: Rec;
  memberIds?: string[];
}

/** Collects the organization from the caller's account. */
export async function collectOrganization(run: Run, caller: AccountTarget): Promise<OrganizationResult> {
  const home = homeRegion(caller.partition);
  const unit = makeUnit(run, caller, { service: 'organizations', client: organizations.client, region: home, recordRegion: false });
  const { section, complete } = await collectSection(run.engine, unit, organizations);
  if (!section || section['Organization'] === undefined) return {};
  const accounts = (section['Accounts'] ?? []) as Array<{ Id?: string; Status?: string; State?: string }>;
  // `Status` is being replaced by `State`; an account is collectable while it is active.
  const active = accounts.filter((a) => (a.State ?? a.Status ?? 'ACTIVE') === 'ACTIVE' && typeof a.Id === 'string');
  const memberIds = active.map((a) => a.Id as string).sort(compareStrings);
  if (!complete) {
    run.coverage.recordGap(
      { accountId: caller.accountId, service: 'organizations' },
      '*',
      'not-collected',
      'organization not stored: it could not be read completely, and SCPs or RCPs with parts missing would mislead evaluation',
    );
    return { memberIds };
  }
  return { organization: section, memberIds };
}

/**
 * The accounts to collect: the caller itself with its own credentials, and each member through
 * `--org-role`, limited to `--accounts`. A member whose role cannot be assumed becomes a gap.
 */
export async function accountTargets(run: Run, caller: AccountTarget, memberIds: readonly string[] | undefined): Promise<AccountTarget[]> {
  const { orgRole, accounts } = run.options;
  const wanted = accounts ?? (orgRole ? [...new Set([caller.accountId, ...(memberIds ?? [])])] : [caller.accountId]);
  if (orgRole && !accounts && memberIds === undefined) {
    run.coverage.recordGap(
      { accountId: caller.accountId, service: 'organizations' },
      'ListAccounts',
      'not-collected',
      `member accounts could not be listed, so --org-role ${orgRole} reached none; name them with --accounts`,
    );
  }
  run.progress.planAccounts(wanted.length);
  const targets = await Promise.all(
    wanted.map((accountId) => (accountId === caller.accountId ? caller : assumeMember(run, caller, accountId, orgRole as string))),
  );
  return targets.filter((target): target is AccountTarget => target !== undefined);
}

/** Credentials for a member account through its `--org-role` role, checked with one call. */
async function assumeMember(run: Run, caller: AccountTarget, accountId: string, roleName: string): Promise<AccountTarget | undefined> {
  const home = homeRegion(caller.partition);
  const roleArn = `arn:${caller.partition}:iam::${accountId}:role/${roleName}`;
  const credentials = sharedCredentials(fromTemporaryCredentials({
    params: { RoleArn: roleArn, RoleSessionName: 'blastpath-collect', DurationSeconds: 3600 },
    masterCredentials: caller.credentials,
    clientConfig: { region: home, maxAttempts: 1, ...(run.options.endpoint ? { endpoint: run.options.endpoint } : {}) },
  }));
  const target: AccountTarget = { accountId, partition: caller.partition, credentials };
  const unit = makeUnit(run, target, { service: 'sts', client: STSClient, region: home, recordRegion: false });
  const sts = run.engine.settings.clients.get(STSClient, accountId, home, credentials);
  // GetCallerIdentity needs no permission: if it fails, assuming the role failed.
  const outcome = await run.engine.attempt(unit, { operation: 'AssumeRole', resource: roleArn }, (abortSignal) =>
    sts.send(new GetCallerIdentityCommand({}), { abortSignal }),
  );
  if (outcome.status === 'ok') return target;
  run.progress.accountSkipped(accountId, `could not assume ${roleArn}: ${outcome.status === 'gap' ? outcome.failure.message : 'no answer'}`);
  return undefined;
}
