/**
 * `supply-chain`: the caller writes what a served model or a recurring training job loads and
 * runs (`artifact`: model data, container image, training code) -> that workload. Each
 * candidate carries the configuration field that proves the link.
 */
import type { TechniqueRule } from '../../../rules/index.js';
import type { Consumer, Facts } from '../../facts/index.js';
import { consumerCandidate, imageArtifact, parseEcrImage, partitionOf, s3Artifact } from '../artifacts.js';
import type { Candidate } from '../model.js';
import type { Relation, TechniqueRun } from '../relation.js';

/** Served models and recurring training jobs whose artifact the rule overwrites, each with the field that links them (outsiders' writers read them too). */
export function supplyChainCandidates(facts: Facts, rule: TechniqueRule): Candidate[] {
  const { servedModels, trainingJobs, recurring } = facts.sagemaker;
  const out: Candidate[] = [];
  if (rule.artifact === 'model-data' || rule.artifact === 'training-code') {
    const use = rule.artifact === 'model-data' ? 'model-artifact' : 'training-code';
    for (const location of facts.locations) {
      if (location.use !== use || !facts.resourcesByArn.has(location.by)) continue;
      const consumer = use === 'model-artifact' ? servedModels.get(location.by) : trainingJobs.get(location.by);
      if (!consumer) continue;
      // Code is run again only when the same submit directory recurs (several jobs, a pipeline).
      if (use === 'training-code' && !recurring.has(consumer.submitDirectory ?? '')) continue;
      out.push(consumerCandidate(facts, location.by, location, s3Artifact(facts, location, partitionOf(facts, location.accountId)), location.field, `s3://${location.bucket}/${location.key}`));
    }
  }
  if (rule.artifact === 'container-image') {
    const add = (consumer: Consumer, field: string, uri: string) => {
      const image = parseEcrImage(uri);
      const artifact = image && imageArtifact(facts, image, partitionOf(facts, consumer.accountId));
      if (artifact && facts.resourcesByArn.has(consumer.arn)) out.push(consumerCandidate(facts, consumer.arn, consumer, artifact, field, uri));
    };
    for (const model of servedModels.values()) for (const { field, uri } of model.images) add(model, field, uri);
    // A training job's image runs again only when it recurs (several jobs, a pipeline).
    for (const job of trainingJobs.values()) for (const { field, uri } of job.images) if (recurring.has(uri)) add(job, field, uri);
  }
  return out;
}

/** Served models and recurring training jobs whose artifact, image or code a caller could overwrite. */
export const supplyChain: Relation = { derive: { by: 'candidate', candidates: (run: TechniqueRun, rule: TechniqueRule) => supplyChainCandidates(run.facts, rule) } };
