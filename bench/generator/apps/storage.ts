/**
 * What every real account also has: legacy IAM users with long-lived keys, each scoped to one
 * narrow job (an upload prefix, metrics, one report bucket, email), static website buckets that
 * are public on purpose (in accounts whose Block Public Access is off), and plain storage
 * buckets (backups, exports, archives) that fill an account up to its resource target.
 */
import { allow, arn, doc } from '../documents.js';
import type { AccountContext } from '../context.js';
import { bucket, denyInsecureTransport } from '../resources.js';

/** Adds up to a few legacy service users; returns how many principals were added. */
export function addLegacyUsers(ctx: AccountContext): number {
  const { b, account, rng, org, place } = ctx;
  const id = account.id;
  let added = 0;
  if (rng.chance(0.5)) {
    const uploads = `${org.company}-partner-uploads-${id}`;
    b.buckets.push(bucket(uploads, { region: place.region, created: rng.date(2020, 2022), policy: doc(denyInsecureTransport(uploads)) }));
    b.user({ name: `svc-partner-upload-${id.slice(-4)}`, inline: { upload: doc(allow('Upload', 's3:PutObject', arn.objects(uploads, 'incoming/'))) }, keys: [{ status: 'Active' }], created: rng.date(2019, 2021) });
    added++;
  }
  if (rng.chance(0.4)) {
    b.user({ name: 'svc-metrics-export', inline: { metrics: doc(allow('Read', ['cloudwatch:GetMetricData', 'cloudwatch:ListMetrics'], '*')) }, keys: [{ status: 'Active' }, { status: 'Inactive' }], created: rng.date(2019, 2022) });
    added++;
  }
  if (rng.chance(0.3)) {
    const reports = `${org.company}-finance-reports-${id}`;
    b.buckets.push(bucket(reports, { region: place.region, created: rng.date(2020, 2022), tags: { 'data-classification': 'confidential' }, policy: doc(denyInsecureTransport(reports)) }));
    b.user({ name: 'svc-bi-reader', inline: { reports: doc(allow('ReadReports', ['s3:GetObject', 's3:ListBucket'], [arn.bucket(reports), arn.objects(reports)])) }, keys: [{ status: 'Active' }], created: rng.date(2019, 2022) });
    added++;
  }
  if (rng.chance(0.3)) {
    b.user({ name: 'ses-smtp-user', inline: { ses: doc(allow('Send', 'ses:SendRawEmail', '*', { StringLike: { 'ses:FromAddress': `*@${org.company}.example` } })) }, keys: [{ status: 'Active' }], created: rng.date(2018, 2021) });
    added++;
  }
  return added;
}

/** A public static website bucket, in accounts that host websites. */
export function addWebsiteBucket(ctx: AccountContext): void {
  const { b, rng, place, org, account } = ctx;
  const name = ctx.unique(`${org.company}-${rng.pick(['www', 'docs', 'status', 'cdn', 'assets'])}-site-${account.id}`);
  b.buckets.push(bucket(name, {
    region: place.region,
    created: rng.date(2020, 2025),
    blockPublic: false,
    policy: doc({ Sid: 'PublicReadGetObject', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: arn.objects(name) }),
  }));
}

/** Plain buckets: adds `n`, returns `n`. */
export function addStorageBuckets(ctx: AccountContext, n: number): number {
  const { b, rng, place, org, account } = ctx;
  for (let i = 0; i < n; i++) {
    const kind = rng.pick(['backups', 'exports', 'archive', 'athena-results', 'tmp', 'snapshots']);
    const name = ctx.unique(`${org.company}-${kind}-${account.id}`);
    b.buckets.push(bucket(name, { region: place.region, created: rng.date(2019, 2026), ...(rng.chance(0.5) ? { policy: doc(denyInsecureTransport(name)) } : {}), ...(rng.chance(0.1) ? { tags: { 'data-classification': 'confidential' } } : {}) }));
  }
  return n;
}
