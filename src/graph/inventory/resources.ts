/**
 * Resources and workloads of one account, flattened from the snapshot's AWS shapes into one
 * record type: ARN, kind, owner, tags, compiled resource policy, execution role, and the
 * configuration fields later stages need (environment, S3 URIs it reads or writes).
 */
import { compilePolicy, type CompiledPolicy } from '../../iam/index.js';
import { bucketArn, parseS3Uri } from '../../core/arn.js';
import type { AccountData, RegionData } from '../../snapshot/index.js';
import type { NodeKind } from '../schema.js';
import { tagMap } from './principals.js';

/** How a workload uses an S3 location; feeds sensitivity rules (`usedAs`). */
export type S3Use =
  | 'training-input'
  | 'processing-input'
  | 'model-artifact'
  | 'training-output'
  // Added by src/graph/techniques/uses.ts from the Bedrock section.
  | 'knowledge-base-source'
  | 'model-invocation-logs';

/** One resource or workload. */
export interface Resource {
  arn: string;
  kind: Extract<
    NodeKind,
    'bucket' | 'secret' | 'kms-key' | 'lambda-function' | 'notebook-instance' | 'endpoint' | 'model' | 'training-job' | 'processing-job' | 'user-profile'
  >;
  name: string;
  accountId: string;
  partition: string;
  region?: string;
  tags: Record<string, string>;
  policy?: CompiledPolicy;
  /** Execution role of a workload, and the configuration field that names it. */
  role?: { arn: string; field: string };
  /** Status as AWS reports it (EndpointStatus, NotebookInstanceStatus...). */
  status?: string;
  /** S3 locations this workload reads or writes, by use. */
  s3Uses: Array<{ bucket: string; use: S3Use; field: string }>;
  /** Endpoints: the models behind the endpoint config. */
  models?: string[];
  /** Plain-word facts for reports, e.g. `direct-internet-access`. */
  flags: string[];
  /** Lambda only: URL configs. */
  functionUrls?: Array<{ url: string; authType: 'NONE' | 'AWS_IAM'; qualifiedArn: string }>;
  /** S3 only: public access block settings in force (bucket or account). */
  restrictPublicBuckets?: boolean;
}

/** Flattens every resource of one account. */
export function collectResources(account: AccountData): Resource[] {
  const base = { accountId: account.accountId, partition: account.partition };
  const out: Resource[] = [];
  const accountRestrict = account.s3?.AccountPublicAccessBlock?.PublicAccessBlockConfiguration?.RestrictPublicBuckets === true;

  for (const bucket of account.s3?.Buckets ?? []) {
    const arn = bucketArn(bucket.Name, account.partition);
    out.push({
      ...base,
      arn,
      kind: 'bucket',
      name: bucket.Name,
      region: bucket.Location?.LocationConstraint || 'us-east-1',
      tags: tagMap(bucket.Tagging?.TagSet),
      ...(bucket.Policy ? { policy: compilePolicy(bucket.Policy.Policy, { kind: 'resource', id: `${arn}#resource-policy` }) } : {}),
      s3Uses: [],
      flags: [],
      restrictPublicBuckets: accountRestrict || bucket.PublicAccessBlock?.PublicAccessBlockConfiguration?.RestrictPublicBuckets === true,
    });
  }
  for (const [region, data] of Object.entries(account.regions).sort(([a], [b]) => (a < b ? -1 : 1))) {
    out.push(...regionalResources(data, { ...base, region }));
  }
  return out;
}

type Base = { accountId: string; partition: string; region: string };

function regionalResources(data: RegionData, base: Base): Resource[] {
  const out: Resource[] = [];
  const resourcePolicy = (arn: string, document: unknown) =>
    document ? { policy: compilePolicy(document as Parameters<typeof compilePolicy>[0], { kind: 'resource', id: `${arn}#resource-policy` }) } : {};

  for (const secret of data.SecretsManager?.SecretList ?? []) {
    out.push({ ...base, arn: secret.ARN, kind: 'secret', name: secret.Name, tags: tagMap(secret.Tags), ...resourcePolicy(secret.ARN, secret.ResourcePolicy), s3Uses: [], flags: [] });
  }
  for (const key of data.KMS?.Keys ?? []) {
    const tags: Record<string, string> = {};
    for (const tag of key.Tags ?? []) tags[tag.TagKey] = tag.TagValue;
    const arn = key.KeyMetadata.Arn;
    out.push({ ...base, arn, kind: 'kms-key', name: key.KeyMetadata.KeyId, tags, ...resourcePolicy(arn, key.Policy), s3Uses: [], flags: key.KeyMetadata.KeyManager === 'AWS' ? ['aws-managed'] : [] });
  }
  for (const fn of data.Lambda?.Functions ?? []) {
    out.push({
      ...base,
      arn: fn.FunctionArn,
      kind: 'lambda-function',
      name: fn.FunctionName,
      tags: { ...(fn.Tags ?? {}) },
      ...resourcePolicy(fn.FunctionArn, fn.Policy),
      role: { arn: fn.Role, field: 'Role' },
      s3Uses: [],
      flags: [],
      functionUrls: (fn.FunctionUrlConfigs ?? []).map((u) => ({ url: u.FunctionUrl, authType: u.AuthType, qualifiedArn: u.FunctionArn })),
    });
  }
  out.push(...sageMakerResources(data, base));
  return out;
}

function s3Use(uri: string | undefined, use: S3Use, field: string) {
  const parsed = uri ? parseS3Uri(uri) : undefined;
  return parsed ? [{ bucket: parsed.bucket, use, field }] : [];
}

function sageMakerResources(data: RegionData, base: Base): Resource[] {
  const sm = data.SageMaker;
  if (!sm) return [];
  const out: Resource[] = [];
  const common = { ...base, tags: {} as Record<string, string> };
  for (const nb of sm.NotebookInstances) {
    out.push({
      ...common,
      arn: nb.NotebookInstanceArn,
      kind: 'notebook-instance',
      name: nb.NotebookInstanceName,
      role: { arn: nb.RoleArn, field: 'RoleArn' },
      ...(nb.NotebookInstanceStatus ? { status: nb.NotebookInstanceStatus } : {}),
      s3Uses: [],
      // DirectInternetAccess governs outbound traffic: an exfiltration factor, not an entry.
      flags: nb.DirectInternetAccess === 'Disabled' ? [] : ['direct-internet-access'],
    });
  }
  for (const model of sm.Models) {
    const containers = [...(model.PrimaryContainer ? [model.PrimaryContainer] : []), ...(model.Containers ?? [])];
    out.push({
      ...common,
      arn: model.ModelArn,
      kind: 'model',
      name: model.ModelName,
      ...(model.ExecutionRoleArn ? { role: { arn: model.ExecutionRoleArn, field: 'ExecutionRoleArn' } } : {}),
      s3Uses: containers.flatMap((c, i) => s3Use(c.ModelDataUrl, 'model-artifact', `${i === 0 && model.PrimaryContainer ? 'PrimaryContainer' : `Containers[${i}]`}.ModelDataUrl`)),
      flags: [],
    });
  }
  const configs = new Map(sm.EndpointConfigs.map((c) => [c.EndpointConfigName, c]));
  for (const endpoint of sm.Endpoints) {
    const config = configs.get(endpoint.EndpointConfigName);
    out.push({
      ...common,
      arn: endpoint.EndpointArn,
      kind: 'endpoint',
      name: endpoint.EndpointName,
      ...(endpoint.EndpointStatus ? { status: endpoint.EndpointStatus } : {}),
      s3Uses: [],
      models: (config?.ProductionVariants ?? []).flatMap((v) => (v.ModelName ? [v.ModelName] : [])),
      flags: [],
    });
  }
  for (const job of sm.TrainingJobs) {
    out.push({
      ...common,
      arn: job.TrainingJobArn,
      kind: 'training-job',
      name: job.TrainingJobName,
      role: { arn: job.RoleArn, field: 'RoleArn' },
      ...(job.TrainingJobStatus ? { status: job.TrainingJobStatus } : {}),
      s3Uses: [
        ...(job.InputDataConfig ?? []).flatMap((c, i) => s3Use(c.DataSource?.S3DataSource?.S3Uri, 'training-input', `InputDataConfig[${i}].DataSource.S3DataSource.S3Uri`)),
        ...s3Use(job.OutputDataConfig?.S3OutputPath, 'training-output', 'OutputDataConfig.S3OutputPath'),
        ...s3Use(job.ModelArtifacts?.S3ModelArtifacts, 'model-artifact', 'ModelArtifacts.S3ModelArtifacts'),
      ],
      flags: [],
    });
  }
  for (const job of sm.ProcessingJobs) {
    out.push({
      ...common,
      arn: job.ProcessingJobArn,
      kind: 'processing-job',
      name: job.ProcessingJobName,
      ...(job.RoleArn ? { role: { arn: job.RoleArn, field: 'RoleArn' } } : {}),
      s3Uses: (job.ProcessingInputs ?? []).flatMap((p, i) => s3Use(p.S3Input?.S3Uri, 'processing-input', `ProcessingInputs[${i}].S3Input.S3Uri`)),
      flags: [],
    });
  }
  const domains = new Map(sm.Domains.map((d) => [d.DomainId, d]));
  for (const profile of sm.UserProfiles) {
    const own = profile.UserSettings?.ExecutionRole;
    const inherited = domains.get(profile.DomainId)?.DefaultUserSettings?.ExecutionRole;
    const role = own ? { arn: own, field: 'UserSettings.ExecutionRole' } : inherited ? { arn: inherited, field: 'Domain.DefaultUserSettings.ExecutionRole' } : undefined;
    out.push({ ...common, arn: profile.UserProfileArn, kind: 'user-profile', name: profile.UserProfileName, ...(role ? { role } : {}), s3Uses: [], flags: [] });
  }
  return out;
}
