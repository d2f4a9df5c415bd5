/**
 * Workloads techniques act on, every kind: those with a node come from the resources (functions,
 * notebooks, Studio user profiles, models, jobs) with the configuration their preconditions
 * read; the others come from the services' readers. Each kind's list is in ARN order.
 */
import { compareStrings } from '../../core/hash.js';
import { kindsOf } from '../../kinds.js';
import type { SageMakerFacts } from './sagemaker.js';
import { resourceIdOf, type Resource, type Workload, type WorkloadKind } from './types.js';

/** Workload kinds that have a node. */
const NODE_WORKLOADS: ReadonlySet<string> = new Set(kindsOf('workload'));

/** The workload of a resource that has a node, with its domain, lifecycle configuration and key. */
function fromResource(r: Resource, sagemaker: SageMakerFacts): Workload {
  const region = r.region ?? 'us-east-1';
  const domain = r.kind === 'user-profile' ? sagemaker.domains.get(resourceIdOf(r.arn)?.split('/')[0] ?? '') : undefined;
  const configName = r.lifecycleConfigName;
  const lifecycleConfigArn = configName
    ? (sagemaker.lifecycleConfigs.get(`${r.accountId}|${region}|${configName}`) ?? `arn:${r.partition}:sagemaker:${region}:${r.accountId}:notebook-instance-lifecycle-config/${configName.toLowerCase()}`)
    : undefined;
  return {
    arn: r.arn,
    kind: r.kind as WorkloadKind,
    name: r.name,
    accountId: r.accountId,
    partition: r.partition,
    region,
    node: r.arn,
    ...(r.role ? { role: r.role } : {}),
    ...(r.policy ? { policy: r.policy } : {}),
    ...(domain ? { domainArn: domain.arn, ...(domain.authMode ? { authMode: domain.authMode } : {}) } : {}),
    ...(lifecycleConfigArn ? { lifecycleConfigArn } : {}),
    ...(r.keyArn ? { keyArn: r.keyArn } : {}),
    evidence: [],
  };
}

/**
 * Every workload by kind: `resources` in ARN order, `others` as the readers listed them. Lists
 * are sorted by ARN (stably) and every workload gets its `{resource-id}`.
 */
export function workloadsByKind(resources: readonly Resource[], others: readonly Workload[], sagemaker: SageMakerFacts): Map<WorkloadKind, Workload[]> {
  const byKind = new Map<WorkloadKind, Workload[]>();
  const add = (w: Workload) => {
    const list = byKind.get(w.kind);
    if (list) list.push(w);
    else byKind.set(w.kind, [w]);
  };
  for (const r of resources) if (NODE_WORKLOADS.has(r.kind)) add(fromResource(r, sagemaker));
  for (const w of others) add(w);
  for (const list of byKind.values()) {
    list.sort((a, b) => compareStrings(a.arn, b.arn));
    for (const w of list) {
      const id = resourceIdOf(w.arn);
      if (id) w.resourceId = id;
    }
  }
  return byKind;
}
