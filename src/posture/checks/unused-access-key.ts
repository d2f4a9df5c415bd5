/**
 * A user whose active access keys nobody used for 90 days or more (or never, for a key at least
 * that old): a standing credential that does no work and stays valid for whoever holds a copy.
 * Only where last use was collected (GetAccessKeyLastUsed); ages are measured against the
 * snapshot's collection time, never the clock. The fix names the user and its idle time; a
 * workload still holding the key is named with the role that replaces it.
 */
import { compareStrings } from '../../core/hash.js';
import { EdgeView } from '../../graph/edge-view.js';
import { nodeNames, type PostureCheckFn } from '../finding.js';

/** Days without use from which an active key is unused (IAM's own guidance on stale credentials). */
export const UNUSED_KEY_DAYS = 90;

export const unusedAccessKey: PostureCheckFn = (input) => {
  // One view for every card: its block indexes are made once.
  const edges = new EdgeView(input.built);
  return input.identities
    .filter((card) => card.kind === 'user' && card.credential?.kind === 'access-key' && (card.credential.unusedDays ?? 0) >= UNUSED_KEY_DAYS)
    .map((card) => {
      const holders = [...new Set(edges.inEdges(card.id, { kind: 'holds-credential' }).map((e) => e.from))].sort(compareStrings);
      const roles = [...new Set(holders.flatMap((h) => edges.outEdges(h, { kind: 'runs-as' }).map((e) => e.to)))].sort(compareStrings);
      const idle = card.credential?.lastUsedAt ? `unused for ${card.credential.unusedDays} days` : `never used in ${card.credential?.unusedDays} days`;
      const held = holders.length
        ? ` It still sits in ${nodeNames(input, holders)}: remove it there${roles.length ? ` and let ${nodeNames(input, roles)} do the work` : ''}.`
        : '';
      return {
        accountId: card.accountId ?? '',
        subject: card.id,
        evidence: {
          createdAt: card.credential?.createdAt ? [card.credential.createdAt] : [],
          lastUsedAt: card.credential?.lastUsedAt ? [card.credential.lastUsedAt] : ['never'],
          unusedDays: [String(card.credential?.unusedDays)],
        },
        findings: card.findings,
        fix: { action: 'deactivate-key' as const, target: card.id, ...(holders.length ? { workloads: holders, replaceWith: roles } : {}) },
        change: `Deactivate the access key of user \`${card.label}\` (${idle}), then delete it.${held}`,
      };
    });
};
