/**
 * Schemas of the rule data under rules/. One YAML file per technique, entry point and
 * sensitivity rule (`id` equal to the file name); scoring and resource access in one file each.
 * Adding a technique needs no TypeScript unless it brings a new `relation`.
 */
import { z } from 'zod';

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id');
const nonEmpty = z.string().min(1);
const action = z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9*?]+$/, 'expected an IAM action such as iam:PassRole');
const attackId = z.string().regex(/^T\d{4}(\.\d{3})?$/, 'expected a MITRE ATT&CK id such as T1098.003');
const nhiId = z.string().regex(/^NHI([1-9]|10)$/, 'expected an OWASP NHI id such as NHI5');

/** Common metadata of every rule. */
const RuleMeta = {
  id,
  title: nonEmpty,
  description: nonEmpty,
  references: z.array(z.url()).default([]),
  attack: z.array(attackId).default([]),
  owaspNhi: z.array(nhiId).default([]),
  remediation: nonEmpty,
  /** Ids this rule had elsewhere (pathfinding.cloud, our own retired ids); never reused. */
  aliases: z.array(nonEmpty).default([]),
  deprecated: z.boolean().default(false),
};

/**
 * How a technique's permissions relate the attacker to what it gains (implemented in
 * src/graph/techniques/):
 * - `self-admin`: the actions on the principal itself (or a customer-managed policy attached
 *   to it) let it grant itself anything -> account admin.
 * - `pass-role`: iam:PassRole on a role that trusts `service`, plus the other actions on a new
 *   resource -> that role.
 * - `existing-resource`: the actions on an existing workload of `resourceKind` -> control of
 *   that workload (which runs as its role).
 * - `user-credential`: the actions on another IAM user -> that user.
 * - `assume-role`: the role's trust policy and the caller's permissions allow sts:AssumeRole.
 */
export const TECHNIQUE_RELATIONS = ['self-admin', 'pass-role', 'existing-resource', 'user-credential', 'assume-role'] as const;

/** What the resource of a required action is, relative to the technique. */
export const ACTION_TARGETS = ['self', 'attached-customer-policy', 'target', 'new-resource'] as const;

export const TechniqueRule = z
  .strictObject({
    ...RuleMeta,
    severity: z.enum(['critical', 'high', 'medium', 'low']),
    relation: z.enum(TECHNIQUE_RELATIONS),
    /** For pass-role: the service principal the role must trust and PassRole is checked for. */
    service: z.string().regex(/^[a-z0-9.-]+\.amazonaws\.com$/).optional(),
    /** For existing-resource: the node kind of the workload taken over. */
    resourceKind: z.enum(['lambda-function', 'notebook-instance']).optional(),
    /**
     * Every action must be allowed. `on` says which resource: `self` (the principal's ARN),
     * `attached-customer-policy` (any customer-managed policy attached to it), `target` (the
     * role, user or workload gained), `new-resource` (an ARN template for a resource the
     * attacker creates; `{partition}`, `{region}`, `{account}` are filled in).
     */
    actions: z
      .array(z.strictObject({ action, on: z.enum(ACTION_TARGETS), arn: z.string().optional() }))
      .min(1),
    /** documented: public research shows it; aws-documented: AWS states the mechanism; derived. */
    confidence: z.enum(['documented', 'aws-documented', 'derived']),
    /** True when the gain waits for an event (restart, next invocation). */
    deferred: z.boolean().default(false),
  })
  .superRefine((rule, ctx) => {
    if (rule.relation === 'pass-role' && !rule.service) {
      ctx.addIssue({ code: 'custom', path: ['service'], message: 'pass-role techniques need the service principal' });
    }
    if (rule.relation === 'existing-resource' && !rule.resourceKind) {
      ctx.addIssue({ code: 'custom', path: ['resourceKind'], message: 'existing-resource techniques need resourceKind' });
    }
    rule.actions.forEach((a, i) => {
      if (a.on === 'new-resource' && !a.arn) {
        ctx.addIssue({ code: 'custom', path: ['actions', i, 'arn'], message: 'new-resource actions need an arn template' });
      }
    });
  });
export type TechniqueRule = z.output<typeof TechniqueRule>;

/** Detectors implemented in src/graph/entry-points/, one per entry-point rule. */
export const ENTRY_DETECTORS = [
  'lambda-function-url-public',
  'resource-policy-public',
  'role-trusts-anyone',
  'role-trusts-external-account',
  'oidc-trust-without-subject',
  'iam-user-access-key',
  'credential-in-configuration',
  'what-if',
] as const;

export const EntryPointRule = z.strictObject({
  ...RuleMeta,
  detector: z.enum(ENTRY_DETECTORS),
  /** Exposure factor X in the score: 1.0 for the open internet. */
  exposure: z.number().gt(0).max(1),
  /** A lower exposure used when a mitigating condition is present (e.g. sts:ExternalId). */
  mitigatedExposure: z.number().gt(0).max(1).optional(),
});
export type EntryPointRule = z.output<typeof EntryPointRule>;

/** How a resource can be used to mark it a crown jewel. */
export const RESOURCE_USES = ['training-input', 'processing-input', 'model-artifact', 'training-output'] as const;

export const SensitivityRule = z.strictObject({
  ...RuleMeta,
  resourceKinds: z.array(z.enum(['bucket', 'secret', 'kms-key', 'endpoint', 'account-admin'])).min(1),
  /** Any one of these matches. An empty match object matches every resource of the kinds. */
  match: z
    .strictObject({
      tags: z.record(z.string(), z.array(z.string())).optional(),
      namePattern: z.string().optional(),
      usedAs: z.array(z.enum(RESOURCE_USES)).optional(),
      status: z.array(z.string()).optional(),
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

export const ScoringRules = z.strictObject({
  impactClasses: z.record(z.string().regex(/^C-[A-Z-]+$/), z.strictObject({ title: nonEmpty, weight: z.number().positive() })),
  edgeConfidence: z.strictObject({
    deterministic: z.number().gt(0).max(1),
    deferred: z.number().gt(0).max(1),
    codeBoundedInvoke: z.number().gt(0).max(1),
    conditional: z.number().gt(0).max(1),
    derived: z.number().gt(0).max(1),
  }),
  depthDecay: z.number().gt(0).max(1),
  blastRadiusLog2Factor: z.number().min(0),
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
  z.enum(['bucket', 'secret', 'kms-key', 'endpoint', 'lambda-function']),
  z.partialRecord(
    z.enum(['read', 'write', 'decrypt', 'delete', 'policy-change', 'invoke']),
    z.strictObject({ anyOf: z.array(action).min(1), arn: z.string().default('{arn}') }),
  ),
);
export type ResourceAccessRules = z.output<typeof ResourceAccessRules>;

/** Everything loaded from a rules directory. */
export interface RuleSet {
  techniques: TechniqueRule[];
  entryPoints: EntryPointRule[];
  sensitivity: SensitivityRule[];
  scoring: ScoringRules;
  resourceAccess: ResourceAccessRules;
}
