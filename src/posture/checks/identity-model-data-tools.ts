/**
 * One identity that unlocks model access, data access and tool execution at once: a prompt
 * injection, a stolen session or a bug in any workload running as it reaches all three, which
 * the separation guidance for AI workloads exists to prevent. Read from the identity cards, so
 * only classes some resource of the snapshot stands behind count. The fix names the role, the
 * workloads that share it and what each of the three roles it splits into keeps.
 */
import { nodeNames, type PostureCheckFn } from '../finding.js';

export const identityModelDataTools: PostureCheckFn = (input) =>
  input.identities
    .filter((card) => card.reaches.model.length > 0 && card.reaches.data.length > 0 && card.reaches.tools.length > 0)
    .map((card) => {
      const names = (ids: readonly string[]) => nodeNames(input, ids);
      const shared = card.workloads.length ? ` (run by ${names(card.workloads)})` : '';
      return {
        accountId: card.accountId ?? '',
        subject: card.id,
        evidence: { model: card.reaches.model, data: card.reaches.data, tools: card.reaches.tools, workloads: card.workloads },
        findings: card.findings,
        fix: { action: 'split-role' as const, target: card.id, workloads: card.workloads, capabilities: { model: card.reaches.model, data: card.reaches.data, tools: card.reaches.tools } },
        change:
          `Split role \`${card.label}\`${shared} into a model role (invoke ${names(card.reaches.model)}), ` +
          `a data role (${names(card.reaches.data)}) and a tools role (${names(card.reaches.tools)}); give each workload only the ones it uses.`,
      };
    });
