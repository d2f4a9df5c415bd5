/**
 * What AI workloads load, read from the snapshot with full S3 keys (the inventory keeps only
 * bucket names): model artifacts, training inputs and code, processing inputs, knowledge-base
 * sources, the model-invocation log prefix, and the ECR images models and jobs run.
 */
import { parseS3Uri } from '../../core/arn.js';
import { sortByKey } from '../../core/hash.js';
import type { BuildContext } from '../context.js';

/** How a location is consumed. */
export type LocationUse = 'model-artifact' | 'training-input' | 'processing-input' | 'training-code' | 'knowledge-base-source' | 'model-invocation-logs';

/** One S3 location a consumer reads. */
export interface S3Location {
  bucket: string;
  key: string;
  /** True for one object (a model.tar.gz), false for a prefix. */
  exact: boolean;
  use: LocationUse;
  /** The consumer (model, job, knowledge base) and the field naming the location. */
  by: string;
  field: string;
  accountId: string;
  region: string;
}

/** One container image a model or training job runs. */
export interface ImageRef {
  registry: string;
  region: string;
  repository: string;
  /** Absent when pinned by digest: a push cannot change what runs. */
  tag?: string;
  digest?: string;
  by: string;
  field: string;
}

const cache = new WeakMap<BuildContext, S3Location[]>();

/** Framework estimators store `sagemaker_submit_directory` JSON-quoted ("\"s3://...\""). */
export function unquote(value: string): string {
  const trimmed = value.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
}

function s3(uri: string | undefined, base: Omit<S3Location, 'bucket' | 'key' | 'exact'>, exact?: boolean): S3Location[] {
  const parsed = uri ? parseS3Uri(unquote(uri)) : undefined;
  if (!parsed) return [];
  return [{ ...base, bucket: parsed.bucket, key: parsed.key, exact: exact ?? (parsed.key !== '' && !parsed.key.endsWith('/')) }];
}

function collect(ctx: BuildContext): S3Location[] {
  const out: S3Location[] = [];
  for (const account of ctx.input.snapshot.accounts) {
    for (const [region, data] of Object.entries(account.regions)) {
      const at = { accountId: account.accountId, region };
      const sm = data.SageMaker;
      for (const model of sm?.Models ?? []) {
        const containers = [...(model.PrimaryContainer ? [['PrimaryContainer', model.PrimaryContainer] as const] : []), ...(model.Containers ?? []).map((c, i) => [`Containers[${i}]`, c] as const)];
        for (const [field, c] of containers) out.push(...s3(c.ModelDataUrl, { ...at, use: 'model-artifact', by: model.ModelArn, field: `${field}.ModelDataUrl` }));
      }
      for (const job of sm?.TrainingJobs ?? []) {
        (job.InputDataConfig ?? []).forEach((c, i) =>
          out.push(...s3(c.DataSource?.S3DataSource?.S3Uri, { ...at, use: 'training-input', by: job.TrainingJobArn, field: `InputDataConfig[${i}].DataSource.S3DataSource.S3Uri` }, false)),
        );
        const code = job.HyperParameters?.['sagemaker_submit_directory'];
        out.push(...s3(code, { ...at, use: 'training-code', by: job.TrainingJobArn, field: 'HyperParameters.sagemaker_submit_directory' }));
      }
      for (const job of sm?.ProcessingJobs ?? []) {
        (job.ProcessingInputs ?? []).forEach((p, i) =>
          out.push(...s3(p.S3Input?.S3Uri, { ...at, use: 'processing-input', by: job.ProcessingJobArn, field: `ProcessingInputs[${i}].S3Input.S3Uri` }, false)),
        );
      }
      for (const kb of data.Bedrock?.KnowledgeBases ?? []) {
        const by = kb.knowledgeBaseArn ?? `arn:${account.partition}:bedrock:${region}:${account.accountId}:knowledge-base/${kb.knowledgeBaseId}`;
        (kb.DataSources ?? []).forEach((source, i) => {
          const config = source.dataSourceConfiguration?.s3Configuration;
          const bucket = config?.bucketArn?.split(':::')[1];
          if (!bucket) return;
          const field = `DataSources[${i}].dataSourceConfiguration.s3Configuration`;
          const prefixes = config?.inclusionPrefixes?.length ? config.inclusionPrefixes : [''];
          for (const prefix of prefixes) out.push({ ...at, bucket, key: prefix, exact: false, use: 'knowledge-base-source', by, field });
        });
      }
      const logs = data.Bedrock?.ModelInvocationLoggingConfiguration?.s3Config;
      if (logs?.bucketName) {
        const by = `bedrock:${region}:${account.accountId}#ModelInvocationLoggingConfiguration`;
        out.push({ ...at, bucket: logs.bucketName, key: logs.keyPrefix ?? '', exact: false, use: 'model-invocation-logs', by, field: 's3Config' });
      }
    }
  }
  return out;
}

/**
 * Every consumed S3 location of the snapshot, computed once per build, in content order: the
 * first location of a prefix stands for the others, so snapshot list order must not matter.
 */
export function s3Locations(ctx: BuildContext): S3Location[] {
  let list = cache.get(ctx);
  if (!list) {
    const key = (l: S3Location) => [l.accountId, l.region, l.bucket, l.key, l.use, l.by, l.field].join('\u0000');
    list = sortByKey(collect(ctx), key);
    cache.set(ctx, list);
  }
  return list;
}

/** The request ARN access to a location is evaluated on: the object, or every key under the prefix. */
export function locationArn(location: S3Location, partition: string): string {
  return `arn:${partition}:s3:::${location.bucket}/${location.key}${location.exact ? '' : '*'}`;
}

const ECR_IMAGE = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)(?::([^@]+))?(?:@(sha256:[0-9a-f]+))?$/;

/** Parses a private ECR image URI; undefined for public registries and other hosts. */
export function parseEcrImage(uri: string, by: string, field: string): ImageRef | undefined {
  const match = ECR_IMAGE.exec(uri.trim());
  if (!match) return undefined;
  const [, registry, region, repository, tag, digest] = match;
  return { registry: registry!, region: region!, repository: repository!, ...(digest ? { digest } : { tag: tag ?? 'latest' }), by, field };
}
