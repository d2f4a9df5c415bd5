/**
 * AI supply-chain candidates: what a model or training job loads and runs (model artifact,
 * container image, training code), and the exact S3 prefixes jobs and services consume. Each
 * candidate carries the configuration fields that prove the link as provenance.
 */
import { compilePolicy, type PolicyDocumentInput } from '../../iam/index.js';
import type { TechniqueRule } from '../../rules/index.js';
import type { BuildContext } from '../context.js';
import type { Model, TrainingJob } from '../../snapshot/index.js';
import { locationArn, parseEcrImage, s3Locations, type ImageRef, type S3Location } from './locations.js';
import { configuration, type Artifact, type Candidate } from './model.js';

interface Consumers {
  /** Models behind an endpoint and not network-isolated: their code can use the role. */
  models: Map<string, Model & { accountId: string; region: string }>;
  /** Training jobs run again from the same definition (a pipeline, or several runs), not isolated. */
  jobs: Map<string, TrainingJob & { accountId: string; region: string }>;
  /** Strings that recur: URIs named in a pipeline definition or by two or more jobs. */
  recurring: Set<string>;
  partition: Map<string, string>;
}

const consumersCache = new WeakMap<BuildContext, Consumers>();
const DEAD_ENDPOINT = new Set(['Failed', 'OutOfService', 'Deleting']);

function consumers(ctx: BuildContext): Consumers {
  const found = consumersCache.get(ctx);
  if (found) return found;
  const out: Consumers = { models: new Map(), jobs: new Map(), recurring: new Set(), partition: new Map() };
  const uses = new Map<string, number>();
  const count = (value: string | undefined) => value && uses.set(value, (uses.get(value) ?? 0) + 1);
  const definitions: string[] = [];
  for (const account of ctx.input.snapshot.accounts) {
    out.partition.set(account.accountId, account.partition);
    for (const [region, data] of Object.entries(account.regions)) {
      const sm = data.SageMaker;
      if (!sm) continue;
      const configs = new Map(sm.EndpointConfigs.map((c) => [c.EndpointConfigName, c]));
      // A failed or stopped endpoint has no instance that loads the model until someone redeploys it.
      const live = sm.Endpoints.filter((e) => !e.EndpointStatus || !DEAD_ENDPOINT.has(e.EndpointStatus));
      const served = new Set(live.flatMap((e) => (configs.get(e.EndpointConfigName)?.ProductionVariants ?? []).flatMap((v) => (v.ModelName ? [v.ModelName] : []))));
      for (const model of sm.Models) {
        if (served.has(model.ModelName) && model.EnableNetworkIsolation !== true) out.models.set(model.ModelArn, { ...model, accountId: account.accountId, region });
      }
      for (const job of sm.TrainingJobs) {
        count(job.HyperParameters?.['sagemaker_submit_directory']);
        count(job.AlgorithmSpecification?.TrainingImage);
        if ((job as { EnableNetworkIsolation?: boolean }).EnableNetworkIsolation !== true) out.jobs.set(job.TrainingJobArn, { ...job, accountId: account.accountId, region });
      }
      for (const pipeline of sm.Pipelines) if (pipeline.PipelineDefinition) definitions.push(pipeline.PipelineDefinition);
    }
  }
  for (const [value, n] of uses) {
    const bare = value.replace(/^"|"$/g, '');
    if (n >= 2 || definitions.some((d) => d.includes(bare))) out.recurring.add(value);
  }
  consumersCache.set(ctx, out);
  return out;
}

function s3Artifact(ctx: BuildContext, location: S3Location, partition: string): Artifact {
  const bucket = ctx.inventory.resourcesByArn.get(`arn:${partition}:s3:::${location.bucket}`);
  return { arn: locationArn(location, partition), ...(bucket ? { accountId: bucket.accountId, ...(bucket.policy ? { policy: bucket.policy } : {}) } : {}) };
}

/** The repository an image is pulled from; undefined when a push cannot change what runs. */
function imageArtifact(ctx: BuildContext, image: ImageRef, partition: string): Artifact | undefined {
  if (image.digest) return undefined;
  const region = ctx.input.snapshot.accounts.find((a) => a.accountId === image.registry)?.regions[image.region];
  const repo = region?.ECR?.Repositories.find((r) => r.repositoryName === image.repository);
  // Immutable tags cannot be overwritten, so the image a model uses stays what it was.
  if (repo?.imageTagMutability === 'IMMUTABLE') return undefined;
  const arn = repo?.repositoryArn ?? `arn:${partition}:ecr:${image.region}:${image.registry}:repository/${image.repository}`;
  const policy = repo?.policyText ? compilePolicy(repo.policyText as PolicyDocumentInput, { kind: 'resource', id: `${arn}#resource-policy` }) : undefined;
  return { arn, accountId: image.registry, ...(policy ? { policy } : {}) };
}

function consumerCandidate(ctx: BuildContext, consumer: string, at: { accountId: string; region: string }, artifact: Artifact, field: string, uri: string): Candidate {
  const resource = ctx.inventory.resourcesByArn.get(consumer);
  return {
    node: consumer,
    target: { arn: consumer, accountId: at.accountId, region: at.region, ...(resource ? { resource } : {}), artifact, evidence: [configuration(consumer, field)], detail: { artifact: uri } },
  };
}

function build(ctx: BuildContext, rule: TechniqueRule): Candidate[] {
  const c = consumers(ctx);
  const part = (accountId: string) => c.partition.get(accountId) ?? 'aws';
  const out: Candidate[] = [];
  if (rule.artifact === 'model-data' || rule.artifact === 'training-code') {
    const use = rule.artifact === 'model-data' ? 'model-artifact' : 'training-code';
    for (const location of s3Locations(ctx)) {
      if (location.use !== use || !ctx.graph.hasNode(location.by)) continue;
      const consumer = use === 'model-artifact' ? c.models.get(location.by) : c.jobs.get(location.by);
      if (!consumer) continue;
      if (use === 'training-code' && !c.recurring.has((consumer as TrainingJob).HyperParameters?.['sagemaker_submit_directory'] ?? '')) continue;
      out.push(consumerCandidate(ctx, location.by, location, s3Artifact(ctx, location, part(location.accountId)), location.field, `s3://${location.bucket}/${location.key}`));
    }
  }
  if (rule.artifact === 'container-image') {
    for (const [arn, model] of c.models) {
      const containers = [...(model.PrimaryContainer ? [['PrimaryContainer', model.PrimaryContainer] as const] : []), ...(model.Containers ?? []).map((x, i) => [`Containers[${i}]`, x] as const)];
      for (const [field, container] of containers) {
        const image = container.Image ? parseEcrImage(container.Image, arn, `${field}.Image`) : undefined;
        const artifact = image && imageArtifact(ctx, image, part(model.accountId));
        if (artifact && ctx.graph.hasNode(arn)) out.push(consumerCandidate(ctx, arn, model, artifact, `${field}.Image`, container.Image!));
      }
    }
    for (const [arn, job] of c.jobs) {
      const uri = job.AlgorithmSpecification?.TrainingImage;
      const image = uri && c.recurring.has(uri) ? parseEcrImage(uri, arn, 'AlgorithmSpecification.TrainingImage') : undefined;
      const artifact = image && imageArtifact(ctx, image, part(job.accountId));
      if (artifact && ctx.graph.hasNode(arn)) out.push(consumerCandidate(ctx, arn, job, artifact, 'AlgorithmSpecification.TrainingImage', uri!));
    }
  }
  return out;
}

/** Workloads whose artifact, image or code a caller could overwrite (callers are found per candidate). */
export function supplyChainCandidates(ctx: BuildContext, rule: TechniqueRule): Candidate[] {
  return build(ctx, rule);
}

/**
 * Buckets of the snapshot, one candidate per consumed prefix of the rule's uses; jobs reading
 * the same prefix share one candidate whose evidence names all of them.
 */
export function prefixCandidates(ctx: BuildContext, rule: TechniqueRule): Candidate[] {
  const c = consumers(ctx);
  const uses = new Set<string>(rule.usedAs ?? []);
  const byArtifact = new Map<string, Candidate>();
  for (const location of s3Locations(ctx)) {
    const partition = c.partition.get(location.accountId) ?? 'aws';
    const bucketArn = `arn:${partition}:s3:::${location.bucket}`;
    const bucket = ctx.inventory.resourcesByArn.get(bucketArn);
    if (!uses.has(location.use) || !bucket) continue;
    const artifact = s3Artifact(ctx, location, partition);
    const known = byArtifact.get(artifact.arn);
    if (known) {
      known.target.evidence!.push(configuration(location.by, location.field));
      continue;
    }
    byArtifact.set(artifact.arn, { node: bucketArn, target: { arn: bucketArn, accountId: bucket.accountId, artifact, evidence: [configuration(location.by, location.field)], detail: { prefix: `s3://${location.bucket}/${location.key}` } } });
  }
  return [...byArtifact.values()];
}
