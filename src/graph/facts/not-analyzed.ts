/**
 * What the snapshot holds that no analysis reads: regional sections the graph does not model
 * (READERS' `notModelled`, unless another stage reads them) and fields a reader declares unread
 * (`notRead`). Reports list these next to coverage gaps as "collected, not analyzed", so an
 * empty findings list over a snapshot full of load balancers never reads as "nothing exposed".
 */
import { compareStrings } from '../../core/hash.js';
import type { RegionData, Snapshot } from '../../snapshot/index.js';
import { READERS, type NotModelled } from './readers.js';
import type { RegionalReader } from './regional.js';

/** One kind of collected data no analysis reads, summed over accounts and regions. */
export interface NotAnalyzed {
  /** The snapshot's regional section (`ELBv2`), and the field of it when only part is unread (`Memories`). */
  section: string;
  field?: string;
  /** Items collected: the section's listed resources, or the field's. */
  count: number;
  /** Regions (`<account>/<region>`) holding them. */
  regions: number;
  /** Why it is not analyzed, in the registry's words. */
  reason: string;
}

/** Items of a section value: the lengths of its lists (a section is an object of resource lists). */
function itemsOf(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  if (typeof value !== 'object' || value === null) return 0;
  return Object.values(value).reduce<number>((sum, v) => sum + (Array.isArray(v) ? v.length : 0), 0);
}

/** The unread data of a snapshot, in registry order; only what the snapshot holds. */
export function notAnalyzed(snapshot: Snapshot): NotAnalyzed[] {
  const found = new Map<string, NotAnalyzed>();
  const add = (section: string, field: string | undefined, count: number, reason: string) => {
    if (count === 0) return;
    const key = `${section}|${field ?? ''}`;
    const entry = found.get(key) ?? { section, ...(field ? { field } : {}), count: 0, regions: 0, reason };
    entry.count += count;
    entry.regions += 1;
    found.set(key, entry);
  };
  for (const account of snapshot.accounts) {
    for (const region of Object.keys(account.regions).sort(compareStrings)) {
      const data: RegionData = account.regions[region]!;
      for (const [section, decision] of Object.entries(READERS as Record<string, RegionalReader | NotModelled>)) {
        const value = data[section as keyof RegionData];
        if (value === undefined) continue;
        if ('notModelled' in decision) {
          if (!decision.readBy) add(section, undefined, itemsOf(value), decision.notModelled);
          continue;
        }
        for (const [field, reason] of Object.entries(decision.notRead ?? {})) add(section, field, itemsOf((value as Record<string, unknown>)[field]), reason);
      }
    }
  }
  return [...found.values()];
}
