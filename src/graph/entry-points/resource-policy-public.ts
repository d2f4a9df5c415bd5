/**
 * Crown jewels whose resource policy lets anyone in: `Principal: "*"` without a condition that
 * pins the caller to the owner (aws:PrincipalOrgID, aws:PrincipalAccount... are absent for an
 * outsider, so such conditions fail). S3 Block Public Access with RestrictPublicBuckets
 * limits a public bucket policy to the owner's principals and AWS services: no entry then. A
 * grant to anyone only from a VPC, a VPC endpoint or a private address range is network-adjacent
 * exposure (the first hop's class), not internet exposure.
 */
import { accessArn, accessSpecs } from '../access.js';
import { hopConfidence } from '../confidence.js';
import { decideFromOutside, provenanceOf, residualClauses } from '../decide.js';
import { nodeIds, type DataAccess } from '../schema.js';
import { detection, type Detector } from './detector.js';
import { anonymousCaller } from './outsider.js';

/** The exposure class of a grant to anyone that holds only inside a network (rules/scoring.yaml). */
const NETWORK_ADJACENT = 'network-adjacent';

/** anonymous -> crown jewel edges where a resource policy is public, or public within a network. */
export const resourcePolicyPublic: Detector = (scope, rule) => {
  const found = detection(scope);
  const caller = anonymousCaller(scope.facts.environment);
  for (const jewel of scope.jewels.values()) {
    const resource = scope.facts.resourcesByArn.get(jewel.node);
    if (!resource?.policy || resource.restrictPublicBuckets) continue;
    const specs = accessSpecs(scope.rules, resource);
    for (const access of jewel.impacts.keys()) {
      const spec = specs[access];
      if (!spec) continue;
      const arn = accessArn(spec, resource);
      for (const action of spec.anyOf) {
        const { exposure, result, network } = decideFromOutside({ caller, action, resource: arn, resourceAccount: resource.accountId, resourcePolicy: resource.policy, mode: 'required' });
        if (exposure === 'none') continue;
        const conditional = result.decision === 'conditional';
        found.nodes.push([nodeIds.anonymous, { kind: 'anonymous', label: 'any AWS principal' }]);
        found.edges.put(nodeIds.anonymous, resource.arn, {
          kind: access === 'invoke' ? 'invoke' : 'data-access',
          ...(access === 'invoke' ? {} : { access: access as DataAccess }),
          entryPoint: rule.id,
          actions: [action],
          provenance: provenanceOf(result, action, arn),
          conditional,
          confidence: hopConfidence(scope.rules.scoring, { conditional }),
          ...(conditional ? { residual: residualClauses(result) } : {}),
          // Granted only inside a network: ranked as network-adjacent, with the condition shown.
          ...(network ? { exposure: NETWORK_ADJACENT, detail: { network: network.join('; ') } } : {}),
        });
        found.entries.push({ node: nodeIds.anonymous, entryPoint: rule.id });
        break;
      }
    }
  }
  return found;
};
