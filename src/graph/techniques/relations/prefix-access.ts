/**
 * `prefix-access`: the actions on the exact S3 prefix a job, model or service consumes
 * (`usedAs`) -> `access` to that bucket: a data-access edge, not an escalation.
 */
import { configuration } from '../../facts/index.js';
import { partitionOf, s3Artifact } from '../artifacts.js';
import type { Candidate } from '../model.js';
import type { Relation } from '../relation.js';

/**
 * Buckets of the snapshot, one candidate per consumed prefix of the rule's uses; consumers
 * reading the same prefix share one candidate whose evidence names all of them.
 */
export const prefixAccess: Relation = {
  derive: {
    by: 'candidate',
    candidates: (run, rule) => {
      const uses = new Set<string>(rule.usedAs ?? []);
      const byArtifact = new Map<string, Candidate>();
      for (const location of run.facts.locations) {
        // Most locations serve other uses: no ARN is built for them.
        if (!uses.has(location.use)) continue;
        const partition = partitionOf(run.facts, location.accountId);
        const bucketArn = `arn:${partition}:s3:::${location.bucket}`;
        const bucket = run.facts.resourcesByArn.get(bucketArn);
        if (!bucket) continue;
        const artifact = s3Artifact(run.facts, location, partition);
        const known = byArtifact.get(artifact.arn);
        if (known) {
          known.target.evidence!.push(configuration(location.by, location.field));
          continue;
        }
        byArtifact.set(artifact.arn, {
          node: bucketArn,
          target: { arn: bucketArn, accountId: bucket.accountId, artifact, evidence: [configuration(location.by, location.field)], detail: { prefix: `s3://${location.bucket}/${location.key}` } },
        });
      }
      return [...byArtifact.values()];
    },
  },
  edge: (rule) => ({ kind: 'data-access', access: rule.access! }),
};
