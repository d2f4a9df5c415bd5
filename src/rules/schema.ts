/**
 * Schemas of the rule data under rules/. One YAML file per technique, entry point and
 * sensitivity rule (`id` equal to the file name); scoring and resource access in one file each.
 * Adding a technique needs no TypeScript unless it brings a new `relation`.
 */
import { z } from 'zod';
import { kindsOf, type NodeKind } from '../kinds.js';
import { conditionContext } from './request-context.js';

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id');
const nonEmpty = z.string().min(1);
const action = z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9*?]+$/, 'expected an IAM action such as iam:PassRole');
const attackId = z.string().regex(/^T\d{4}(\.\d{3})?$/, 'expected a MITRE ATT&CK id such as T1098.003');
const nhiId = z.string().regex(/^NHI([1-9]|10)$/, 'expected an OWASP NHI id such as NHI5');

/**
 * Node kinds a rule's advice can be fitted to (`remediationFor`): the resource or workload an
 * exposure or technique hop reaches, or the principal an entry starts from. Every one is a
 * NODE_KINDS value of src/graph/schema.ts (a test checks it; rules do not import the graph).
 */
export const REMEDIATION_KINDS = [
  'bucket',
  'secret',
  'kms-key',
  'ssm-parameter',
  'credential',
  'lambda-function',
  'endpoint',
  'model',
  'notebook-instance',
  'training-job',
  'processing-job',
  'user-profile',
  'api-route',
  'agent-gateway',
  'agent-runtime',
  'code-interpreter',
  'role',
  'user',
  'account-admin',
  'foundation-models',
] as const;

/** Common metadata of every rule. */
const RuleMeta = {
  id,
  title: nonEmpty,
  description: nonEmpty,
  references: z.array(z.url()).default([]),
  attack: z.array(attackId).default([]),
  owaspNhi: z.array(nhiId).default([]),
  remediation: nonEmpty,
  /**
   * Advice fitted to the kind of node the rule applies to, replacing `remediation` in reports of
   * a path through that kind (a public bucket gets S3 advice, a public secret Secrets Manager's).
   */
  remediationFor: z.partialRecord(z.enum(REMEDIATION_KINDS), nonEmpty).optional(),
  /** Ids this rule had elsewhere (pathfinding.cloud, our own retired ids); never reused. */
  aliases: z.array(nonEmpty).default([]),
  deprecated: z.boolean().default(false),
};

/**
 * How a technique's permissions relate the attacker to what it gains (implemented in
 * src/graph/techniques/; rules/README.md describes each):
 * - `self-admin`: the actions on the principal itself, a customer-managed policy attached to it,
 *   or a group it belongs to let it grant itself anything -> account admin.
 * - `pass-role`: iam:PassRole on a role that trusts `service`, plus the other actions on a new
 *   resource (or on an existing workload of `resourceKind`) -> that role.
 * - `existing-resource`: the actions on an existing workload of `resourceKind` -> control of
 *   that workload (which runs as its role; EC2 instances lead to their instance profile's role).
 * - `user-credential`: the actions on another IAM user -> that user (or `gain`).
 * - `assume-role`: the role's trust policy and the caller's permissions allow sts:AssumeRole.
 * - `join-group`: the caller adds itself to a group -> account admin when the group makes it one.
 * - `self-unblock`: the caller removes what limits it (`unblock`) -> account admin when the
 *   unlimited caller is one.
 * - `role-takeover`: the caller modifies another role and assumes it, under its current trust
 *   or a trust it rewrites (`trust`) -> that role, or admin (`gain`).
 * - `supply-chain`: the caller writes what a workload loads and runs (`artifact`) -> the workload.
 * - `prefix-access`: the actions on the exact S3 prefix a workload or service consumes
 *   (`usedAs`) -> `access` to that bucket (a data-access edge, not an escalation).
 * - `agent-tool`: the caller steers a Bedrock agent (`via`) into calling its action-group
 *   Lambda functions -> those functions, bounded by their code.
 * - `credential-read`: the caller reads the configuration of a workload of `resourceKind` that
 *   holds an active access key -> the key's user.
 * - `unblock-takeover`: the caller removes what limits another role (`unblock`: its boundary or
 *   a deny policy), then assumes it -> account admin when the unlimited role is one.
 * - `cluster-access`: the caller holds an EKS access entry with a cluster-wide access policy that
 *   creates pods -> the cluster's admin.
 * - `front-door-call`: the caller signs (SigV4) a call to an IAM-authorized front door of
 *   `resourceKind` (an API route, an AgentCore runtime or gateway) -> the front door, which
 *   passes the request to its backend.
 */
export const TECHNIQUE_RELATIONS = [
  'self-admin',
  'pass-role',
  'existing-resource',
  'user-credential',
  'assume-role',
  'join-group',
  'self-unblock',
  'role-takeover',
  'supply-chain',
  'prefix-access',
  'agent-tool',
  'credential-read',
  'unblock-takeover',
  'cluster-access',
  'front-door-call',
] as const;
export type TechniqueRelation = (typeof TECHNIQUE_RELATIONS)[number];

/**
 * What the resource of a required action is, relative to the technique: `self` (the caller's
 * ARN), `attached-customer-policy` (a customer-managed policy attached to the caller),
 * `member-group` (a group the caller belongs to), `target` (the role, user, group or workload
 * gained), `target-customer-policy` (a customer-managed policy attached to the target),
 * `target-lifecycle-config` (the lifecycle configuration a target notebook uses),
 * `target-domain` (the Studio domain of a target user profile), `target-key` (the customer
 * managed KMS key encrypting the target's configuration; skipped when it has none), `workload` (the existing
 * workload a pass-role technique re-roles), `artifact` (the S3 location or ECR repository a
 * workload consumes), `new-resource` (an ARN template for a resource the attacker creates) and
 * `named-resource` (an ARN template for a resource that exists without the attacker, such as
 * an AWS-owned SSM document).
 */
export const ACTION_TARGETS = [
  'self',
  'attached-customer-policy',
  'target',
  'new-resource',
  'member-group',
  'target-customer-policy',
  'target-lifecycle-config',
  'target-domain',
  'target-key',
  'workload',
  'artifact',
  'named-resource',
  'workload-passed-role',
] as const;

/** Action targets that take an ARN template. */
export const TEMPLATE_TARGETS: ReadonlySet<string> = new Set(['new-resource', 'named-resource']);

/**
 * Workload kinds a technique can act on: every workload node kind (src/kinds.ts), then kinds
 * read from the snapshot that have no node (taking one over leads straight to the role it runs as).
 */
export const WORKLOAD_KINDS = [
  ...kindsOf('workload'),
  'studio-domain',
  'notebook-lifecycle-config',
  'ec2-instance',
  'glue-dev-endpoint',
  'glue-job',
  'codebuild-project',
  'cloudformation-stack',
  'ecs-cluster',
  'ecs-service',
  'ecs-container-instance',
  'apprunner-service',
  'eks-cluster',
  'lambda-event-source',
  'cloudformation-stack-set',
  'autoscaling-launch-template',
  'api-stage',
  'api-integration',
] as const;

/**
 * Facts about the target a technique needs besides permissions, checked by code against the
 * snapshot (unknown counts as met):
 * - `target-below-key-limit`: the target user has fewer than two access keys.
 * - `role-in-instance-profile`: the passed role is in an instance profile (GAAD InstanceProfileList).
 * - `studio-iam-auth`: the Studio domain uses IAM authentication (presigned domain URLs work).
 * - `instance-running`: the EC2 instance is running.
 * - `instance-ssm-managed`: the instance's role lets the SSM agent register (ssm:UpdateInstanceInformation).
 * - `has-lifecycle-config`: the notebook instance uses a lifecycle configuration.
 * - `cluster-api-auth`: the EKS cluster reads access entries (authenticationMode API or API_AND_CONFIG_MAP).
 * - `imds-reachable-from-tasks`: tasks on the ECS container instance reach its metadata service
 *   (IMDSv1 allowed, or a hop limit of 2 or more).
 */
export const PRECONDITIONS = [
  'target-below-key-limit',
  'role-in-instance-profile',
  'studio-iam-auth',
  'instance-running',
  'instance-ssm-managed',
  'has-lifecycle-config',
  'cluster-api-auth',
  'imds-reachable-from-tasks',
] as const;

/** What a technique yields: the target itself, account admin, or Bedrock model invocation. */
export const TECHNIQUE_GAINS = ['target', 'admin', 'model-invocation'] as const;

/** How a resource can be used to mark it a crown jewel. */
export const RESOURCE_USES = [
  'training-input',
  'processing-input',
  'model-artifact',
  'training-output',
  'knowledge-base-source',
  'model-invocation-logs',
] as const;

export const TechniqueRule = z
  .strictObject({
    ...RuleMeta,
    severity: z.enum(['critical', 'high', 'medium', 'low']),
    relation: z.enum(TECHNIQUE_RELATIONS),
    /** For pass-role: the service principal the role must trust and PassRole is checked for. */
    service: z.string().regex(/^[a-z0-9.-]+\.amazonaws\.com$/).optional(),
    /** For existing-resource: the workload taken over; for pass-role: the workload re-roled. */
    resourceKind: z.enum(WORKLOAD_KINDS).optional(),
    /**
     * Every action must be allowed. `on` says which resource (ACTION_TARGETS); `arn` is the
     * template of new-resource and named-resource actions (`{partition}`, `{region}`,
     * `{account}` and, with a workload or target resource, `{resource-id}` are filled in);
     * `context` says what the attacker's request carries for condition keys the attack needs
     * (ContextRequirement, request-context.ts).
     */
    actions: z
      .array(
        z.strictObject({
          action,
          on: z.enum(ACTION_TARGETS),
          arn: z.string().optional(),
          context: conditionContext.optional(),
        }),
      )
      .min(1),
    /** documented: public research shows it; aws-documented: AWS states the mechanism; derived. */
    confidence: z.enum(['documented', 'aws-documented', 'derived']),
    /** True when the gain waits for an event (restart, next invocation). */
    deferred: z.boolean().default(false),
    /** What the edge leads to; `admin` falls back to the target when the target has a boundary. */
    gain: z.enum(TECHNIQUE_GAINS).default('target'),
    /** Facts about the target checked against the snapshot. */
    preconditions: z.array(z.enum(PRECONDITIONS)).default([]),
    /** For self-unblock and unblock-takeover: what the caller removes. */
    unblock: z.enum(['boundary', 'inline-policy', 'managed-policy', 'policy-version']).optional(),
    /** For role-takeover: assume under the role's current trust, or a trust the caller rewrites. */
    trust: z.enum(['current', 'rewritten']).optional(),
    /** For supply-chain: what the caller overwrites. */
    artifact: z.enum(['model-data', 'container-image', 'training-code']).optional(),
    /** For prefix-access: which consumed S3 locations, and the access gained. */
    usedAs: z.array(z.enum(RESOURCE_USES)).min(1).optional(),
    access: z.enum(['read', 'write']).optional(),
    /** For agent-tool: how the caller reaches the agent. */
    via: z.enum(['invoke-agent', 'knowledge-base']).optional(),
  })
  .superRefine((rule, ctx) => {
    const need = (field: keyof typeof rule, relation: string, what: string) => {
      if (rule.relation === relation && rule[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `${relation} techniques need ${what}` });
    };
    need('service', 'pass-role', 'the service principal');
    need('resourceKind', 'existing-resource', 'resourceKind');
    need('resourceKind', 'credential-read', 'resourceKind');
    need('resourceKind', 'front-door-call', 'resourceKind');
    need('unblock', 'self-unblock', 'unblock');
    need('unblock', 'unblock-takeover', 'unblock');
    if (rule.relation === 'unblock-takeover' && rule.unblock === 'policy-version') {
      ctx.addIssue({ code: 'custom', path: ['unblock'], message: 'unblock-takeover techniques remove a boundary, inline-policy or managed-policy' });
    }
    need('trust', 'role-takeover', 'trust');
    need('artifact', 'supply-chain', 'artifact');
    need('usedAs', 'prefix-access', 'usedAs');
    need('access', 'prefix-access', 'access');
    need('via', 'agent-tool', 'via');
    rule.actions.forEach((a, i) => {
      if (TEMPLATE_TARGETS.has(a.on) && !a.arn) {
        ctx.addIssue({ code: 'custom', path: ['actions', i, 'arn'], message: `${a.on} actions need an arn template` });
      }
    });
  });
export type TechniqueRule = z.output<typeof TechniqueRule>;

export const EntryPointRule = z.strictObject({
  ...RuleMeta,
  /** The detector that finds this entry point: a name in src/graph/entry-points/index.ts, checked when the graph is built. */
  detector: id,
  /** The exposure class of its entries (`exposureClasses` in scoring.yaml), whose weight is the score's factor X. */
  exposure: z.string({ error: 'expected an exposure class name from scoring.yaml, e.g. anonymous-internet' }).pipe(id),
  /**
   * Other classes the detector may give one entry, when what it found puts the attacker
   * elsewhere (an sts:ExternalId, a VPC-pinned policy, an authorizer). Checked when the graph is built.
   */
  exposures: z.array(id).default([]),
});
export type EntryPointRule = z.output<typeof EntryPointRule>;

export const SensitivityRule = z.strictObject({
  ...RuleMeta,
  /**
   * Data kinds, `account-admin`, and `foundation-models` (the Bedrock models an account pays for,
   * node `bedrock:<account>`). A cluster's admin is a step on the way, not a prize of its own.
   */
  resourceKinds: z.array(z.enum([...kindsOf('data'), 'account-admin', 'foundation-models'] as const satisfies readonly NodeKind[])).min(1),
  /** Any one of these matches. An empty match object matches every resource of the kinds. */
  match: z
    .strictObject({
      tags: z.record(z.string(), z.array(z.string())).optional(),
      namePattern: z.string().optional(),
      usedAs: z.array(z.enum(RESOURCE_USES)).optional(),
      status: z.array(z.string()).optional(),
      /** The resource's type as AWS names it (an SSM parameter's `SecureString`) or a credential's kind (`openai-api-key`). */
      types: z.array(z.string()).min(1).optional(),
    })
    .default({}),
  /** Impact class reached by each kind of access; the class's weight comes from scoring. */
  impacts: z
    .strictObject({
      read: z.string().optional(),
      write: z.string().optional(),
      decrypt: z.string().optional(),
      delete: z.string().optional(),
      'policy-change': z.string().optional(),
      invoke: z.string().optional(),
      admin: z.string().optional(),
    })
    .refine((impacts) => Object.keys(impacts).length > 0, 'expected at least one impact'),
  /** Below 1 when the evidence is weak (a name rather than a tag or a use). */
  confidence: z.number().gt(0).max(1).default(1),
});
export type SensitivityRule = z.output<typeof SensitivityRule>;

/** One exposure class: where the attacker stands before the first hop, and what that is worth. */
export const ExposureClass = z.strictObject({ title: nonEmpty, weight: z.number().gt(0).max(1), meaning: nonEmpty });
export type ExposureClass = z.output<typeof ExposureClass>;

/** Posture checks implemented in src/posture/checks/, one per posture rule. */
export const POSTURE_CHECKS = ['bedrock-invocation-logging-off', 'identity-model-data-tools', 'long-lived-bedrock-api-key', 'shared-execution-role', 'standing-credential-for-workload', 'unused-access-key'] as const;
export type PostureCheck = (typeof POSTURE_CHECKS)[number];

/**
 * A posture rule: a weakness of one identity, account or configuration that is no path by
 * itself but changes what paths mean (nobody would see them, one credential opens three kinds
 * of impact). Findings of a posture rule name the paths they concern.
 */
export const PostureRule = z.strictObject({
  ...RuleMeta,
  check: z.enum(POSTURE_CHECKS),
  severity: z.enum(['critical', 'high', 'medium', 'low']),
});
export type PostureRule = z.output<typeof PostureRule>;

export const ScoringRules = z.strictObject({
  impactClasses: z.record(z.string().regex(/^C-[A-Z-]+$/), z.strictObject({ title: nonEmpty, weight: z.number().positive() })),
  /** Exposure classes by name (kebab-case); entry-point rules name them. */
  exposureClasses: z.record(id, ExposureClass).refine((classes) => Object.keys(classes).length > 0, 'expected at least one exposure class'),
  edgeConfidence: z.strictObject({
    deterministic: z.number().gt(0).max(1),
    deferred: z.number().gt(0).max(1),
    codeBoundedInvoke: z.number().gt(0).max(1),
    conditional: z.number().gt(0).max(1),
    derived: z.number().gt(0).max(1),
    /** Steering an LLM agent with text: holds only if the injection succeeds. */
    promptInfluence: z.number().gt(0).max(1).default(0.7),
  }),
  depthDecay: z.number().gt(0).max(1),
  blastRadiusLog2Factor: z.number().min(0),
  /** L = 1 + f × log10(days since the entry's long-lived key was created); 0 turns it off. */
  credentialAgeLog10Factor: z.number().min(0).default(0),
  bands: z.strictObject({ critical: z.number(), high: z.number(), medium: z.number() }),
  search: z.strictObject({ maxDepth: z.number().int().positive(), alternativesCap: z.number().int().positive() }),
});
export type ScoringRules = z.output<typeof ScoringRules>;

/**
 * Which actions realize each kind of access on each kind of resource, and on which ARN they
 * are authorized (`{arn}` is the resource's ARN; S3 object actions use `{arn}/*`). Both levels
 * are partial: zod 4's `z.record` over an enum demands every key, and no resource kind has
 * every access level (a KMS key cannot be invoked).
 */
export const ResourceAccessRules = z.partialRecord(
  z.enum(['bucket', 'secret', 'ssm-parameter', 'kms-key', 'endpoint', 'lambda-function', 'foundation-models'] as const satisfies readonly NodeKind[]),
  z.partialRecord(
    z.enum(['read', 'write', 'decrypt', 'delete', 'policy-change', 'invoke']),
    z.strictObject({
      anyOf: z.array(action).min(1),
      arn: z.string().default('{arn}'),
      /**
       * A value encrypted with the resource's customer managed key is readable only by a caller
       * the key (its key policy, and IAM where the policy delegates) lets `action`, asked through
       * `via` (the service that decrypts on the caller's behalf: kms:ViaService
       * `<via>.<region>.amazonaws.com`). Skipped when the resource uses an AWS managed key.
       */
      key: z
        .strictObject({
          action,
          via: z.string().regex(/^[a-z0-9-]+$/),
          /** The encryption context key the service sends with the resource's ARN (`SecretARN`, `PARAMETER_ARN`). */
          encryptionContext: z.string().optional(),
        })
        .optional(),
    }),
  ),
);
export type ResourceAccessRules = z.output<typeof ResourceAccessRules>;

/** Everything loaded from a rules directory. */
export interface RuleSet {
  techniques: TechniqueRule[];
  entryPoints: EntryPointRule[];
  sensitivity: SensitivityRule[];
  posture: PostureRule[];
  scoring: ScoringRules;
  resourceAccess: ResourceAccessRules;
}
