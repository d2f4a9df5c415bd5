/**
 * The shapes technique derivation works with: the target of one technique check, and a
 * candidate edge end. Workloads, principals and resources come from the facts layer.
 */
import type { CompiledPolicy } from '../../iam/index.js';
import type { Principal, Resource, Workload } from '../facts/index.js';
import type { Provenance } from '../schema.js';

/** An S3 location or ECR repository a workload consumes, with the policy that guards it. */
export interface Artifact {
  /** The ARN write or read access is evaluated on (object, `bucket/prefix*`, or repository). */
  arn: string;
  /** Account owning the bucket or repository, when known. */
  accountId?: string;
  policy?: CompiledPolicy;
}

/** What the resources of a technique's actions are, for one candidate. */
export interface TechniqueTarget {
  /** The resource `target` actions are checked on. */
  arn: string;
  accountId: string;
  region?: string;
  /** The resource when the target is a workload with a node (its policy applies). */
  resource?: Resource;
  /** The role or user gained or modified. */
  principal?: Principal;
  /** Resource policy for `target` actions (a function or repository policy). */
  policy?: CompiledPolicy;
  /** For pass-role onto an existing workload. */
  workload?: Workload;
  artifact?: Artifact;
  domainArn?: string;
  lifecycleConfigArn?: string;
  keyArn?: string;
  /** The managed policy a variant detaches (the `target-policy` set of its request). */
  removedPolicy?: string;
  /** Value of `{resource-id}` in ARN templates. */
  resourceId?: string;
  /** Configuration provenance proving the link (ModelDataUrl, IamInstanceProfile...). */
  evidence?: Provenance[];
  detail?: Record<string, string>;
}

/** One edge a technique may draw: where it points and what its actions are checked on. */
export interface Candidate {
  node: string;
  target: TechniqueTarget;
}
