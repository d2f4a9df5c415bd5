/**
 * Wraps bare `aws iam get-account-authorization-details` output into a one-account snapshot.
 * The output names no account, so the account and partition come from the ARNs inside; the
 * services it does not cover become coverage records, so reports say what was not seen.
 */
import { InputError, formatJsonPath } from '../core/errors.js';
import { parseArn } from '../core/arn.js';
import { firstIssue } from '../core/validation.js';
import {
  AuthorizationDetails,
  PARTITIONS,
  SCHEMA_VERSION,
  type CoverageRecord,
  type Snapshot,
} from '../snapshot/index.js';

/** Top-level lists that mark a document as GetAccountAuthorizationDetails output. */
export const GAAD_LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;

/** Services a GAAD-only input says nothing about; each gets one `not-collected` record. */
const UNSEEN_SERVICES = ['s3', 'secretsmanager', 'kms', 'sagemaker', 'lambda'] as const;

/** Coverage message for a single saved API page (`IsTruncated: true`). */
export const TRUNCATED_MESSAGE =
  'IsTruncated is true: only the first page was saved; pass every page or use `aws iam get-account-authorization-details` without --max-items';

/** The AWS CLI's own pagination: `--max-items` output ends with a NextToken instead of IsTruncated. */
export const NEXT_TOKEN_MESSAGE =
  'NextToken is present: only the first --max-items entries were saved; pass every page or use `aws iam get-account-authorization-details` without --max-items';

/** Producer recorded in `tool` for snapshots wrapped from GAAD output. */
export const GAAD_TOOL = { name: 'aws iam get-account-authorization-details', version: 'unknown' } as const;

/** True when a parsed document has GAAD's top-level shape. */
export function isAuthorizationDetails(data: Record<string, unknown>): boolean {
  return GAAD_LISTS.some((list) => list in data);
}

/** The snapshot a GAAD document stands for; throws InputError with the file and JSON path. */
export function snapshotFromAuthorizationDetails(data: Record<string, unknown>, file: string): Snapshot {
  const parsed = AuthorizationDetails.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    const { where, expected } = firstIssue(parsed.error);
    throw new InputError(`${file}: ${where}`, expected);
  }
  const truncation =
    parsed.data['IsTruncated'] === true
      ? TRUNCATED_MESSAGE
      : parsed.data['NextToken'] !== undefined
        ? NEXT_TOKEN_MESSAGE
        : undefined;
  // Pagination fields describe the response, not the account.
  const details: AuthorizationDetails = { ...parsed.data };
  for (const field of ['IsTruncated', 'Marker', 'NextToken']) delete details[field];
  const { accountId, partition } = accountOf(details, file);
  const coverage: CoverageRecord[] = [
    truncation !== undefined
      ? { accountId, service: 'iam', operation: 'GetAccountAuthorizationDetails', outcome: 'failed', reason: 'partial', message: truncation }
      : { accountId, service: 'iam', operation: 'GetAccountAuthorizationDetails', outcome: 'ok' },
    {
      accountId,
      service: 'iam',
      operation: 'ListAccessKeys',
      outcome: 'not-collected',
      reason: 'not-collected',
      message: 'the input was get-account-authorization-details output, which lists no access keys',
    },
    ...UNSEEN_SERVICES.map(
      (service): CoverageRecord => ({
        accountId,
        service,
        operation: '*',
        outcome: 'not-collected',
        reason: 'not-collected',
        message: 'the input was get-account-authorization-details output, which covers IAM only',
      }),
    ),
  ];
  return {
    schemaVersion: SCHEMA_VERSION,
    collectedAt: newestDate(details),
    tool: { ...GAAD_TOOL },
    accounts: [{ accountId, partition, iam: { AuthorizationDetails: details }, regions: {} }],
    coverage,
  };
}

type Details = AuthorizationDetails;

/** Every ARN that names the account the output describes, with its JSON path, in file order. */
function ownArns(details: Details): { arn: string; path: PropertyKey[] }[] {
  const arns: { arn: string; path: PropertyKey[] }[] = [];
  details.UserDetailList.forEach((u, i) => arns.push({ arn: u.Arn, path: ['UserDetailList', i, 'Arn'] }));
  details.GroupDetailList.forEach((g, i) => arns.push({ arn: g.Arn, path: ['GroupDetailList', i, 'Arn'] }));
  details.RoleDetailList.forEach((r, i) => arns.push({ arn: r.Arn, path: ['RoleDetailList', i, 'Arn'] }));
  details.Policies.forEach((p, i) => arns.push({ arn: p.Arn, path: ['Policies', i, 'Arn'] }));
  return arns;
}

/** The one account id and partition all ARNs agree on (AWS managed policies count for partition only). */
function accountOf(details: Details, file: string): { accountId: string; partition: Snapshot['accounts'][number]['partition'] } {
  let account: { id: string; path: string } | undefined;
  let partition: { name: string; path: string } | undefined;
  for (const { arn, path } of ownArns(details)) {
    const parsed = parseArn(arn);
    const where = formatJsonPath(path);
    if (!parsed) throw new InputError(`${file}: ${where}`, 'expected an ARN (arn:partition:iam::account:...)');
    partition ??= { name: parsed.partition, path: where };
    if (parsed.partition !== partition.name) {
      throw new InputError(`${file}: ${where}`, `expected partition ${partition.name} like ${partition.path}, received ${parsed.partition}`);
    }
    if (!/^\d{12}$/.test(parsed.accountId)) continue; // arn:aws:iam::aws:policy/...
    account ??= { id: parsed.accountId, path: where };
    if (parsed.accountId !== account.id) {
      throw new InputError(
        `${file}: ${where}`,
        `expected account ${account.id} like ${account.path}, received ${parsed.accountId}: one get-account-authorization-details output describes one account`,
      );
    }
  }
  if (!account || !partition) {
    throw new InputError(
      `${file}: (root)`,
      'expected at least one user, group, role or customer managed policy ARN with an account id, to tell which account this output describes',
    );
  }
  if (!(PARTITIONS as readonly string[]).includes(partition.name)) {
    throw new InputError(`${file}: ${partition.path}`, `expected a partition among ${PARTITIONS.join(', ')}, received ${partition.name}`);
  }
  return { accountId: account.id, partition: partition.name as (typeof PARTITIONS)[number] };
}

/**
 * GAAD output carries no collection time: the newest CreateDate/UpdateDate inside is a lower
 * bound that keeps the result reproducible (file times are not). Epoch when there is none.
 */
function newestDate(details: Details): string {
  const dates: string[] = [];
  for (const entity of [...details.UserDetailList, ...details.GroupDetailList, ...details.RoleDetailList]) {
    if (typeof entity.CreateDate === 'string') dates.push(entity.CreateDate);
  }
  for (const policy of details.Policies) {
    for (const field of ['CreateDate', 'UpdateDate']) {
      const value = (policy as Record<string, unknown>)[field];
      if (typeof value === 'string') dates.push(value);
    }
    for (const version of policy.PolicyVersionList) {
      if (typeof version.CreateDate === 'string') dates.push(version.CreateDate);
    }
  }
  const newest = dates.reduce((max, date) => {
    const time = Date.parse(date);
    return Number.isFinite(time) && time > max ? time : max;
  }, 0);
  return new Date(newest).toISOString();
}
