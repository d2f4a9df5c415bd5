/**
 * What each account records, read once from the snapshot: its CloudTrail trails (seen from any
 * Region or member account, deduplicated by ARN) with what each selects, and Bedrock model
 * invocation logging per Region. The only reader of the CloudTrail section and of the
 * invocation-logging field; "not collected" stays distinct from "none" throughout.
 */
import { accountOfArn } from '../core/arn.js';
import type { Snapshot, Trail, TrailEventSelectors } from '../snapshot/index.js';
import { selectorsOf, type EventRule } from './selectors.js';

/** One trail, normalized. `logging` and `rules` are undefined when their call was not answered. */
export interface TrailFacts {
  arn: string;
  name: string;
  /** The account that owns the trail (its ARN's). */
  accountId: string;
  homeRegion: string | undefined;
  multiRegion: boolean;
  organization: boolean;
  globalEvents: boolean;
  logging: boolean | undefined;
  rules: EventRule[] | undefined;
}

/** Bedrock model invocation logging in one Region: on, off, or not known (not collected, or the call failed). */
export type InvocationLogging = 'on' | 'off' | 'unknown';

/** Per account: the trails that cover it and the Regions where its CloudTrail was read. */
export interface AccountLogging {
  trails: TrailFacts[];
  /** Regions whose DescribeTrails answered. */
  trailRegions: Set<string>;
  invocationLogging: Map<string, InvocationLogging>;
  /** Regions with Bedrock agents, knowledge bases or custom models: models are invoked there. */
  modelsInUse: Set<string>;
}

/** Logging facts of every account of the snapshot. */
export interface LoggingFacts {
  accounts: Map<string, AccountLogging>;
}

function trailFacts(trail: Trail, region: string): TrailFacts {
  const selectors: TrailEventSelectors | undefined = trail.EventSelectors;
  return {
    arn: trail.TrailARN,
    name: trail.Name,
    accountId: accountOfArn(trail.TrailARN) ?? '',
    homeRegion: trail.HomeRegion ?? region,
    multiRegion: trail.IsMultiRegionTrail === true,
    organization: trail.IsOrganizationTrail === true,
    globalEvents: trail.IncludeGlobalServiceEvents !== false,
    logging: trail.Status?.IsLogging,
    rules: selectors ? selectorsOf(selectors) : undefined,
  };
}

/** Reads the logging facts of a snapshot. */
export function readLoggingFacts(snapshot: Snapshot): LoggingFacts {
  const failed = new Set(
    snapshot.coverage.filter((r) => r.outcome !== 'ok' && r.operation === 'GetModelInvocationLoggingConfiguration').map((r) => `${r.accountId}|${r.region ?? ''}`),
  );
  const accounts = new Map<string, AccountLogging>();
  const organizationTrails: TrailFacts[] = [];
  for (const account of snapshot.accounts) {
    const seen = new Map<string, TrailFacts>();
    const trailRegions = new Set<string>();
    const invocationLogging = new Map<string, InvocationLogging>();
    const modelsInUse = new Set<string>();
    for (const [region, data] of Object.entries(account.regions)) {
      if (data.CloudTrail) trailRegions.add(region);
      for (const trail of data.CloudTrail?.Trails ?? []) {
        const facts = trailFacts(trail, region);
        // The same trail seen from several Regions: keep the most complete sighting.
        const known = seen.get(facts.arn);
        if (!known || (known.rules === undefined && facts.rules !== undefined) || (known.logging === undefined && facts.logging !== undefined)) seen.set(facts.arn, facts);
      }
      if (data.Bedrock) {
        const unknown = failed.has(`${account.accountId}|${region}`);
        invocationLogging.set(region, unknown ? 'unknown' : data.Bedrock.ModelInvocationLoggingConfiguration ? 'on' : 'off');
        const { Agents, KnowledgeBases, CustomModels } = data.Bedrock;
        if (Agents.length + KnowledgeBases.length + CustomModels.length > 0) modelsInUse.add(region);
      }
    }
    const trails = [...seen.values()];
    organizationTrails.push(...trails.filter((t) => t.organization));
    accounts.set(account.accountId, { trails, trailRegions, invocationLogging, modelsInUse });
  }
  // An organization trail records every member account, seen from there or not.
  const members = new Set(snapshot.organization?.Accounts.map((a) => a.Id) ?? []);
  for (const [accountId, logging] of accounts) {
    if (!members.has(accountId)) continue;
    for (const trail of organizationTrails) if (!logging.trails.some((t) => t.arn === trail.arn)) logging.trails.push(trail);
  }
  return { accounts };
}

/** Whether any account's CloudTrail was read: without it, every hop's record is unknown and reports leave records out. */
export function trailsCollected(facts: LoggingFacts): boolean {
  return [...facts.accounts.values()].some((a) => a.trailRegions.size > 0);
}
