/**
 * S3 facts (account-wide): buckets with their policy, tags and region, and the Block Public
 * Access setting in force (the bucket's or the account's `RestrictPublicBuckets`).
 */
import { bucketArn } from '../../core/arn.js';
import { compilePolicy, type PolicyPool } from '../../iam/index.js';
import type { AccountData } from '../../snapshot/index.js';
import { tagMap, type Resource } from './types.js';

/** Every bucket of one account; `policies`: the build's pool. */
export function buckets(account: AccountData, policies?: PolicyPool): Resource[] {
  const base = { accountId: account.accountId, partition: account.partition };
  const accountRestrict = account.s3?.AccountPublicAccessBlock?.PublicAccessBlockConfiguration?.RestrictPublicBuckets === true;
  return (account.s3?.Buckets ?? []).map((bucket) => {
    const arn = bucketArn(bucket.Name, account.partition);
    return {
      ...base,
      arn,
      kind: 'bucket',
      name: bucket.Name,
      region: bucket.Location?.LocationConstraint || 'us-east-1',
      tags: tagMap(bucket.Tagging?.TagSet),
      ...(bucket.Policy ? { policy: compilePolicy(bucket.Policy.Policy, { kind: 'resource', id: `${arn}#resource-policy` }, policies) } : {}),
      flags: [],
      restrictPublicBuckets: accountRestrict || bucket.PublicAccessBlock?.PublicAccessBlockConfiguration?.RestrictPublicBuckets === true,
    };
  });
}
