/**
 * The shapes the facts layer reads the snapshot into: principals and resources ready for
 * evaluation, workloads techniques act on, S3 locations and images workloads load, Bedrock
 * agents' tools, groups and policy versions. Everything after the facts layer works with these,
 * never with the snapshot's AWS shapes.
 */
import type { CompiledPolicy, RequestPrincipal } from '../../iam/index.js';
import type { KindOf, ResourceKind } from '../../kinds.js';
import type { WORKLOAD_KINDS } from '../../rules/index.js';
import type { Provenance } from '../schema.js';
import type { EvaluationEnvironment } from './environment.js';
import type { FrontDoor } from './front-doors.js';
import type { ImdsPosture } from './imds.js';

/** A user or role ready for evaluation. */
export interface Principal {
  arn: string;
  kind: KindOf<'principal'>;
  name: string;
  accountId: string;
  partition: string;
  tags: Record<string, string>;
  identity: CompiledPolicy[];
  boundary?: CompiledPolicy;
  /** Roles only. */
  trust?: CompiledPolicy;
  /** ARNs of customer-managed policies attached directly or through groups. */
  customerPolicies: string[];
  /** Users only: names of the groups the user belongs to. */
  groups: string[];
  request: RequestPrincipal;
  /**
   * SCPs limiting this principal, one list per level of its account's OU path (root first).
   * Absent when none apply: no organization data, the management account, a service-linked role.
   */
  scps?: CompiledPolicy[][];
  /** Snapshot-wide facts its decisions need: RCPs and tags of the resources it asks about. */
  environment?: EvaluationEnvironment;
  /**
   * A session of a role rather than the role itself, limited by session policies: a Cognito
   * guest's enhanced-flow credentials. Its node is the session's ARN; its requests are the role's.
   */
  session?: { policies: CompiledPolicy[]; role: string; identityPools: string[] };
}

/** How a workload uses an S3 location; feeds sensitivity rules (`usedAs`). */
export type S3Use = 'training-input' | 'processing-input' | 'model-artifact' | 'training-output' | 'knowledge-base-source' | 'model-invocation-logs';

/** One resource or workload that has a graph node. */
export interface Resource {
  arn: string;
  kind: ResourceKind;
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
  /** Endpoints: the models behind the endpoint config. */
  models?: string[];
  /** Plain-word facts for reports, e.g. `direct-internet-access`. */
  flags: string[];
  /** Lambda only: URL configs. */
  functionUrls?: Array<{ url: string; authType: 'NONE' | 'AWS_IAM'; qualifiedArn: string }>;
  /**
   * The customer managed KMS key encrypting its values: a function's environment (KMSKeyArn), a
   * secret's value or a SecureString parameter (KmsKeyId, KeyId). Absent for AWS managed keys.
   */
  keyArn?: string;
  /** The resource's type as AWS names it where it decides sensitivity: an SSM parameter's `Type`, a credential's kind. */
  type?: string;
  /** Notebook instances only: the lifecycle configuration they use, by name. */
  lifecycleConfigName?: string;
  /** S3 only: public access block settings in force (bucket or account). */
  restrictPublicBuckets?: boolean;
  /** API routes, AgentCore gateways and runtimes: how callers get in and where requests go. */
  frontDoor?: FrontDoor;
}

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
  /** Studio: the domain of a user profile (or the domain itself) and its AuthMode; EKS: the cluster's authenticationMode. */
  domainArn?: string;
  authMode?: string;
  /** Notebook instances: the lifecycle configuration they use. */
  lifecycleConfigArn?: string;
  /** EC2: instance state name; ECS container instances: their status. */
  state?: string;
  /** ECS container instances: how the host's metadata service answers its tasks. */
  imds?: ImdsPosture;
  /** Lambda: the customer managed key encrypting the environment (KMSKeyArn). */
  keyArn?: string;
  /** Configuration fields that link the workload to its role, as provenance. */
  evidence: Provenance[];
  /** Value of `{resource-id}` in ARN templates: the part of the ARN after the resource type. */
  resourceId?: string;  /** A role every request changing the workload must name again, so pass (a stack set's custom administration role). */
  passedRole?: string;
}

/**
 * What one service reads of one region of one account: where it is and how to name it. Objects
 * made by the thousand (resources, locations) start with its fields written out, never with
 * `...at`: V8 gives an object literal that begins with a spread a hidden class of its own (in
 * Node 20 about 430 bytes for a small resource instead of 120).
 */
export interface Place {
  accountId: string;
  partition: string;
  region: string;
}

/** How a location is consumed. */
export type LocationUse = S3Use | 'training-code';

/** One S3 location a consumer reads, with its full key (resources keep only bucket names). */
export interface S3Location {
  bucket: string;
  key: string;
  /** True for one object (a model.tar.gz), false for a prefix. */
  exact: boolean;
  use: LocationUse;
  /** The consumer (model, job, knowledge base) and the field naming the location. */
  by: string;
  field: string;
  accountId: string;
  region: string;
  /** An output the consumer writes (a job's results): it marks the bucket, but nothing loads it. */
  written?: true;
}

/** A Bedrock agent's action-group function that Bedrock may invoke for it. */
export interface AgentTool {
  agentArn: string;
  /** Alias ARNs that invoke the agent, the draft alias TSTALIASID first. */
  aliases: string[];
  /** Ids of the enabled knowledge bases the agent retrieves from. */
  knowledgeBases: string[];
  fn: string;
  accountId: string;
  region: string;
  /** The action group's field and the function policy statements that let Bedrock call it. */
  evidence: Provenance[];
}

/** A group with its policies compiled as they apply to members. */
export interface Group {
  arn: string;
  name: string;
  accountId: string;
  identity: CompiledPolicy[];
  customerPolicies: string[];
}

/** One version of a customer-managed policy. */
export interface PolicyVersion {
  versionId: string;
  isDefault: boolean;
  policy: CompiledPolicy;
}

/**
 * A credential found in a resource's configuration (by redaction), and the node it leads to: the
 * user whose active access key it is, or the credential's own node (`credential:<fingerprint>`).
 */
export interface HeldCredential {
  resourceArn: string;
  /** Path of the value inside the resource, e.g. `Environment.Variables.AWS_ACCESS_KEY_ID`. */
  field: string;
  variable: string;
  kind: string;
  fingerprint: string;
  /** The user whose active key it is, when the snapshot lists the key. */
  userArn?: string;
  /**
   * The node holding it leads to: `userArn`, or the credential node of its fingerprint; absent
   * for an inactive key, and for a secret access key whose key id sits beside it (the id stands
   * for the pair).
   */
  node?: string;
}

/** Tag list in AWS `[{Key, Value}]` form to a plain map. */
export function tagMap(tags: ReadonlyArray<{ Key: string; Value?: string | undefined }> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags ?? []) out[tag.Key] = tag.Value ?? '';
  return out;
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
