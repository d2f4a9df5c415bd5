/**
 * What a decision needs beyond the caller's own policies, shared by every principal of one
 * snapshot: the organization (SCPs, RCPs, org ids and paths) and facts about the resource a
 * request names (its tags for `aws:ResourceTag`, S3 Block Public Access, AWS-managed keys).
 * Resource facts are read on first use, from the same flattening the inventory uses.
 */
import type { CoverageGap } from '../../analyze/finding.js';
import type { Snapshot } from '../../snapshot/index.js';
import { organizationView, type OrganizationView } from './organization.js';
import { tagMap } from './principals.js';
import { collectResources, type Resource } from './resources.js';

/** Facts about one resource of the snapshot. */
export interface ResourceFacts {
  tags: Record<string, string>;
  /** S3 Block Public Access `RestrictPublicBuckets`, from the bucket or its account. */
  restrictPublicBuckets?: boolean;
  /** AWS managed KMS keys: RCPs do not apply to them. */
  awsManaged?: boolean;
  /** The resource's region where its ARN does not show it (S3 buckets): fixes aws:RequestedRegion. */
  region?: string;
}

/** Snapshot-wide evaluation facts. */
export interface EvaluationEnvironment {
  organization: OrganizationView | undefined;
  /** Facts about the resource an ARN names (an S3 object ARN names its bucket); undefined when unknown. */
  resourceFacts(arn: string): ResourceFacts | undefined;
  /** When requests are made (ISO 8601): the analysis time, the snapshot's `collectedAt` unless overridden. */
  at?: string;
}

/** The bucket ARN of an S3 object ARN; other ARNs unchanged. */
function owningArn(arn: string): string {
  const match = /^(arn:[^:]+:s3:::[^/]+)\//.exec(arn);
  return match ? match[1]! : arn;
}

function indexFacts(snapshot: Snapshot, resources: readonly Resource[]): Map<string, ResourceFacts> {
  const facts = new Map<string, ResourceFacts>();
  for (const resource of resources) {
    facts.set(resource.arn, {
      tags: resource.tags,
      ...(resource.restrictPublicBuckets !== undefined ? { restrictPublicBuckets: resource.restrictPublicBuckets } : {}),
      ...(resource.flags.includes('aws-managed') ? { awsManaged: true } : {}),
      ...(resource.kind === 'bucket' && resource.region ? { region: resource.region } : {}),
    });
  }
  for (const account of snapshot.accounts) {
    const details = account.iam?.AuthorizationDetails;
    for (const entity of [...(details?.RoleDetailList ?? []), ...(details?.UserDetailList ?? [])]) {
      facts.set(entity.Arn, { tags: tagMap(entity.Tags) });
    }
  }
  return facts;
}

/**
 * Builds the environment of a snapshot; organization gaps go to `gaps`. Resource facts come
 * from `resources` (the inventory's, once collected; by default collected here on first use),
 * so a build flattens and compiles the snapshot's resources once.
 */
export function evaluationEnvironment(
  snapshot: Snapshot,
  gaps: CoverageGap[],
  resources: () => readonly Resource[] = () => snapshot.accounts.flatMap((account) => collectResources(account)),
  at: string = snapshot.collectedAt,
): EvaluationEnvironment {
  let facts: Map<string, ResourceFacts> | undefined;
  // Other request ARNs (S3 objects, unknown resources) repeat: remember each answer, so the
  // owning-ARN pattern runs once per ARN. A resource's own ARN is answered by the index.
  const answers = new Map<string, ResourceFacts | undefined>();
  return {
    // A GAAD file without a single date loads as collected at the epoch: no time to decide by.
    ...(Date.parse(at) > 0 ? { at } : {}),
    organization: organizationView(snapshot.organization, gaps),
    resourceFacts: (arn) => {
      facts ??= indexFacts(snapshot, resources());
      const own = facts.get(arn);
      if (own !== undefined || answers.has(arn)) return own ?? answers.get(arn);
      const found = facts.get(owningArn(arn));
      answers.set(arn, found);
      return found;
    },
  };
}
