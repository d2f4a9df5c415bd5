/**
 * The shared node role: a pod reaches the credentials of the role its node runs as through the
 * node's metadata service, unless IMDSv2 is required with a hop limit of 1 (facts/imds.ts). So
 * any code running in the cluster holds every node role its pods can reach. Node groups whose
 * metadata options were not collected give a conditional hop that says so.
 */
import { hopConfidence } from '../confidence.js';
import { detection, type Detector } from './detector.js';

/** Why a hop is open when the metadata options are unknown. */
const UNKNOWN = 'metadata options of the nodes not collected: pods reach the node role unless IMDSv2 is required with a hop limit of 1';

/** cluster -> node role runs-as hops. */
export const eksNodeRoleFromPods: Detector = (scope, rule) => {
  const found = detection(scope);
  for (const cluster of scope.facts.eks.clusters) {
    for (const node of scope.kubernetes.nodeRoles.get(cluster.arn) ?? []) {
      if (node.fromPods === false) continue;
      const conditional = node.fromPods === undefined;
      found.edges.put(cluster.arn, node.role, {
        kind: 'runs-as',
        entryPoint: rule.id,
        actions: [],
        provenance: node.evidence,
        conditional,
        confidence: hopConfidence(scope.rules.scoring, { conditional }),
        ...(conditional ? { residual: [UNKNOWN] } : {}),
        detail: node.detail,
      });
      found.entries.push({ node: cluster.arn, entryPoint: rule.id });
    }
  }
  return found;
};
