/**
 * Internet-facing ECS services: a service whose tasks get a public IP (awsvpc
 * assignPublicIp ENABLED) with a security group open to the world, or that sits behind an
 * internet-facing ELBv2 load balancer, serves the internet; an application flaw in its
 * containers yields the task role (the task definition's runs-as edge) and the secrets its
 * execution role fetched into the environment.
 */
import { hopConfidence } from '../confidence.js';
import type { EcsService } from '../facts/index.js';
import { configuration } from '../facts/index.js';
import type { Provenance } from '../schema.js';
import { detection, type Detector, type EntryScope } from './detector.js';
import { INTERNET, networkReach, type NetworkReach } from './foothold.js';

/** How the internet reaches the service's tasks, and through what. */
function reachOf(scope: EntryScope, service: EcsService): { reach: NetworkReach; via: Record<string, string>; provenance: Provenance[] } | undefined {
  for (const lb of service.loadBalancers) {
    if (lb.scheme !== 'internet-facing' || !lb.loadBalancerArn) continue;
    const reach = lb.securityGroups ? networkReach(scope.facts, service, lb.securityGroups) : { provenance: [], residual: [] };
    if (!reach) continue;
    return {
      reach,
      via: { via: 'internet-facing load balancer', loadBalancer: lb.loadBalancerName ?? lb.loadBalancerArn, ...(lb.dnsName ? { url: lb.dnsName } : {}) },
      provenance: [configuration(service.arn, `${lb.field}.targetGroupArn`), configuration(lb.loadBalancerArn, 'Scheme')],
    };
  }
  if (!service.publicIp) return undefined;
  const reach = networkReach(scope.facts, service, service.securityGroups);
  return reach ? { reach, via: { via: 'public IP' }, provenance: [configuration(service.arn, 'networkConfiguration.awsvpcConfiguration.assignPublicIp')] } : undefined;
}

/** internet -> task definition exposure hops through public services. */
export const ecsServicePublicFoothold: Detector = (scope, rule) => {
  const found = detection(scope);
  for (const service of scope.facts.ecs.services) {
    if (!service.taskDefinition || !scope.facts.resourcesByArn.has(service.taskDefinition)) continue;
    const exposed = reachOf(scope, service);
    if (!exposed) continue;
    const conditional = exposed.reach.residual.length > 0;
    found.nodes.push(INTERNET);
    found.edges.put(INTERNET[0], service.taskDefinition, {
      kind: 'exposure',
      entryPoint: rule.id,
      actions: [],
      provenance: [configuration(service.arn, 'taskDefinition'), ...exposed.provenance, ...exposed.reach.provenance],
      conditional,
      confidence: hopConfidence(scope.rules.scoring, { conditional }),
      ...(conditional ? { residual: exposed.reach.residual } : {}),
      detail: { service: service.name, ...exposed.via, ...(exposed.reach.ports ? { ports: exposed.reach.ports } : {}) },
    });
    found.entries.push({ node: INTERNET[0], entryPoint: rule.id });
  }
  return found;
};
