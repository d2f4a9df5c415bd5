/**
 * The redaction decision of every snapshot section, declared once: which parts of a section
 * can hold a credential and how redactSnapshot (redact.ts) reaches them, or why nothing in the
 * section needs it. The section names come from the snapshot schema itself, and tsc rejects a
 * section without a decision: a collector cannot add a section and forget redaction.
 */
import type { NodeKind } from '../kinds.js';
import { AccountData, RegionData, Snapshot } from './schema.js';

/** Resource kinds whose configuration can hold credentials (graph node kinds of the same name). */
export const CREDENTIAL_RESOURCE_KINDS = ['lambda-function', 'model', 'training-job', 'processing-job'] as const satisfies readonly NodeKind[];
export type CredentialResourceKind = (typeof CREDENTIAL_RESOURCE_KINDS)[number];

/** Names of the regional sections of a snapshot (`regions.<region>.<Section>`). */
export type RegionSection = keyof (typeof RegionData)['shape'];
/** Names of the account-wide sections (`accounts[].<section>`). */
export type AccountSection = Exclude<keyof (typeof AccountData)['shape'], 'accountId' | 'partition' | 'alias' | 'regions'>;
/** Names of the snapshot-wide sections. */
export type SnapshotSection = Exclude<keyof (typeof Snapshot)['shape'], 'schemaVersion' | 'collectedAt' | 'tool' | 'accounts' | 'coverage'>;

/** What a section's redaction is given: one call per map of names to values that may hold credentials. */
export interface SectionRedactor {
  /**
   * Redacts `values` of the resource `resourceArn`; `path` leads from the section to the map,
   * `field` from the resource to it (as reports name it).
   */
  map(values: Record<string, string> | undefined, resource: { resourceArn: string; resourceKind: CredentialResourceKind }, path: PropertyKey[], field: PropertyKey[]): void;
}

/** A section holding values that may be credentials, and how to reach them. */
export interface Redacts<S> {
  redact(section: S, redactor: SectionRedactor): void;
}

/** A section that keeps nothing credential-like, and why. */
export interface NothingToRedact {
  nothingToRedact: string;
}

/** The decision for one section. */
export type RedactionDecision<S> = Redacts<S> | NothingToRedact;

/** Decisions of the regional sections. */
export const REGION_SECTIONS = {
  Lambda: {
    redact: (section, r) =>
      section.Functions.forEach((fn, i) =>
        r.map(fn.Environment?.Variables, { resourceArn: fn.FunctionArn, resourceKind: 'lambda-function' }, ['Functions', i, 'Environment', 'Variables'], ['Environment', 'Variables']),
      ),
  },
  SageMaker: {
    // Notebook lifecycle scripts are redacted where they are collected (src/collect/scripts.ts).
    redact: (section, r) => {
      section.Models.forEach((model, i) => {
        const where = { resourceArn: model.ModelArn, resourceKind: 'model' } as const;
        r.map(model.PrimaryContainer?.Environment, where, ['Models', i, 'PrimaryContainer', 'Environment'], ['PrimaryContainer', 'Environment']);
        (model.Containers ?? []).forEach((c, j) => r.map(c.Environment, where, ['Models', i, 'Containers', j, 'Environment'], ['Containers', j, 'Environment']));
      });
      section.TrainingJobs.forEach((job, i) => {
        const where = { resourceArn: job.TrainingJobArn, resourceKind: 'training-job' } as const;
        r.map(job.Environment, where, ['TrainingJobs', i, 'Environment'], ['Environment']);
        r.map(job.HyperParameters, where, ['TrainingJobs', i, 'HyperParameters'], ['HyperParameters']);
      });
      section.ProcessingJobs.forEach((job, i) => r.map(job.Environment, { resourceArn: job.ProcessingJobArn, resourceKind: 'processing-job' }, ['ProcessingJobs', i, 'Environment'], ['Environment']));
    },
  },
  SecretsManager: { nothingToRedact: 'ListSecrets metadata and resource policies; secret values are never read' },
  KMS: { nothingToRedact: 'key metadata, key policies and grants' },
  SSM: { nothingToRedact: 'DescribeParameters metadata; parameter values are never read' },
  ApiGateway: { nothingToRedact: 'APIs, methods, stages and authorizers by id; integration credentials are role ARNs' },
  ApiGatewayV2: { nothingToRedact: 'APIs, routes, integrations and stages; integration credentials are role ARNs' },
  Bedrock: { nothingToRedact: 'agents, action groups, aliases, knowledge bases and logging configuration: ARNs and S3 locations' },
  EKS: { nothingToRedact: 'cluster endpoints, access entries and pod identity associations' },
  EC2: { nothingToRedact: 'instance state, instance profile and metadata options; user data is not collected' },
  ECR: { nothingToRedact: 'repositories and repository policies' },
  Glue: { nothingToRedact: 'development endpoints and jobs by name, role and script location' },
  CodeBuild: { nothingToRedact: 'projects by name and service role' },
  CloudFormation: { nothingToRedact: 'stacks by id, status and service role; template parameters are not collected' },
  ECS: { nothingToRedact: 'clusters by ARN and status' },
  AppRunner: { nothingToRedact: 'services by ARN and instance role' },
} satisfies { [K in RegionSection]: RedactionDecision<NonNullable<RegionData[K]>> };

/** Decisions of the account-wide sections. */
export const ACCOUNT_SECTIONS = {
  iam: { nothingToRedact: 'authorization details (policies, names, tags), identity providers, and access key ids with their status: never a secret key' },
  s3: { nothingToRedact: 'buckets with their policies, tags and public access blocks' },
} satisfies { [K in AccountSection]: NothingToRedact };

/** Decisions of the snapshot-wide sections. */
export const SNAPSHOT_SECTIONS = {
  organization: { nothingToRedact: 'the organization, its OUs, accounts and policies (SCPs, RCPs)' },
} satisfies { [K in SnapshotSection]: NothingToRedact };

/**
 * Runs the redaction of every regional section of `data` that may hold credentials; `redactor`
 * receives paths from the region (section name first).
 */
export function redactRegion(data: RegionData, redactor: SectionRedactor): void {
  for (const name of Object.keys(REGION_SECTIONS) as RegionSection[]) {
    const decision: RedactionDecision<never> = REGION_SECTIONS[name];
    const section = data[name];
    if (!('redact' in decision) || section === undefined) continue;
    const scoped: SectionRedactor = { map: (values, resource, path, field) => redactor.map(values, resource, [name, ...path], field) };
    (decision.redact as (section: unknown, redactor: SectionRedactor) => void)(section, scoped);
  }
}
