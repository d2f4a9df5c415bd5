/**
 * Public App Runner services: by default a service's URL answers anyone on the internet
 * (`IsPubliclyAccessible` true); an application flaw in it yields its instance role. A service
 * with private ingress (VPC interface endpoint only) or paused is no entry.
 */
import { hopConfidence } from '../confidence.js';
import { configuration } from '../facts/index.js';
import { detection, type Detector } from './detector.js';
import { INTERNET } from './foothold.js';

/** Statuses in which a service does not serve requests. */
const NOT_SERVING = new Set(['PAUSED', 'DELETED', 'CREATE_FAILED', 'DELETE_FAILED']);

/** internet -> instance role exposure hops through public services. */
export const apprunnerServicePublic: Detector = (scope, rule) => {
  const found = detection(scope);
  for (const service of scope.facts.appRunner.services) {
    if (!service.public || !service.role || !scope.facts.principalsByArn.has(service.role) || NOT_SERVING.has(service.status ?? '')) continue;
    found.nodes.push(INTERNET);
    found.edges.put(INTERNET[0], service.role, {
      kind: 'exposure',
      entryPoint: rule.id,
      actions: [],
      provenance: [configuration(service.arn, 'NetworkConfiguration.IngressConfiguration.IsPubliclyAccessible'), configuration(service.arn, 'InstanceConfiguration.InstanceRoleArn')],
      conditional: false,
      confidence: hopConfidence(scope.rules.scoring, {}),
      detail: { service: service.name, ...(service.url ? { url: service.url } : {}) },
    });
    found.entries.push({ node: INTERNET[0], entryPoint: rule.id });
  }
  return found;
};
