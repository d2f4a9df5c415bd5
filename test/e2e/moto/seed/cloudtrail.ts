/**
 * CloudTrail: one multi-Region trail that logs management events and the training bucket's
 * object-level (data) events, through advanced event selectors, and is logging.
 */
import { CloudTrailClient, CreateTrailCommand, PutEventSelectorsCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import type { SeedContext } from './clients.js';
import { BUCKETS } from './s3.js';

/** The trail and the bucket it delivers to. */
export const TRAIL = { name: 'org-audit', bucket: 'acme-audit-logs' } as const;

/** Creates the trail, selects its events and starts it. */
export async function seedCloudTrail(context: SeedContext): Promise<void> {
  const s3 = new S3Client({ ...context.config, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: TRAIL.bucket }));
  s3.destroy();
  const client = new CloudTrailClient(context.config);
  await client.send(new CreateTrailCommand({ Name: TRAIL.name, S3BucketName: TRAIL.bucket, IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true }));
  await client.send(
    new PutEventSelectorsCommand({
      TrailName: TRAIL.name,
      AdvancedEventSelectors: [
        { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
        {
          Name: 'Training data',
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Data'] },
            { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
            { Field: 'resources.ARN', StartsWith: [`arn:aws:s3:::${BUCKETS.training}/`] },
          ],
        },
      ],
    }),
  );
  await client.send(new StartLoggingCommand({ Name: TRAIL.name }));
  client.destroy();
}
