/**
 * What an attacker overwrites to change what a workload runs: an S3 object or prefix (model
 * data, training code, ingested documents) or an ECR repository (the image), each with the
 * account that owns it and the policy that guards it.
 */
import type { Facts, S3Location } from '../facts/index.js';
import { configuration } from '../facts/index.js';
import type { Artifact, Candidate } from './model.js';

/** The request ARN access to a location is evaluated on: the object, or every key under the prefix. */
export function locationArn(location: S3Location, partition: string): string {
  return `arn:${partition}:s3:::${location.bucket}/${location.key}${location.exact ? '' : '*'}`;
}

/** The partition of an account of the facts. */
export function partitionOf(facts: Facts, accountId: string): string {
  return facts.accounts.get(accountId)?.partition ?? 'aws';
}

/** An S3 location as an artifact: its bucket's account and policy, when the bucket is in the snapshot. */
export function s3Artifact(facts: Facts, location: S3Location, partition: string): Artifact {
  const bucket = facts.resourcesByArn.get(`arn:${partition}:s3:::${location.bucket}`);
  return { arn: locationArn(location, partition), ...(bucket ? { accountId: bucket.accountId, ...(bucket.policy ? { policy: bucket.policy } : {}) } : {}) };
}

/** One container image a model or training job runs. */
export interface ImageRef {
  registry: string;
  region: string;
  repository: string;
  /** Absent when pinned by digest: a push cannot change what runs. */
  tag?: string;
  digest?: string;
}

const ECR_IMAGE = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)(?::([^@]+))?(?:@(sha256:[0-9a-f]+))?$/;

/** Parses a private ECR image URI; undefined for public registries and other hosts. */
export function parseEcrImage(uri: string): ImageRef | undefined {
  const match = ECR_IMAGE.exec(uri.trim());
  if (!match) return undefined;
  const [, registry, region, repository, tag, digest] = match;
  return { registry: registry!, region: region!, repository: repository!, ...(digest ? { digest } : { tag: tag ?? 'latest' }) };
}

/** The repository an image is pulled from; undefined when a push cannot change what runs (a digest, an immutable tag). */
export function imageArtifact(facts: Facts, image: ImageRef, partition: string): Artifact | undefined {
  if (image.digest) return undefined;
  const repo = facts.ecr.repository(image.registry, image.region, image.repository);
  if (repo?.immutable) return undefined;
  const arn = repo?.arn ?? `arn:${partition}:ecr:${image.region}:${image.registry}:repository/${image.repository}`;
  return { arn, accountId: image.registry, ...(repo?.policy ? { policy: repo.policy } : {}) };
}

/** A candidate pointing at the consumer whose artifact is overwritten, with the field that links them. */
export function consumerCandidate(facts: Facts, consumer: string, at: { accountId: string; region: string }, artifact: Artifact, field: string, uri: string): Candidate {
  const resource = facts.resourcesByArn.get(consumer);
  return {
    node: consumer,
    target: { arn: consumer, accountId: at.accountId, region: at.region, ...(resource ? { resource } : {}), artifact, evidence: [configuration(consumer, field)], detail: { artifact: uri } },
  };
}
