/**
 * A user whose active access keys nobody used for 90 days or more (or never, for a key at least
 * that old): a standing credential that does no work and stays valid for whoever holds a copy.
 * Only where last use was collected (GetAccessKeyLastUsed); ages are measured against the
 * snapshot's collection time, never the clock.
 */
import type { PostureCheckFn } from '../finding.js';

/** Days without use from which an active key is unused (IAM's own guidance on stale credentials). */
export const UNUSED_KEY_DAYS = 90;

export const unusedAccessKey: PostureCheckFn = ({ identities }) =>
  identities
    .filter((card) => card.kind === 'user' && card.credential?.kind === 'access-key' && (card.credential.unusedDays ?? 0) >= UNUSED_KEY_DAYS)
    .map((card) => ({
      accountId: card.accountId ?? '',
      subject: card.id,
      evidence: {
        createdAt: card.credential?.createdAt ? [card.credential.createdAt] : [],
        lastUsedAt: card.credential?.lastUsedAt ? [card.credential.lastUsedAt] : ['never'],
        unusedDays: [String(card.credential?.unusedDays)],
      },
      findings: card.findings,
    }));
