/**
 * Data-access and invoke edges into crown jewels. Candidate callers come from indexes
 * (access-candidates.ts: identity grants whose resource patterns can match the jewel, and
 * principals a resource policy names), so the evaluator only runs where a grant is possible.
 */
import type { EvaluationResult } from '../iam/index.js';
import type { ResourceAccessRules } from '../rules/index.js';
import { hopConfidence } from './confidence.js';
import { decide, provenanceOf, residualClauses } from './decide.js';
import { edgeKey, putEdge } from './edges.js';
import { PUBLIC_RESOURCE_ENTRY } from './entry-points/public-resource.js';
import { accessCandidates } from './access-candidates.js';
import { namedAwsPrincipals } from './trust-principals.js';
import { identityMayCover } from './techniques/request.js';
import type { BuildContext } from './context.js';
import type { Principal, Resource } from './inventory/index.js';
import type { CrownJewel } from './sensitivity.js';
import { nodeIds, type DataAccess } from './schema.js';

type AccessSpec = NonNullable<NonNullable<ResourceAccessRules[keyof ResourceAccessRules]>[ImpactAccessKey]>;
type ImpactAccessKey = keyof NonNullable<ResourceAccessRules[keyof ResourceAccessRules]>;

/** The request ARN an access is authorized on: `{arn}/*` for S3 object actions. */
export function accessArn(spec: AccessSpec, resource: Resource): string {
  return spec.arn.replace('{arn}', resource.arn);
}

/** True when the resource policy grants `action` to everyone. */
function isPublicGrant(resource: Resource, action: string): boolean {
  return resource.policy !== undefined && namedAwsPrincipals(resource.policy, action).some((p) => p.type === 'anyone');
}

/** True when the anonymous entry already reaches this access unconditionally. */
function anyoneCan(ctx: BuildContext, resource: Resource, kind: 'invoke' | 'data-access', access: string): boolean {
  const key = edgeKey(nodeIds.anonymous, resource.arn, kind === 'invoke' ? { kind, entryPoint: PUBLIC_RESOURCE_ENTRY } : { kind, access: access as DataAccess });
  return ctx.graph.hasEdge(key) && !ctx.graph.getEdgeAttribute(key, 'conditional');
}

/** The strongest decision over the actions that realize an access (allowed beats conditional). */
function bestDecision(caller: Principal, actions: string[], resource: Resource, arn: string, mode: 'optional' | 'required') {
  let best: { action: string; result: EvaluationResult } | undefined;
  for (const action of actions) {
    // Across accounts the caller's identity policies must allow too: when none of its statements
    // can match the resource, AWS denies whatever the resource policy grants (no need to ask).
    if (caller.accountId !== resource.accountId && !identityMayCover(caller, action, arn)) continue;
    const result = decide({ caller, action, resource: arn, resourceAccount: resource.accountId, ...(resource.policy ? { resourcePolicy: resource.policy } : {}), mode });
    if (result.decision === 'allowed') return { action, result };
    if (result.decision === 'conditional' && !best) best = { action, result };
  }
  return best;
}

/** Adds every principal's data-access and invoke edges into the crown jewels. */
export function addAccessEdges(ctx: BuildContext, jewels: Map<string, CrownJewel>): void {
  const candidatesFor = accessCandidates(ctx.inventory);
  for (const jewel of jewels.values()) {
    const resource = ctx.inventory.resourcesByArn.get(jewel.node);
    if (!resource) continue;
    const specs = ctx.rules.resourceAccess[resource.kind as keyof ResourceAccessRules] ?? {};
    // KMS key policies must allow; IAM policies only count when the key policy delegates.
    const mode = resource.kind === 'kms-key' ? 'required' : 'optional';
    for (const access of jewel.impacts.keys()) {
      const spec = specs[access as keyof typeof specs];
      if (!spec) continue;
      const arn = accessArn(spec, resource);
      const kind = access === 'invoke' ? 'invoke' : 'data-access';
      if (anyoneCan(ctx, resource, kind, access)) continue;
      const candidates = candidatesFor(resource, spec.anyOf, arn);
      // With RestrictPublicBuckets, a public bucket policy admits no other account at all.
      const closedToOthers = resource.restrictPublicBuckets === true && spec.anyOf.some((a) => isPublicGrant(resource, a));
      for (const caller of candidates) {
        // An admin's same-account access is implied by its admin finding; do not repeat it.
        if (ctx.admins.has(caller.arn) && caller.accountId === resource.accountId) continue;
        if (closedToOthers && caller.accountId !== resource.accountId) continue;
        const best = bestDecision(caller, spec.anyOf, resource, arn, mode);
        if (!best) continue;
        const conditional = best.result.decision === 'conditional';
        putEdge(ctx.graph, caller.arn, resource.arn, {
          kind,
          ...(access === 'invoke' ? {} : { access: access as DataAccess }),
          actions: [best.action],
          provenance: provenanceOf(best.result, best.action, arn),
          conditional,
          confidence: hopConfidence(ctx.rules.scoring, { conditional }),
          ...(conditional ? { residual: residualClauses(best.result) } : {}),
        });
      }
    }
  }
}
