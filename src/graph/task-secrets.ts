/**
 * What an ECS task's execution role fetches for it: each `secrets[].valueFrom` of the task
 * definition's containers is read by the execution role at task start (ECS agent or Fargate)
 * and handed to the container as an environment variable. So the task's code holds the secret,
 * though it never holds the execution role: a data-access edge task definition -> secret, when
 * the execution role may read it. Only secrets that are crown jewels get an edge, as in access.ts.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html
 */
import type { RuleSet } from '../rules/index.js';
import { accessArn, accessSpecs } from './access.js';
import { hopConfidence } from './confidence.js';
import { decide, provenanceOf, residualClauses } from './decide.js';
import { EdgeSet, type ProvenanceKeys } from './edges.js';
import { configuration, type Facts, type Resource } from './facts/index.js';
import type { CrownJewel } from './sensitivity.js';

/** The secret a `valueFrom` names: a full ARN (a `:json-key:stage:version` suffix is dropped) or a partial ARN without the random suffix. */
function secretOf(facts: Facts, byName: Map<string, Resource>, valueFrom: string): Resource | undefined {
  const parts = valueFrom.split(':');
  if (parts[2] !== 'secretsmanager' || parts[5] !== 'secret' || !parts[6]) return undefined;
  const arn = parts.slice(0, 7).join(':');
  return facts.resourcesByArn.get(arn) ?? byName.get(`${parts[4]}|${parts[3]}|${parts[6]}`);
}

/** Task definition -> secret read edges through the execution role. */
export function taskSecretEdges(facts: Facts, rules: RuleSet, jewels: ReadonlyMap<string, CrownJewel>, keys: ProvenanceKeys): EdgeSet {
  const edges = new EdgeSet(keys);
  const secrets = facts.resourcesByKind.get('secret') ?? [];
  const byName = new Map(secrets.map((s) => [`${s.accountId}|${s.region}|${s.name}`, s]));
  for (const definition of facts.ecs.taskDefinitions.values()) {
    const role = definition.executionRole ? facts.principalsByArn.get(definition.executionRole) : undefined;
    if (!role || !facts.resourcesByArn.has(definition.arn)) continue;
    for (const reference of definition.secrets) {
      const secret = secretOf(facts, byName, reference.valueFrom);
      if (!secret || !jewels.get(secret.arn)?.impacts.has('read')) continue;
      const spec = accessSpecs(rules, secret)['read'];
      if (!spec) continue;
      const arn = accessArn(spec, secret);
      for (const action of spec.anyOf) {
        const result = decide({ caller: role, action, resource: arn, resourceAccount: secret.accountId, ...(secret.policy ? { resourcePolicy: secret.policy } : {}) });
        if (result.decision === 'denied') continue;
        const conditional = result.decision === 'conditional';
        edges.put(definition.arn, secret.arn, {
          kind: 'data-access',
          access: 'read',
          actions: [action],
          provenance: [configuration(definition.arn, reference.field), configuration(definition.arn, 'executionRoleArn'), ...provenanceOf(result, action, arn)],
          conditional,
          confidence: hopConfidence(rules.scoring, { conditional }),
          ...(conditional ? { residual: residualClauses(result) } : {}),
          detail: { executionRole: role.name, via: 'task definition secrets' },
        });
        break;
      }
    }
  }
  return edges;
}
