/**
 * A user's long-lived access key sitting in a workload's configuration, where the workload's
 * own role (short-lived credentials AWS rotates) would do: the key outlives the workload, works
 * from anywhere, and every reader of the configuration holds it. The fix names the key's user,
 * each workload holding the key, and the role each already runs as, which replaces the key.
 */
import { compareStrings } from '../../core/hash.js';
import { EdgeView } from '../../graph/edge-view.js';
import { nodeNames, type PostureCheckFn } from '../finding.js';

export const standingCredentialForWorkload: PostureCheckFn = (input) => {
  // One view for every card: its block indexes are made once.
  const edges = new EdgeView(input.built);
  return input.identities.flatMap((card) => {
    const { graph } = input.built;
    if (card.kind !== 'user' || !graph.hasNode(card.id)) return [];
    const holders = [...new Set(edges.inEdges(card.id, { kind: 'holds-credential' }).map((e) => e.from))].sort(compareStrings);
    if (holders.length === 0) return [];
    // The identity each holder already runs as: what the workload should use instead of the key.
    const roles = [...new Set(holders.flatMap((h) => edges.outEdges(h, { kind: 'runs-as' }).map((e) => e.to)))].sort(compareStrings);
    const instead = roles.length
      ? `grant its execution role ${nodeNames(input, roles)} what \`${card.label}\` was used for`
      : 'give it an execution role with what the key was used for';
    return [
      {
        accountId: card.accountId ?? '',
        subject: card.id,
        evidence: { heldBy: holders },
        findings: card.findings,
        fix: { action: 'replace-key' as const, target: card.id, workloads: holders, replaceWith: roles },
        change: `Replace the access key of user \`${card.label}\` in ${nodeNames(input, holders)}: ${instead}, remove the key from the configuration, then deactivate it.`,
      },
    ];
  });
};
