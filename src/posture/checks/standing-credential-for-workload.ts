/**
 * A user's long-lived access key sitting in a workload's configuration, where the workload's
 * own role (short-lived credentials AWS rotates) would do: the key outlives the workload, works
 * from anywhere, and every reader of the configuration holds it.
 */
import { compareStrings } from '../../core/hash.js';
import type { PostureCheckFn } from '../finding.js';

export const standingCredentialForWorkload: PostureCheckFn = ({ built, identities }) =>
  identities.flatMap((card) => {
    if (card.kind !== 'user' || !built.graph.hasNode(card.id)) return [];
    const holders = [...new Set(built.graph.filterInEdges(card.id, (_e, attrs) => attrs.kind === 'holds-credential').map((e) => built.graph.source(e)))].sort(compareStrings);
    if (holders.length === 0) return [];
    return [{ accountId: card.accountId ?? '', subject: card.id, evidence: { heldBy: holders }, findings: card.findings }];
  });
