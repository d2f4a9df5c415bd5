/** S3: training data (tagged confidential) and model artifacts. */
import { CreateBucketCommand, PutBucketTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import type { SeedContext } from './clients.js';

/** Bucket names. */
export const BUCKETS = { training: 'acme-training-data', artifacts: 'acme-model-artifacts' } as const;

/** Creates the buckets; the training data is tagged as confidential. */
export async function seedS3(context: SeedContext): Promise<void> {
  const s3 = new S3Client({ ...context.config, forcePathStyle: true });
  for (const bucket of Object.values(BUCKETS)) await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await s3.send(new PutBucketTaggingCommand({ Bucket: BUCKETS.training, Tagging: { TagSet: [{ Key: 'data-classification', Value: 'confidential' }] } }));
  s3.destroy();
}
