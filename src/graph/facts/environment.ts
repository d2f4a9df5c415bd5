/**
 * What a decision needs beyond the caller's own policies, shared by every principal of one
 * build: the organization (SCPs, RCPs, org ids and paths) and facts about the resource a request
 * names (its tags for `aws:ResourceTag`, S3 Block Public Access, AWS-managed keys). It also
 * holds what decide() remembers within the build: request contexts per caller, and which
 * services RCPs govern.
 */
import type { ContextChoice, RequestPrincipal } from '../../iam/index.js';
import type { OrganizationView } from './organizations.js';

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

/** Condition values of a request, by lower-cased key; null for a key known to be absent. */
export type RequestContext = Record<string, string[] | null>;

/** The bucket ARN of an S3 object ARN; other ARNs unchanged. */
function owningArn(arn: string): string {
  const match = /^(arn:[^:]+:s3:::[^/]+)\//.exec(arn);
  return match ? match[1]! : arn;
}

/** Snapshot-wide evaluation facts of one build, and decide()'s memory within it. */
export class EvaluationEnvironment {
  /** Contexts per caller and resource account, built once and shared read-only (decide.ts). */
  readonly baseContexts = new WeakMap<RequestPrincipal, Map<string, Readonly<RequestContext>>>();
  /** A base context with a question's own values on top, per pair of context objects (decide.ts). */
  readonly mergedContexts = new WeakMap<object, WeakMap<object, RequestContext>>();
  /** Whether RCPs govern an action's service, per action as written (decide.ts). */
  readonly rcpActions = new Map<string, boolean>();
  /** The attacker's choices on every request of this build (attacker-choices.ts). */
  attackerChoices: Readonly<Record<string, ContextChoice>> | undefined;
  /** The attacker's choices with a question's own on top, per pair of objects (attacker-choices.ts). */
  readonly mergedChoices = new WeakMap<object, WeakMap<object, Record<string, ContextChoice>>>();
  /** When requests are made (ISO 8601): the analysis time, the snapshot's `collectedAt` unless overridden. */
  readonly at: string | undefined;
  // Other request ARNs (S3 objects, unknown resources) repeat: remember each answer, so the
  // owning-ARN pattern runs once per ARN. A resource's own ARN is answered by the index.
  private readonly answers = new Map<string, ResourceFacts | undefined>();

  constructor(
    readonly organization: OrganizationView | undefined,
    private readonly facts: ReadonlyMap<string, ResourceFacts>,
    at?: string,
  ) {
    // A GAAD file without a single date loads as collected at the epoch: no time to decide by.
    this.at = at !== undefined && Date.parse(at) > 0 ? at : undefined;
  }

  /** Facts about the resource an ARN names (an S3 object ARN names its bucket); undefined when unknown. */
  resourceFacts(arn: string): ResourceFacts | undefined {
    const own = this.facts.get(arn);
    if (own !== undefined || this.answers.has(arn)) return own ?? this.answers.get(arn);
    const found = this.facts.get(owningArn(arn));
    this.answers.set(arn, found);
    return found;
  }
}
