/**
 * `credential-read`: the caller reads the configuration of a workload of `resourceKind` that
 * holds a credential -> the key's user (an active access key) or the credential's node.
 */
import { configuration } from '../../facts/index.js';
import type { Relation } from '../relation.js';

/** Every user whose active key, and every credential node whose value, sits in the configuration of a workload of the rule's kind. */
export const credentialRead: Relation = {
  derive: {
    by: 'candidate',
    candidates: (run, rule) => {
      const workloads = new Map((run.facts.workloads.get(rule.resourceKind!) ?? []).map((w) => [w.arn, w]));
      return run.facts.credentials.flatMap((credential) => {
        const workload = workloads.get(credential.resourceArn);
        if (!workload || !credential.node) return [];
        const resource = run.facts.resourcesByArn.get(workload.arn);
        return [
          {
            node: credential.node,
            target: {
              arn: workload.arn,
              accountId: workload.accountId,
              region: workload.region,
              ...(resource ? { resource } : {}),
              ...(workload.keyArn ? { keyArn: workload.keyArn } : {}),
              evidence: [configuration(workload.arn, credential.field)],
              detail: { variable: credential.variable },
            },
          },
        ];
      });
    },
  },
  targetGrant: () => 'policy',
};
