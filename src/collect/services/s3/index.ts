/**
 * S3 (global listing): ListBuckets, then each bucket's location, policy, policy status, public
 * access block, tags and default encryption, asked of the bucket's own region; plus the
 * account's public access block (S3 Control). "No such configuration" answers mean absent.
 */
import {
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketTaggingCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { call, str, type Rec, type ServiceDescriptor } from '../../engine/descriptor.js';

/** The bucket's region once GetBucketLocation has answered (`EU` is the old name of eu-west-1). */
export function bucketRegion(bucket: Rec): string | undefined {
  const location = bucket['Location'] as { LocationConstraint?: string | null } | undefined;
  if (location === undefined) return undefined;
  const constraint = location.LocationConstraint;
  if (!constraint) return 'us-east-1';
  return constraint === 'EU' ? 'eu-west-1' : constraint;
}

const bucket = (b: Rec) => ({ Bucket: str(b, 'Name') });

/** The S3 collector: buckets with their per-bucket configuration, and the account's public access block. */
export const s3: ServiceDescriptor = {
  service: 's3',
  scope: 'global',
  section: 's3',
  client: S3Client,
  fetches: [
    {
      field: 'Buckets',
      call: call(ListBucketsCommand, () => ({ MaxBuckets: 1000 })),
      paginate: { inputToken: 'ContinuationToken', outputToken: 'ContinuationToken' },
      items: 'Buckets',
      name: (b) => str(b, 'Name'),
      itemRegion: bucketRegion,
      required: true,
      // Location comes first: the calls after it go to the bucket's region.
      details: [
        { field: 'Location', call: call(GetBucketLocationCommand, bucket) },
        { field: 'Policy', call: call(GetBucketPolicyCommand, bucket), absentOn: ['NoSuchBucketPolicy'] },
        { field: 'PolicyStatus', call: call(GetBucketPolicyStatusCommand, bucket), absentOn: ['NoSuchBucketPolicy'] },
        { field: 'PublicAccessBlock', call: call(GetPublicAccessBlockCommand, bucket), absentOn: ['NoSuchPublicAccessBlockConfiguration'] },
        { field: 'Tagging', call: call(GetBucketTaggingCommand, bucket), absentOn: ['NoSuchTagSet', 'NoSuchTagSetError'] },
        {
          field: 'Encryption',
          call: call(GetBucketEncryptionCommand, bucket),
          absentOn: ['ServerSideEncryptionConfigurationNotFoundError'],
        },
      ],
    },
    {
      field: 'AccountPublicAccessBlock',
      call: call(GetAccountPublicAccessBlockCommand, (_section, context) => ({ AccountId: context.accountId }), S3ControlClient),
      absentOn: ['NoSuchPublicAccessBlockConfiguration'],
    },
  ],
};
