/**
 * The facts layer: the only code of the graph stage that reads the snapshot. buildFacts() reads
 * every section the graph models, service by service (one module per snapshot service, as in
 * src/collect/services/), compiles every policy once and indexes everything (by ARN, by kind,
 * by account, by access key), eagerly and in the order written below. Derivation steps ask the
 * facts, never the snapshot; the facts object also owns every index and memo of one build.
 */
import { groupBy } from '../../core/collections.js';
import { compareStrings, sortByKey } from '../../core/hash.js';
import { PolicyPool } from '../../iam/index.js';
import type { CoverageRecord, DetectedCredential, Snapshot } from '../../snapshot/index.js';
import { EvaluationEnvironment, type ResourceFacts } from './environment.js';
import { AppRunnerFacts } from './apprunner.js';
import { agentTools } from './bedrock.js';
import { guestSessions, identityPools, userPools, type IdentityPoolFacts, type UserPoolFacts } from './cognito.js';
import { readCredentials } from './credentials.js';
import { Ec2Facts } from './ec2.js';
import { EcrFacts } from './ecr.js';
import { EcsFacts } from './ecs.js';
import { EksFacts } from './eks.js';
import { GrantIndex } from './grant-index.js';
import { IamFacts } from './iam.js';
import { compilePrincipals, principalTags } from './principals.js';
import { organizationView, type OrganizationView } from './organizations.js';
import { notAnalyzed, type NotAnalyzed } from './not-analyzed.js';
import { REGIONAL_READERS } from './readers.js';
import { buckets } from './s3.js';
import { SageMakerFacts } from './sagemaker.js';
import type { AgentTool, HeldCredential, Principal, Resource, S3Location, S3Use, Workload, WorkloadKind } from './types.js';
import { workloadsByKind } from './workloads.js';

export type { EvaluationEnvironment, ResourceFacts } from './environment.js';
export type { Repository } from './ecr.js';
export type { AppRunnerFacts, AppRunnerService } from './apprunner.js';
export type { Ec2Facts, Instance } from './ec2.js';
export type { EcsFacts, EcsService, ServiceLoadBalancer, TaskDefinition, TaskSecret } from './ecs.js';
export type { AccessEntry, AccessPolicy, EksCluster, EksFacts, Nodegroup, PodIdentityAssociation } from './eks.js';
export { isEksIssuer, issuerHost } from './eks.js';
export { imdsPosture, reachableFromContainers, type ImdsPosture, type MetadataOptions } from './imds.js';
export type { OpenIngress } from './network.js';
export type { OrganizationView } from './organizations.js';
export type { Consumer } from './sagemaker.js';
export type { IdentityPoolFacts, OpenProvider, UserPoolFacts } from './cognito.js';
export { guestSessionArn } from './cognito.js';
export type { Authorizer, Backend, CallerAuth, FrontDoor } from './front-doors.js';
export { GrantIndex } from './grant-index.js';
export type { NotAnalyzed } from './not-analyzed.js';
export * from './types.js';

/** What the graph stage receives from loading: the validated, redacted snapshot. */
export interface LoadedSnapshot {
  snapshot: Snapshot;
  /** Credentials redaction found in workload configuration (their values are gone). */
  credentials: DetectedCredential[];
}

/** One account of the snapshot. */
export interface AccountFacts {
  partition: string;
  alias?: string;
  /** Regions the snapshot holds data for, sorted. */
  regions: string[];
  /** False when access keys were not collected: then every user may hold one. */
  accessKeysKnown: boolean;
}

/** Everything the derivation steps know about a snapshot. */
export interface Facts {
  accounts: Map<string, AccountFacts>;
  /** Users and roles, ARN order. */
  principals: Principal[];
  principalsByArn: Map<string, Principal>;
  /** Each account's principals, in ARN order. */
  principalsByAccount: Map<string, Principal[]>;
  /** Resources and workloads that get a node, ARN order. */
  resources: Resource[];
  resourcesByArn: Map<string, Resource>;
  resourcesByKind: Map<Resource['kind'], Resource[]>;
  /** Workloads techniques act on (with a node or without), each kind in ARN order. */
  workloads: Map<WorkloadKind, Workload[]>;
  /** S3 locations consumers read, in content order (the first of a prefix stands for the others). */
  locations: S3Location[];
  /** Bucket name -> how workloads and services use it (sensitivity rules' `usedAs`). */
  bucketUses: Map<string, Set<S3Use>>;
  /** Bedrock agents' action-group functions that Bedrock may invoke. */
  tools: AgentTool[];
  /** Cognito identity pools with the roles they hand out, account by account. */
  identityPools: IdentityPoolFacts[];
  /** Cognito user pools by ARN: who authorizers and identity pools trust, and whether anyone may sign up. */
  userPools: Map<string, UserPoolFacts>;
  /** Credentials found in configuration, in the snapshot's order, each with the node it leads to. */
  credentials: HeldCredential[];
  iam: IamFacts;
  sagemaker: SageMakerFacts;
  ecr: EcrFacts;
  /** Runtimes: EC2 instances and their network, EKS clusters, ECS services and task definitions, App Runner services. */
  ec2: Ec2Facts;
  eks: EksFacts;
  ecs: EcsFacts;
  appRunner: AppRunnerFacts;
  organization: OrganizationView | undefined;
  /** Organization policies and resource facts decisions need, and decide()'s memory. */
  environment: EvaluationEnvironment;
  /** Which principals' identity policies could allow an action on a resource. */
  grants: GrantIndex;
  /** Gaps found while reading (a managed policy or an OU's policies missing from the input). */
  gaps: CoverageRecord[];
  /** Collected data no analysis reads (reports list it as collected, not analyzed). */
  notAnalyzed: NotAnalyzed[];
}

const byArn = <T extends { arn: string }>(items: T[]) => items.sort((a, b) => compareStrings(a.arn, b.arn));

/** How buildFacts reads: the analysis time, and whether repeated policy text is compiled once. */
export interface FactsOptions {
  /** The analysis time, default the snapshot's collectedAt. */
  at?: string;
  /** False compiles every policy apart (the tests' reference for the shared compilation); default true. */
  sharePolicies?: boolean;
}

/** Reads a loaded snapshot into facts; pure, deterministic order. */
export function buildFacts(input: LoadedSnapshot, options: FactsOptions = {}): Facts {
  const { snapshot } = input;
  const gaps: CoverageRecord[] = [];
  // Repeated policy text (AWS managed policies in every account, copied trust and inline
  // statements, the names every function policy uses) compiles once for the build.
  const policies = options.sharePolicies === false ? undefined : new PolicyPool();
  const accounts = new Map<string, AccountFacts>();
  for (const account of snapshot.accounts) {
    accounts.set(account.accountId, {
      partition: account.partition,
      ...(account.alias ? { alias: account.alias } : {}),
      regions: Object.keys(account.regions).sort(compareStrings),
      accessKeysKnown: account.iam?.AccessKeyMetadata !== undefined,
    });
  }

  // 1. The organization: SCP and RCP levels of every account (read on first use, gaps recorded then).
  const organization = organizationView(snapshot.organization, gaps);

  // 2. IAM beyond principals: keys, profiles, groups, policy versions; then the credentials redaction
  //    found, each leading to the user whose active key it is or to a credential node of its own.
  const iam = new IamFacts(options.at ?? snapshot.collectedAt);
  for (const account of snapshot.accounts) iam.read(account, policies);
  const credentials = readCredentials(input.credentials, iam, (accountId) => accounts.get(accountId)?.partition ?? 'aws');

  // 3. Resources with nodes, service by service: S3 per account, then each region in name order, then credentials.
  const resources = byArn([
    ...snapshot.accounts.flatMap((account) => [
      ...buckets(account, policies),
      ...Object.entries(account.regions)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .flatMap(([region, data]) => REGIONAL_READERS.flatMap((reader) => reader.resources?.(data, { accountId: account.accountId, partition: account.partition, region }, policies) ?? [])),
    ]),
    ...credentials.nodes,
  ]);
  const resourcesByArn = new Map(resources.map((r) => [r.arn, r]));

  // 4. What decisions read about the resource they name: its tags, Block Public Access, AWS management.
  const environment = new EvaluationEnvironment(organization, resourceFactsOf(resources, snapshot.accounts.flatMap(principalTags)), options.at ?? snapshot.collectedAt);

  // 5. Principals compiled against the environment.
  const compiled = snapshot.accounts.flatMap((account) => compilePrincipals(account, gaps, environment, policies));
  // Cognito guests of enhanced-flow-only pools act as sessions of their role, limited by Cognito's session policies.
  const pools = snapshot.accounts.flatMap(identityPools);
  const principals = byArn([...compiled, ...guestSessions(pools, new Map(compiled.map((p) => [p.arn, p])))]);
  const principalsByArn = new Map(principals.map((p) => [p.arn, p]));

  // 6. Services that link workloads to what they load, run and call.
  const sagemaker = new SageMakerFacts();
  const ecr = new EcrFacts();
  for (const account of snapshot.accounts) {
    sagemaker.read(account);
    ecr.read(account);
  }
  sagemaker.finish();
  const tools = snapshot.accounts.flatMap((account) => agentTools(account, resourcesByArn));

  // 7. Runtimes: instances (and their network) first, since clusters and container instances run on them.
  const links = { principalsByArn, profileRoles: iam.profileRoles, accountIds: new Set(snapshot.accounts.map((a) => a.accountId)) };
  const ec2 = new Ec2Facts();
  const eks = new EksFacts();
  const ecs = new EcsFacts();
  const appRunner = new AppRunnerFacts();
  for (const account of snapshot.accounts) ec2.read(account, links);
  for (const account of snapshot.accounts) {
    eks.read(account, ec2);
    ecs.read(account);
    appRunner.read(account);
  }

  // 8. Workloads and S3 locations, from every regional reader.
  const others: Workload[] = [];
  const found: S3Location[] = [];
  for (const account of snapshot.accounts) {
    for (const [region, data] of Object.entries(account.regions)) {
      const at = { accountId: account.accountId, partition: account.partition, region };
      for (const reader of REGIONAL_READERS) {
        others.push(...(reader.workloads?.(data, at, links) ?? []));
        found.push(...(reader.locations?.(data, at) ?? []));
      }
    }
  }
  // Content order: the first location of a prefix stands for the others, so list order must not matter.
  const sorted = sortByKey(found, (l) => [l.accountId, l.region, l.bucket, l.key, l.use, l.by, l.field].join('\u0000'));

  return {
    accounts,
    principals,
    principalsByArn,
    principalsByAccount: groupBy(principals, (p) => p.accountId),
    resources,
    resourcesByArn,
    resourcesByKind: groupBy(resources, (r) => r.kind),
    workloads: workloadsByKind(resources, others, sagemaker),
    locations: sorted.filter((l) => !l.written),
    bucketUses: usesOf(sorted),
    tools,
    identityPools: pools,
    userPools: new Map(snapshot.accounts.flatMap(userPools)),
    credentials: credentials.held,
    iam,
    sagemaker,
    ecr,
    ec2,
    eks,
    ecs,
    appRunner,
    organization,
    environment,
    grants: new GrantIndex(principals),
    gaps,
    notAnalyzed: notAnalyzed(snapshot),
  };
}

/** Bucket name -> the uses of its locations (training code is code, not a data use). */
function usesOf(locations: readonly S3Location[]): Map<string, Set<S3Use>> {
  const uses = new Map<string, Set<S3Use>>();
  for (const location of locations) {
    if (location.use === 'training-code') continue;
    const set = uses.get(location.bucket);
    if (set) set.add(location.use);
    else uses.set(location.bucket, new Set([location.use]));
  }
  return uses;
}

/** Resource facts of the resources that have nodes, then the tags of every user and role. */
export function resourceFactsOf(resources: readonly Resource[], principalTags: Iterable<[string, Record<string, string>]>): Map<string, ResourceFacts> {
  const facts = new Map<string, ResourceFacts>();
  for (const resource of resources) {
    // Assigned field by field, in this order: conditional spreads made three objects per resource.
    const known: ResourceFacts = { tags: resource.tags };
    if (resource.restrictPublicBuckets !== undefined) known.restrictPublicBuckets = resource.restrictPublicBuckets;
    if (resource.flags.length > 0 && resource.flags.includes('aws-managed')) known.awsManaged = true;
    if (resource.kind === 'bucket' && resource.region) known.region = resource.region;
    facts.set(resource.arn, known);
  }
  for (const [arn, tags] of principalTags) facts.set(arn, { tags });
  return facts;
}
