/**
 * One identity that unlocks model access, data access and tool execution at once: a prompt
 * injection, a stolen session or a bug in any workload running as it reaches all three, which
 * the separation guidance for AI workloads exists to prevent. Read from the identity cards, so
 * only classes some resource of the snapshot stands behind count.
 */
import type { PostureCheckFn } from '../finding.js';

export const identityModelDataTools: PostureCheckFn = ({ identities }) =>
  identities
    .filter((card) => card.reaches.model.length > 0 && card.reaches.data.length > 0 && card.reaches.tools.length > 0)
    .map((card) => ({
      accountId: card.accountId ?? '',
      subject: card.id,
      evidence: { model: card.reaches.model, data: card.reaches.data, tools: card.reaches.tools, workloads: card.workloads },
      findings: card.findings,
    }));
