/**
 * Snapshot v1 section for what the account records: CloudTrail trails with their status and
 * event selectors. (Bedrock model invocation logging lives in the Bedrock section.) Verbatim
 * AWS API response shapes, loose objects; docs/snapshot.md names the call behind each field.
 */
import { z } from 'zod';

const text = z.string();
const optionalText = z.string().optional();
const flag = z.boolean().optional();
const list = <T extends z.ZodType>(item: T) => z.array(item).optional();

/** One condition of an advanced event selector (`eventCategory`, `resources.type`, `readOnly`...). */
const FieldSelector = z.looseObject({
  Field: text,
  Equals: list(text),
  StartsWith: list(text),
  EndsWith: list(text),
  NotEquals: list(text),
  NotStartsWith: list(text),
  NotEndsWith: list(text),
});

/** cloudtrail:GetEventSelectors: basic selectors, or advanced ones (a trail uses one kind). */
export const TrailEventSelectors = z.looseObject({
  EventSelectors: list(
    z.looseObject({
      /** `All`, `ReadOnly` or `WriteOnly`. */
      ReadWriteType: optionalText,
      IncludeManagementEvents: flag,
      /** Data events: `AWS::S3::Object` / `AWS::Lambda::Function` with ARN prefixes, or the `arn:aws:s3` / `arn:aws:lambda` wildcards. */
      DataResources: list(z.looseObject({ Type: optionalText, Values: list(text) })),
      ExcludeManagementEventSources: list(text),
    }),
  ),
  AdvancedEventSelectors: list(z.looseObject({ Name: optionalText, FieldSelectors: z.array(FieldSelector) })),
});

/** cloudtrail:DescribeTrails `trailList[]` (shadow trails included), with GetTrailStatus and GetEventSelectors. */
export const Trail = z.looseObject({
  Name: text,
  TrailARN: text,
  HomeRegion: optionalText,
  IsMultiRegionTrail: flag,
  IsOrganizationTrail: flag,
  IncludeGlobalServiceEvents: flag,
  S3BucketName: optionalText,
  /** GetTrailStatus; absent when the call failed: then whether it logs is unknown. */
  Status: z.looseObject({ IsLogging: flag }).optional(),
  /** GetEventSelectors; absent when the call failed: then what it records is unknown. */
  EventSelectors: TrailEventSelectors.optional(),
});

/** Regional sections added by this module; merged into RegionData in schema.ts. */
export const LoggingSections = {
  /** Absent when DescribeTrails was not collected in the region: what it records is then unknown. */
  CloudTrail: z.looseObject({ Trails: z.array(Trail).default([]) }).optional(),
};

export type Trail = z.output<typeof Trail>;
export type TrailEventSelectors = z.output<typeof TrailEventSelectors>;
