/**
 * Crown jewels whose resource policy lets anyone in: `Principal: "*"` without a condition that
 * pins the caller to the owner (aws:PrincipalOrgID, aws:PrincipalAccount... are absent for an
 * outsider, so such conditions fail). S3 Block Public Access with RestrictPublicBuckets
 * limits a public bucket policy to the owner's principals and AWS services: no entry then.
 */
import { evaluate } from '../../iam/index.js';
import type { ResourceAccessRules } from '../../rules/index.js';
import { accessArn } from '../access.js';
import { hopConfidence } from '../confidence.js';
import { outsiderContext, provenanceOf, residualClauses } from '../decide.js';
import { putEdge, putNode } from '../edges.js';
import { nodeIds, type DataAccess } from '../schema.js';
import type { BuildContext } from '../context.js';
import type { CrownJewel } from '../sensitivity.js';

export const PUBLIC_RESOURCE_ENTRY = 'resource-policy-public';

/** Adds anonymous -> crown jewel edges where a resource policy is public. */
export function detectPublicResources(ctx: BuildContext, jewels: Map<string, CrownJewel>): void {
  for (const jewel of jewels.values()) {
    const resource = ctx.inventory.resourcesByArn.get(jewel.node);
    if (!resource?.policy || resource.restrictPublicBuckets) continue;
    const specs = ctx.rules.resourceAccess[resource.kind as keyof ResourceAccessRules] ?? {};
    for (const access of jewel.impacts.keys()) {
      const spec = specs[access as keyof typeof specs];
      if (!spec) continue;
      const arn = accessArn(spec, resource);
      for (const action of spec.anyOf) {
        const result = evaluate(
          {
            principal: { arn: '*', type: 'anonymous' },
            action,
            resource: arn,
            resourceAccount: resource.accountId,
            context: { ...outsiderContext(), 'aws:resourceaccount': [resource.accountId] },
          },
          { identity: [], resource: resource.policy, resourcePolicyMode: 'required' },
        );
        if (result.decision === 'denied') continue;
        const conditional = result.decision === 'conditional';
        putNode(ctx.graph, nodeIds.anonymous, { kind: 'anonymous', label: 'any AWS principal' });
        putEdge(ctx.graph, nodeIds.anonymous, resource.arn, {
          kind: access === 'invoke' ? 'invoke' : 'data-access',
          ...(access === 'invoke' ? {} : { access: access as DataAccess }),
          entryPoint: PUBLIC_RESOURCE_ENTRY,
          actions: [action],
          provenance: provenanceOf(result, action, arn),
          conditional,
          confidence: hopConfidence(ctx.rules.scoring, { conditional }),
          ...(conditional ? { residual: residualClauses(result) } : {}),
        });
        ctx.entries.push({ node: nodeIds.anonymous, entryPoint: PUBLIC_RESOURCE_ENTRY });
        break;
      }
    }
  }
}
