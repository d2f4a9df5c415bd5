/**
 * A role that several workloads run as: compromise of any one of them (a function, a job, an
 * endpoint's model, a task) holds every permission the others need, and no log line says which
 * of them acted. Per-job roles keep each blast radius to its own job. Three workloads or more:
 * two is often a function and its replacement during a migration. The fix names the role and
 * each workload that should get a role of its own.
 */
import { nodeNames, type PostureCheckFn } from '../finding.js';

/** Workloads sharing one role from which the check speaks. */
export const SHARED_ROLE_MIN_WORKLOADS = 3;

export const sharedExecutionRole: PostureCheckFn = (input) =>
  input.identities
    .filter((card) => card.kind === 'role' && card.workloads.length >= SHARED_ROLE_MIN_WORKLOADS)
    .map((card) => ({
      accountId: card.accountId ?? '',
      subject: card.id,
      evidence: { workloads: card.workloads, workloadKinds: card.workloadKinds, capabilities: card.capabilities },
      findings: card.findings,
      fix: { action: 'separate-workloads' as const, target: card.id, workloads: card.workloads },
      change:
        `Give each of the ${card.workloads.length} workloads of role \`${card.label}\` a role of its own: ${nodeNames(input, card.workloads)}` +
        `${card.capabilities.length ? `, each with only the part of its ${card.capabilities.join(', ')} access that workload uses` : ''}.`,
    }));
