/**
 * "Collected, not analyzed": data the snapshot holds that no analysis reads, in the words every
 * report uses beside its coverage gaps. A report over a snapshot with unread data says so, so
 * silence about those resources never reads as safety.
 */
import type { NotAnalyzed } from '../analyze/finding.js';
import { compareStrings } from '../core/hash.js';

/** The heading's explanation, shared by every format. */
export const NOT_ANALYZED_MEANING = 'collected, but no technique or entry point reads it: paths through these resources are not looked for';

/** Records in a stable order: section, then field. */
export function sortNotAnalyzed(records: readonly NotAnalyzed[]): NotAnalyzed[] {
  return [...records].sort((a, b) => compareStrings(a.section, b.section) || compareStrings(a.field ?? '', b.field ?? ''));
}

/** `BedrockAgentCore.Memories` or `ELBv2`. */
export function notAnalyzedName(n: NotAnalyzed): string {
  return n.field ? `${n.section}.${n.field}` : n.section;
}

/** `ELBv2: 4 items in 2 regions (load balancers ... not modelled yet)` */
export function notAnalyzedText(n: NotAnalyzed): string {
  const items = `${n.count} ${n.count === 1 ? 'item' : 'items'} in ${n.regions} ${n.regions === 1 ? 'region' : 'regions'}`;
  return `${notAnalyzedName(n)}: ${items} (${n.reason})`;
}
