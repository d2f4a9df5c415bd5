/**
 * The inventory: every principal and resource of every account in the snapshot, compiled and
 * indexed once (by ARN, by kind, by access key id), so edge derivation does lookups, not scans.
 */
import type { LoadedSnapshot } from './loaded.js';
import type { CoverageGap } from '../../analyze/finding.js';
import { compareStrings } from '../../core/hash.js';
import { evaluationEnvironment, type EvaluationEnvironment } from './environment.js';
import { compilePrincipals, type Principal } from './principals.js';
import { collectResources, type Resource, type S3Use } from './resources.js';

export type { Principal } from './principals.js';
export type { Resource, S3Use } from './resources.js';
export type { LoadedSnapshot } from './loaded.js';

/** Indexed view of a snapshot. */
export interface Inventory {
  accounts: Map<string, { partition: string; alias?: string; regions: string[]; accessKeysKnown: boolean }>;
  principals: Principal[];
  principalsByArn: Map<string, Principal>;
  resources: Resource[];
  resourcesByArn: Map<string, Resource>;
  resourcesByKind: Map<Resource['kind'], Resource[]>;
  /** Bucket name -> how workloads use it. */
  bucketUses: Map<string, Array<{ use: S3Use; by: string; field: string }>>;
  /** Active access key id -> owning user ARN. */
  activeKeys: Map<string, string>;
  /** Gaps found while compiling (e.g. managed policies missing from the input). */
  gaps: CoverageGap[];
  /** Organization policies and resource facts decisions need (see environment.ts). */
  environment: EvaluationEnvironment;
}

/** Builds the inventory; pure, deterministic order (by ARN). `at`: the analysis time, default the snapshot's collectedAt. */
export function buildInventory(input: LoadedSnapshot, options: { at?: string } = {}): Inventory {
  const gaps: CoverageGap[] = [];
  const accounts: Inventory['accounts'] = new Map();
  const principals: Principal[] = [];
  const resources: Resource[] = [];
  const activeKeys = new Map<string, string>();
  const environment = evaluationEnvironment(input.snapshot, gaps, () => resources, options.at);

  for (const account of input.snapshot.accounts) {
    const keys = account.iam?.AccessKeyMetadata;
    accounts.set(account.accountId, {
      partition: account.partition,
      ...(account.alias ? { alias: account.alias } : {}),
      regions: Object.keys(account.regions).sort(compareStrings),
      accessKeysKnown: keys !== undefined,
    });
    const compiled = compilePrincipals(account, gaps, environment);
    principals.push(...compiled);
    const userArnByName = new Map(compiled.filter((p) => p.kind === 'user').map((p) => [p.name, p.arn]));
    for (const key of keys ?? []) {
      const userArn = userArnByName.get(key.UserName);
      if (key.Status === 'Active' && userArn) activeKeys.set(key.AccessKeyId, userArn);
    }
    resources.push(...collectResources(account));
  }
  principals.sort((a, b) => compareStrings(a.arn, b.arn));
  resources.sort((a, b) => compareStrings(a.arn, b.arn));

  const resourcesByKind: Inventory['resourcesByKind'] = new Map();
  for (const resource of resources) {
    const list = resourcesByKind.get(resource.kind) ?? [];
    list.push(resource);
    resourcesByKind.set(resource.kind, list);
  }
  const bucketUses: Inventory['bucketUses'] = new Map();
  for (const resource of resources) {
    for (const use of resource.s3Uses) {
      const list = bucketUses.get(use.bucket) ?? [];
      list.push({ use: use.use, by: resource.arn, field: use.field });
      bucketUses.set(use.bucket, list);
    }
  }
  return {
    accounts,
    principals,
    principalsByArn: new Map(principals.map((p) => [p.arn, p])),
    resources,
    resourcesByArn: new Map(resources.map((r) => [r.arn, r])),
    resourcesByKind,
    bucketUses,
    activeKeys,
    gaps,
    environment,
  };
}
