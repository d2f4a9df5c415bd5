/**
 * SageMaker facts: notebooks, models, endpoints, training and processing jobs and Studio user
 * profiles (with nodes), Studio domains (workloads without a node), the S3 locations jobs and
 * models read and write (parsed once, with full keys), and what a supply-chain attacker needs
 * to know: which models are served, which training jobs run again, which code and images recur.
 */
import { parseS3Uri } from '../../core/arn.js';
import type { AccountData, RegionData } from '../../snapshot/index.js';
import type { RegionalReader } from './regional.js';
import type { LocationUse, Place, Resource, S3Location, Workload } from './types.js';

/** Framework estimators store `sagemaker_submit_directory` JSON-quoted ("\"s3://...\""). */
export function unquote(value: string): string {
  const trimmed = value.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
}

type Consumed = Omit<S3Location, 'bucket' | 'key' | 'exact'>;

/** A location from a URI; `exact` defaults to "names one object" (a key not ending in `/`). */
export function s3Location(uri: string | undefined, base: Consumed, exact?: boolean): S3Location[] {
  const parsed = uri ? parseS3Uri(unquote(uri)) : undefined;
  if (!parsed) return [];
  // Fields written out, not `...base` (see Place): one location per consumed URI, by the ten thousand.
  const { accountId, region, use, by, field } = base;
  return [{ accountId, region, use, by, field, ...(base.written ? { written: true as const } : {}), bucket: parsed.bucket, key: parsed.key, exact: exact ?? (parsed.key !== '' && !parsed.key.endsWith('/')) }];
}

/** A model's containers with the field naming each. */
function containersOf(model: NonNullable<RegionData['SageMaker']>['Models'][number]) {
  return [...(model.PrimaryContainer ? [['PrimaryContainer', model.PrimaryContainer] as const] : []), ...(model.Containers ?? []).map((c, i) => [`Containers[${i}]`, c] as const)];
}

function resources(data: RegionData, at: Place): Resource[] {
  const sm = data.SageMaker;
  if (!sm) return [];
  const out: Resource[] = [];
  const common = { accountId: at.accountId, partition: at.partition, region: at.region, tags: {} as Record<string, string>, flags: [] as string[] };
  for (const nb of sm.NotebookInstances) {
    out.push({
      accountId: at.accountId,
      partition: at.partition,
      region: at.region,
      tags: common.tags,
      // DirectInternetAccess governs outbound traffic: an exfiltration factor, not an entry.
      flags: nb.DirectInternetAccess === 'Disabled' ? [] : ['direct-internet-access'],
      arn: nb.NotebookInstanceArn,
      kind: 'notebook-instance',
      name: nb.NotebookInstanceName,
      role: { arn: nb.RoleArn, field: 'RoleArn' },
      ...(nb.NotebookInstanceStatus ? { status: nb.NotebookInstanceStatus } : {}),
      ...(nb.NotebookInstanceLifecycleConfigName ? { lifecycleConfigName: nb.NotebookInstanceLifecycleConfigName } : {}),
    });
  }
  for (const model of sm.Models) {
    out.push({ accountId: at.accountId, partition: at.partition, region: at.region, tags: common.tags, flags: common.flags, arn: model.ModelArn, kind: 'model', name: model.ModelName, ...(model.ExecutionRoleArn ? { role: { arn: model.ExecutionRoleArn, field: 'ExecutionRoleArn' } } : {}) });
  }
  const configs = new Map(sm.EndpointConfigs.map((c) => [c.EndpointConfigName, c]));
  for (const endpoint of sm.Endpoints) {
    const config = configs.get(endpoint.EndpointConfigName);
    out.push({
      accountId: at.accountId,
      partition: at.partition,
      region: at.region,
      tags: common.tags,
      flags: common.flags,
      arn: endpoint.EndpointArn,
      kind: 'endpoint',
      name: endpoint.EndpointName,
      ...(endpoint.EndpointStatus ? { status: endpoint.EndpointStatus } : {}),
      models: (config?.ProductionVariants ?? []).flatMap((v) => (v.ModelName ? [v.ModelName] : [])),
    });
  }
  for (const job of sm.TrainingJobs) {
    out.push({ accountId: at.accountId, partition: at.partition, region: at.region, tags: common.tags, flags: common.flags, arn: job.TrainingJobArn, kind: 'training-job', name: job.TrainingJobName, role: { arn: job.RoleArn, field: 'RoleArn' }, ...(job.TrainingJobStatus ? { status: job.TrainingJobStatus } : {}) });
  }
  for (const job of sm.ProcessingJobs) {
    out.push({ accountId: at.accountId, partition: at.partition, region: at.region, tags: common.tags, flags: common.flags, arn: job.ProcessingJobArn, kind: 'processing-job', name: job.ProcessingJobName, ...(job.RoleArn ? { role: { arn: job.RoleArn, field: 'RoleArn' } } : {}) });
  }
  const domains = new Map(sm.Domains.map((d) => [d.DomainId, d]));
  for (const profile of sm.UserProfiles) {
    const own = profile.UserSettings?.ExecutionRole;
    const inherited = domains.get(profile.DomainId)?.DefaultUserSettings?.ExecutionRole;
    const role = own ? { arn: own, field: 'UserSettings.ExecutionRole' } : inherited ? { arn: inherited, field: 'Domain.DefaultUserSettings.ExecutionRole' } : undefined;
    out.push({ accountId: at.accountId, partition: at.partition, region: at.region, tags: common.tags, flags: common.flags, arn: profile.UserProfileArn, kind: 'user-profile', name: profile.UserProfileName, ...(role ? { role } : {}) });
  }
  return out;
}

/** Studio domains: a presigned domain URL logs in as the domain's default execution role. */
function studioDomains(data: RegionData, at: Place): Workload[] {
  return (data.SageMaker?.Domains ?? []).map((d) => {
    const role = d.DefaultUserSettings?.ExecutionRole;
    return {
      accountId: at.accountId,
      partition: at.partition,
      region: at.region,
      arn: d.DomainArn,
      kind: 'studio-domain',
      name: d.DomainName ?? d.DomainId,
      ...(role ? { role: { arn: role, field: 'DefaultUserSettings.ExecutionRole' } } : {}),
      domainArn: d.DomainArn,
      ...(d.AuthMode ? { authMode: d.AuthMode } : {}),
      evidence: [],
    };
  });
}

/**
 * S3 locations models and jobs read (`reads`: what an attacker who writes there feeds them) and
 * write (outputs, which only mark buckets for sensitivity rules).
 */
function locations(data: RegionData, at: Place): S3Location[] {
  const sm = data.SageMaker;
  const out: S3Location[] = [];
  const where = { accountId: at.accountId, region: at.region };
  const consumed = (use: LocationUse, by: string, field: string, reads = true): Consumed => ({ accountId: where.accountId, region: where.region, use, by, field, ...(reads ? {} : { written: true }) });
  for (const model of sm?.Models ?? []) {
    for (const [field, c] of containersOf(model)) out.push(...s3Location(c.ModelDataUrl, consumed('model-artifact', model.ModelArn, `${field}.ModelDataUrl`)));
  }
  for (const job of sm?.TrainingJobs ?? []) {
    const by = job.TrainingJobArn;
    (job.InputDataConfig ?? []).forEach((c, i) => out.push(...s3Location(c.DataSource?.S3DataSource?.S3Uri, consumed('training-input', by, `InputDataConfig[${i}].DataSource.S3DataSource.S3Uri`), false)));
    out.push(...s3Location(job.HyperParameters?.['sagemaker_submit_directory'], consumed('training-code', by, 'HyperParameters.sagemaker_submit_directory')));
    out.push(...s3Location(job.OutputDataConfig?.S3OutputPath, consumed('training-output', by, 'OutputDataConfig.S3OutputPath', false)));
    out.push(...s3Location(job.ModelArtifacts?.S3ModelArtifacts, consumed('model-artifact', by, 'ModelArtifacts.S3ModelArtifacts', false)));
  }
  for (const job of sm?.ProcessingJobs ?? []) {
    (job.ProcessingInputs ?? []).forEach((p, i) => out.push(...s3Location(p.S3Input?.S3Uri, consumed('processing-input', job.ProcessingJobArn, `ProcessingInputs[${i}].S3Input.S3Uri`), false)));
  }
  return out;
}

/**
 * Notebook lifecycle configurations: workloads without a node or a role, whose scripts may hold
 * credentials (redacted at load) that whoever may describe the configuration reads.
 */
function lifecycleConfigs(data: RegionData, at: Place): Workload[] {
  return (data.SageMaker?.NotebookInstanceLifecycleConfigs ?? []).map((config) => {
    const name = config.NotebookInstanceLifecycleConfigName;
    const arn = config.NotebookInstanceLifecycleConfigArn ?? `arn:${at.partition}:sagemaker:${at.region}:${at.accountId}:notebook-instance-lifecycle-config/${name.toLowerCase()}`;
    return { arn, kind: 'notebook-lifecycle-config', name, accountId: at.accountId, partition: at.partition, region: at.region, evidence: [] };
  });
}

/** The SageMaker reader. */
export const sageMaker: RegionalReader = { resources, workloads: (data, at) => [...studioDomains(data, at), ...lifecycleConfigs(data, at)], locations };

/** A model or training job whose code runs again, with the images it runs. */
export interface Consumer {
  arn: string;
  accountId: string;
  region: string;
  /** Container images with the field naming each (`PrimaryContainer.Image`). */
  images: Array<{ field: string; uri: string }>;
  /** Training jobs: the `sagemaker_submit_directory` hyperparameter as written. */
  submitDirectory?: string;
}

const DEAD_ENDPOINT = new Set(['Failed', 'OutOfService', 'Deleting']);

/** SageMaker facts that link workloads across the snapshot; filled account by account (`read`). */
export class SageMakerFacts {
  /** Studio domains by id, with the fields presigned-URL techniques depend on. */
  readonly domains = new Map<string, { arn: string; authMode?: string }>();
  /** Notebook lifecycle configuration ARNs by `<account>|<region>|<name>`. */
  readonly lifecycleConfigs = new Map<string, string>();
  /** Models behind a live endpoint and not network-isolated: their code can use their role. */
  readonly servedModels = new Map<string, Consumer>();
  /** Training jobs not network-isolated: run again from the same definition, they run what it names. */
  readonly trainingJobs = new Map<string, Consumer>();
  /** Strings that recur: code and image URIs named by two or more jobs or in a pipeline definition. */
  readonly recurring = new Set<string>();
  private readonly uses = new Map<string, number>();
  private readonly definitions: string[] = [];

  /** Reads one account. */
  read(account: AccountData): void {
    for (const [region, data] of Object.entries(account.regions)) {
      const sm = data.SageMaker;
      for (const d of sm?.Domains ?? []) this.domains.set(d.DomainId, { arn: d.DomainArn, ...(d.AuthMode ? { authMode: d.AuthMode } : {}) });
      for (const config of sm?.NotebookInstanceLifecycleConfigs ?? []) {
        const name = config.NotebookInstanceLifecycleConfigName;
        const arn = config.NotebookInstanceLifecycleConfigArn ?? `arn:${account.partition}:sagemaker:${region}:${account.accountId}:notebook-instance-lifecycle-config/${name.toLowerCase()}`;
        this.lifecycleConfigs.set(`${account.accountId}|${region}|${name}`, arn);
      }
      if (sm) this.readConsumers(sm, { accountId: account.accountId, region });
    }
  }

  private readConsumers(sm: NonNullable<RegionData['SageMaker']>, at: { accountId: string; region: string }): void {
    const count = (value: string | undefined) => value && this.uses.set(value, (this.uses.get(value) ?? 0) + 1);
    const configs = new Map(sm.EndpointConfigs.map((c) => [c.EndpointConfigName, c]));
    // A failed or stopped endpoint has no instance that loads the model until someone redeploys it.
    const live = sm.Endpoints.filter((e) => !e.EndpointStatus || !DEAD_ENDPOINT.has(e.EndpointStatus));
    const served = new Set(live.flatMap((e) => (configs.get(e.EndpointConfigName)?.ProductionVariants ?? []).flatMap((v) => (v.ModelName ? [v.ModelName] : []))));
    for (const model of sm.Models) {
      if (!served.has(model.ModelName) || model.EnableNetworkIsolation === true) continue;
      const images = containersOf(model).flatMap(([field, c]) => (c.Image ? [{ field: `${field}.Image`, uri: c.Image }] : []));
      this.servedModels.set(model.ModelArn, { arn: model.ModelArn, ...at, images });
    }
    for (const job of sm.TrainingJobs) {
      const submitDirectory = job.HyperParameters?.['sagemaker_submit_directory'];
      const image = job.AlgorithmSpecification?.TrainingImage;
      count(submitDirectory);
      count(image);
      if ((job as { EnableNetworkIsolation?: boolean }).EnableNetworkIsolation === true) continue;
      const images = image ? [{ field: 'AlgorithmSpecification.TrainingImage', uri: image }] : [];
      this.trainingJobs.set(job.TrainingJobArn, { arn: job.TrainingJobArn, ...at, images, ...(submitDirectory !== undefined ? { submitDirectory } : {}) });
    }
    for (const pipeline of sm.Pipelines) if (pipeline.PipelineDefinition) this.definitions.push(pipeline.PipelineDefinition);
  }

  /** Decides what recurs, once every account is read. */
  finish(): void {
    for (const [value, n] of this.uses) {
      const bare = value.replace(/^"|"$/g, '');
      if (n >= 2 || this.definitions.some((d) => d.includes(bare))) this.recurring.add(value);
    }
  }
}
