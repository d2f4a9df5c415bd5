/**
 * Coverage gaps grouped by cause, most severe first: what collect's summary and every report
 * show instead of one line per failed call (557 refused connections are one line, not 557).
 * Causes that read the same for every call (a refused connection, a region not enabled) group
 * across services by their message; causes whose messages name the call group per service.
 */
import { compareStrings } from '../core/hash.js';
import { reasonOf, reasonRank } from './coverage-reason.js';
import type { CoverageReason } from './schema.js';

/** The fields of a gap grouping reads: a snapshot coverage record or a report's gap. */
export interface GapLike {
  accountId: string;
  region?: string;
  service: string;
  operation: string;
  resource?: string;
  outcome: string;
  reason?: CoverageReason;
  message?: string;
}

/** Gaps that share a cause. */
export interface GapGroup {
  reason: CoverageReason;
  count: number;
  /** The group's most frequent message (retry counts left out); `distinctCauses` says whether others differ. */
  cause: string;
  distinctCauses: number;
  /** Services, most gaps first (ties by name). */
  services: string[];
  /** `service:Operation`, sorted. */
  operations: string[];
  accounts: string[];
  /** Region names, `global` for records without one; sorted. */
  regions: string[];
  /** The resource, when the group is a single gap about one. */
  resource?: string;
}

/**
 * Causes whose messages name a call or resource (an access-denied text quotes both): grouped
 * per service. The others (a refused connection, a region not enabled, a service left out)
 * read the same for every call, so they group by message across services.
 */
const PER_SERVICE: ReadonlySet<CoverageReason> = new Set(['denied', 'throttled', 'invalid-response', 'not-implemented', 'failed']);

/** A message without the retry count the engine appends, so one cause reads as one text. */
function causeText(message: string | undefined): string {
  return (message ?? '').replace(/ \(after \d+ attempts\)$/, '');
}

interface Tally {
  reason: CoverageReason;
  count: number;
  causes: Map<string, number>;
  services: Map<string, number>;
  operations: Set<string>;
  accounts: Set<string>;
  regions: Set<string>;
  resources: Set<string>;
}

/** Groups gaps (records with outcome `ok` are ignored) by cause, most severe first, then largest. */
export function groupGaps(gaps: readonly GapLike[]): GapGroup[] {
  return partitionGaps(gaps).map(({ group }) => group);
}

/** The groups of groupGaps, each with its gaps in the order given (for reports that list them). */
export function partitionGaps<T extends GapLike>(gaps: readonly T[]): Array<{ group: GapGroup; gaps: T[] }> {
  const tallies = new Map<string, { tally: Tally; members: T[] }>();
  for (const gap of gaps) {
    const reason = reasonOf(gap);
    if (reason === undefined) continue;
    const cause = causeText(gap.message);
    const key = `${reason}\u0000${PER_SERVICE.has(reason) ? gap.service : cause}`;
    let entry = tallies.get(key);
    if (!entry) {
      entry = {
        tally: { reason, count: 0, causes: new Map(), services: new Map(), operations: new Set(), accounts: new Set(), regions: new Set(), resources: new Set() },
        members: [],
      };
      tallies.set(key, entry);
    }
    const { tally } = entry;
    entry.members.push(gap);
    tally.count += 1;
    tally.causes.set(cause, (tally.causes.get(cause) ?? 0) + 1);
    tally.services.set(gap.service, (tally.services.get(gap.service) ?? 0) + 1);
    tally.operations.add(`${gap.service}:${gap.operation}`);
    tally.accounts.add(gap.accountId);
    tally.regions.add(gap.region ?? 'global');
    if (gap.resource) tally.resources.add(gap.resource);
  }
  const groups = [...tallies.values()].map(({ tally, members }) => ({ group: toGroup(tally), gaps: members }));
  return groups.sort(
    ({ group: a }, { group: b }) =>
      reasonRank(a.reason) - reasonRank(b.reason) ||
      b.count - a.count ||
      compareStrings(a.services.join(','), b.services.join(',')) ||
      compareStrings(a.cause, b.cause),
  );
}

/** Most frequent first, ties by name. */
function byCount(counts: Map<string, number>): string[] {
  return [...counts.entries()].sort(([a, x], [b, y]) => y - x || compareStrings(a, b)).map(([name]) => name);
}

function toGroup(tally: Tally): GapGroup {
  const sorted = (set: Set<string>) => [...set].sort(compareStrings);
  const group: GapGroup = {
    reason: tally.reason,
    count: tally.count,
    cause: byCount(tally.causes)[0] ?? '',
    distinctCauses: tally.causes.size,
    services: byCount(tally.services),
    operations: sorted(tally.operations),
    accounts: sorted(tally.accounts),
    regions: sorted(tally.regions),
  };
  if (tally.count === 1 && tally.resources.size === 1) group.resource = [...tally.resources][0]!;
  return group;
}

/** A list of names, cut after `max` with how many more there are. */
export function listSome(names: readonly string[], max: number, noun: string): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more ${noun}`;
}

/**
 * One line for a group, e.g. `557 gaps, connection-failed: iam, kms, lambda and 8 more
 * services: connection refused by 127.0.0.1:5078`.
 */
export function describeGroup(group: GapGroup): string {
  const what = group.services.length === 1 ? `${group.services[0]} ${listSome(group.operations.map((o) => o.slice(o.indexOf(':') + 1)), 3, 'operations')}` : listSome(group.services, 3, 'services');
  const resource = group.resource ? ` ${group.resource}` : '';
  const cause = group.cause ? `: ${group.distinctCauses > 1 ? 'e.g. ' : ''}${group.cause}` : '';
  return `${group.count} ${group.count === 1 ? 'gap' : 'gaps'}, ${group.reason}: ${what}${resource}${cause}`;
}
