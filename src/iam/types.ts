/**
 * The contract of the IAM evaluator: pure functions over compiled policies. It knows nothing
 * of graphs, rules or snapshots; callers describe a request and hand over the policies that
 * apply, and get back a three-valued decision with the statements that decided it.
 */

/** Where a policy comes from; the part of provenance that names the policy. */
export interface PolicySource {
  /** `scp`, `rcp` and `session` policies, like boundaries, only limit: they never grant. */
  kind: 'identity' | 'boundary' | 'resource' | 'trust' | 'scp' | 'rcp' | 'session';
  /**
   * Stable id of the policy: the managed policy ARN, or for inline and resource policies
   * `<owner ARN>#inline/<PolicyName>`, `<resource ARN>#resource-policy`, `<role ARN>#trust-policy`.
   */
  id: string;
  /** The managed policy version that was in force, when there is one. */
  versionId?: string;
}

/** Identifies one statement: policy, position, Sid, and a hash of its content. */
export interface StatementRef {
  policy: PolicySource;
  index: number;
  sid?: string;
  /** 16 hex chars of SHA-256 over the statement's canonical JSON: survives reordering. */
  hash: string;
}

/** The three outcomes of evaluation. `conditional`: allowed only if the residual holds. */
export type Decision = 'allowed' | 'conditional' | 'denied';

/** Why a request ended denied, when it did. */
export type DenyReason =
  | 'explicit-deny'
  | 'no-allow'
  | 'boundary'
  | 'resource-policy'
  | 'trust-policy'
  | 'scp'
  | 'rcp'
  | 'session-policy'
  | 'block-public-access';

/**
 * The open conditions of a conditional decision as one simplified boolean expression: Allow
 * alternatives are `any`, everything required together is `all`, an undecided Deny is `not`.
 * Atoms are rendered clauses (`IpAddress aws:SourceIp 10.0.0.0/8`).
 */
export type ResidualCondition =
  | { atom: string }
  | { not: ResidualCondition }
  | { all: ResidualCondition[] }
  | { any: ResidualCondition[] };

/**
 * A condition that evaluation could not decide from what the snapshot knows, such as
 * `aws:SourceIp`: the statement applies only if it holds (Allow) or does not hold (Deny).
 */
export interface Residual {
  statement: StatementRef;
  effect: 'Allow' | 'Deny';
  /** Condition keys left open, lower-cased, sorted. */
  keys: string[];
  /** The unevaluated condition block entries, e.g. `IpAddress aws:SourceIp 10.0.0.0/8`. */
  clauses: string[];
}

/** Result of one evaluation. */
export interface EvaluationResult {
  decision: Decision;
  /** Statements whose Allow made the request (conditionally) allowed. */
  allowedBy: StatementRef[];
  /** Explicit Deny statements that applied. */
  deniedBy: StatementRef[];
  /** Open conditions; non-empty exactly when decision is `conditional`. */
  residual: Residual[];
  /** Set when decision is `denied`. */
  denyReason?: DenyReason;
  /** Set when decision is `conditional`: what must hold, simplified (see ResidualCondition). */
  condition?: ResidualCondition;
  /**
   * Set when the request's `choices` decided the outcome and it is `allowed`: the value picked
   * for each chosen key (`null`: the key left out of the request), e.g. the admin policy ARN an
   * attach-policy escalation attaches.
   */
  chosen?: Record<string, string | null>;
}

/**
 * What the caller may pick for a condition key it sets in its own request (the attacker, in
 * path analysis): `values`, one of these (`null` leaves the key out); `like`, any value that
 * matches this IAM wildcard pattern (`*` for any value at all); `address: 'public'`, any
 * publicly routable IP address (a caller on the internet). See choices.ts for how the
 * evaluator decides over a choice.
 */
export type ContextChoice =
  | { values: ReadonlyArray<string | null> }
  | { like: string }
  | { address: 'public' };

/** The caller of a request. */
export interface RequestPrincipal {
  /**
   * ARN of the IAM principal (user or role), an account root, a service principal name
   * (`sagemaker.amazonaws.com`), a federated provider ARN, or `*` for an anonymous caller.
   */
  arn: string;
  type: 'user' | 'role' | 'account' | 'service' | 'federated' | 'anonymous';
  /** Account of the principal; undefined for service principals and anonymous callers. */
  accountId?: string;
  /** Principal tags, for `aws:PrincipalTag/<key>`. */
  tags?: Record<string, string>;
}

/** One authorization question: may `principal` perform `action` on `resource`? */
export interface AccessRequest {
  principal: RequestPrincipal;
  /** `service:Action`, any case. */
  action: string;
  /** Resource ARN, or `*` for actions without a resource. */
  resource: string;
  /** Account owning the resource; needed for the same- vs cross-account rules. */
  resourceAccount?: string;
  /**
   * Condition context the snapshot knows, keyed by lower-cased condition key. A key mapped
   * to `null` is known to be absent from the request; a key not present at all is unknown,
   * and conditions on it stay residual.
   */
  context?: Record<string, string[] | null>;
  /**
   * Tags of the resource, for `aws:ResourceTag/<key>` when the context does not say: a complete
   * tag set, so a tag it lacks is known to be absent. Undefined when the tags are unknown.
   */
  resourceTags?: Record<string, string>;
  /**
   * When the request is made (ISO 8601): decides `aws:CurrentTime` and `aws:EpochTime`, and
   * `aws:TokenIssueTime` of a role session obtained then. The graph uses the analysis time (the
   * snapshot's `collectedAt` unless overridden). Undefined: time keys stay open.
   */
  at?: string;
  /**
   * Region of the resource when its ARN does not carry one (an S3 bucket's location): the
   * region `aws:RequestedRegion` must be for the request to reach it.
   */
  resourceRegion?: string;
  /**
   * Condition keys the caller picks, lower-cased: the request is decided as the best the
   * caller can do over every allowed pick (allowed if some pick is allowed). A key the
   * context (or the resource, for `aws:RequestedRegion`) fixes is not a choice.
   */
  choices?: Readonly<Record<string, ContextChoice>>;
}

/** A statement after parsing: lower-cased, wildcard patterns compiled, conditions split out. */
export interface CompiledStatement {
  ref: StatementRef;
  effect: 'Allow' | 'Deny';
  /** True when the statement lists NotAction instead of Action. */
  notAction: boolean;
  /** True when the statement lists NotResource instead of Resource. */
  notResource: boolean;
  /** Action patterns as written, lower-cased. */
  actions: string[];
  /** Resource patterns as written (case kept: ARNs are case-sensitive); `['*']` when absent. */
  resources: string[];
  /** Service prefixes this statement can match (`'*'` when any): the key of the action index. */
  services: string[];
  /** Principal / NotPrincipal of resource and trust policies, as written. */
  principal?: { not: boolean; values: PrincipalValues };
  /** Condition entries: operator, key (lower-cased) and values. Empty when unconditional. */
  conditions: ConditionClause[];
  /**
   * True when `${...}` in resources and condition values are policy variables: only under
   * `Version: 2012-10-17`. In a policy without Version, or `2008-10-17`, they are literal text.
   */
  variables: boolean;
}

/** `Principal: "*"` or the typed lists of a principal block. */
export type PrincipalValues =
  | '*'
  | { AWS: string[]; Service: string[]; Federated: string[]; CanonicalUser: string[] };

/** One `operator: { key: values }` entry of a Condition block. */
export interface ConditionClause {
  /** As written, e.g. `ForAnyValue:StringLikeIfExists`. */
  operator: string;
  /** Lower-cased condition key. */
  key: string;
  values: string[];
  /** The key as the policy wrote it (`aws:SourceIp`), for rendering residual clauses. */
  keyAsWritten?: string;
}

/** A compiled policy: its source and statements. */
export interface CompiledPolicy {
  source: PolicySource;
  statements: CompiledStatement[];
}

/**
 * The policies that apply to one request. `identity` is everything attached to the principal
 * (user, its groups, or role); `boundary` is its permissions boundary when it has one;
 * `resource` is the resource-based policy (bucket, key, secret, function policy, trust policy).
 */
export interface PolicySet {
  identity: CompiledPolicy[];
  boundary?: CompiledPolicy;
  resource?: CompiledPolicy;
  /**
   * `optional`: the usual rules (S3, Secrets Manager, Lambda): a same-account grant can come
   * from either side. `required`: the resource policy must allow for anything to be allowed
   * (role trust policies for sts:AssumeRole*, KMS key policies).
   */
  resourcePolicyMode?: 'optional' | 'required';
  /**
   * SCPs of the caller's account, one list per level of its OU path (root first, the account
   * last). Every level must allow; the caller leaves this out for the management account and
   * service-linked roles, which SCPs do not restrict. Applies only to IAM users, roles and roots.
   */
  scps?: CompiledPolicy[][];
  /** RCPs of the resource's account, one list per level, for services RCPs cover; every level must allow. */
  rcps?: CompiledPolicy[][];
  /**
   * Session policies of the calling session. They limit identity grants and grants to the user
   * or role ARN; a resource policy naming the session itself is not limited by them.
   */
  sessionPolicies?: CompiledPolicy[];
  /**
   * S3 Block Public Access `RestrictPublicBuckets` in force for the bucket (bucket or account
   * setting): when the resource policy is public, only AWS services and principals of the
   * resource's account may use it.
   */
  restrictPublicBuckets?: boolean;
}

/** How much evaluation should say. */
export interface EvaluateOptions {
  /**
   * Default true: every denial says exactly why (`denyReason`, `deniedBy`). False when only the
   * decision matters (graph edges): a request nothing grants is then denied without scanning
   * boundaries, session policies, SCPs and RCPs, so its reason may read `no-allow` where an
   * explicit Deny in one of them also applied. Allowed and conditional results are unchanged.
   */
  explain?: boolean;
}

/** One or many strings, as policy documents write list-valued elements. */
export type StringOrList = string | readonly string[];

/** `Principal` / `NotPrincipal` of a policy document. */
export type PrincipalBlockInput =
  | '*'
  | { AWS?: StringOrList; Service?: StringOrList; Federated?: StringOrList; CanonicalUser?: StringOrList };

/** One condition value or a list of them, as written in a `Condition` block. */
export type ConditionValueInput = string | boolean | number | readonly (string | boolean | number)[];

/** `Condition`: operator -> condition key -> one or many values. */
export type ConditionBlockInput = Readonly<Record<string, Readonly<Record<string, ConditionValueInput>>>>;

/** One statement of a policy document, before compilation. */
export interface PolicyStatementInput {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: StringOrList;
  NotAction?: StringOrList;
  Resource?: StringOrList;
  NotResource?: StringOrList;
  Principal?: PrincipalBlockInput;
  NotPrincipal?: PrincipalBlockInput;
  Condition?: ConditionBlockInput;
}

/**
 * A policy document in object form. Structurally a supertype of the snapshot's validated
 * `PolicyDocument`, so the graph passes snapshot documents straight in without this module
 * depending on the snapshot.
 */
export interface PolicyDocumentInput {
  Version?: string;
  Statement: PolicyStatementInput | readonly PolicyStatementInput[];
}
