/**
 * The shapes technique derivation works with: a workload (from the inventory or read from the
 * snapshot), the target of one technique check, and a candidate edge end.
 */
import type { CompiledPolicy } from '../../iam/index.js';
import type { WORKLOAD_KINDS } from '../../rules/index.js';
import type { Principal, Resource } from '../inventory/index.js';
import type { Provenance } from '../schema.js';

export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

/** Something that runs code as a role, with the configuration facts preconditions read. */
export interface Workload {
  arn: string;
  kind: WorkloadKind;
  name: string;
  accountId: string;
  partition: string;
  region: string;
  /** The graph node an existing-resource edge points to: the workload, or an instance's role. */
  node?: string;
  role?: { arn: string; field: string };
  /** Resource policy of the workload (a function policy). */
  policy?: CompiledPolicy;
  /** Studio: the domain of a user profile (or the domain itself) and its AuthMode. */
  domainArn?: string;
  authMode?: string;
  /** Notebook instances: the lifecycle configuration they use. */
  lifecycleConfigArn?: string;
  /** EC2: instance state name. */
  state?: string;
  /** Lambda: the customer managed key encrypting the environment (KMSKeyArn). */
  keyArn?: string;
  /** Configuration fields that link the workload to its role, as provenance. */
  evidence: Provenance[];
  /** Value of `{resource-id}` in ARN templates (see resourceIdOf). */
  resourceId?: string;
}

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
  /** Inventory resource when the target is a workload with a node (its policy applies). */
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

/** The part of a resource ARN after the type (`d-abc/alice` of `...:user-profile/d-abc/alice`). */
export function resourceIdOf(arn: string): string | undefined {
  const resource = arn.split(':').slice(5).join(':');
  const slash = resource.indexOf('/');
  return slash < 0 ? undefined : resource.slice(slash + 1);
}

/** A configuration provenance entry: the resource whose field proves a link. */
export function configuration(resource: string, field: string): Provenance {
  return { policy: resource, policyKind: 'configuration', field, conditionKeys: [] };
}

/** Provenance and detail for a candidate whose node is reached through a principal. */
export type PrincipalCandidate = Candidate & { target: TechniqueTarget & { principal: Principal } };
