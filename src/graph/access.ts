/**
 * Data-access and invoke edges into crown jewels. Candidate callers come from indexes
 * (access-candidates.ts: identity grants whose resource patterns can match the jewel, and
 * principals a resource policy names), so the evaluator only runs where a grant is possible.
 */
import type { EvaluationResult } from '../iam/index.js';
import type { ResourceAccessRules, RuleSet } from '../rules/index.js';
import { accessCandidates, grantPossible } from './access-candidates.js';
import { hopConfidence } from './confidence.js';
import { decide, provenanceOf, residualClauses } from './decide.js';
import { EdgeSet, type ProvenanceKeys } from './edges.js';
import type { Facts, Principal, Resource } from './facts/index.js';
import type { DataAccess } from './schema.js';
import type { CrownJewel } from './sensitivity.js';
import { namedAwsPrincipals } from './trust-principals.js';

type AccessSpec = NonNullable<NonNullable<ResourceAccessRules[keyof ResourceAccessRules]>[ImpactAccessKey]>;
type ImpactAccessKey = keyof NonNullable<ResourceAccessRules[keyof ResourceAccessRules]>;

/** The access specs of a resource's kind (resource-access.yaml), by access level. */
export function accessSpecs(rules: RuleSet, resource: Resource): Partial<Record<string, AccessSpec>> {
  return rules.resourceAccess[resource.kind as keyof ResourceAccessRules] ?? {};
}

/** The request ARN an access is authorized on: `{arn}/*` for S3 object actions. */
export function accessArn(spec: AccessSpec, resource: Resource): string {
  return spec.arn.replace('{arn}', resource.arn);
}

/** An access of anyone to a resource that holds without condition, as `<arn>|<access>` (see openAccess). */
export type OpenAccess = ReadonlySet<string>;

/** The key of one access in an OpenAccess set. */
export function openAccessKey(arn: string, access: string): string {
  return `${arn}|${access}`;
}

/** True when the resource policy grants `action` to everyone. */
function isPublicGrant(resource: Resource, action: string): boolean {
  return resource.policy !== undefined && namedAwsPrincipals(resource.policy, action).some((p) => p.type === 'anyone');
}

/** Answers false only where the evaluator would certainly deny (access-candidates.ts). */
type GrantPossible = ReturnType<typeof grantPossible>;

/** The strongest decision over the actions that realize an access (allowed beats conditional). */
function bestDecision(possible: GrantPossible, caller: Principal, actions: string[], resource: Resource, arn: string, mode: 'optional' | 'required') {
  let best: { action: string; result: EvaluationResult } | undefined;
  for (const action of actions) {
    // A denial is skipped like a decided one: most candidates are certain denials.
    if (!possible(caller, action, arn, resource.accountId, resource.policy)) continue;
    const result = decide({ caller, action, resource: arn, resourceAccount: resource.accountId, ...(resource.policy ? { resourcePolicy: resource.policy } : {}), mode });
    if (result.decision === 'allowed') return { action, result };
    if (result.decision === 'conditional' && !best) best = { action, result };
  }
  return best;
}

/**
 * The decision on the key a spec's `key` names, for a resource encrypted with a customer managed
 * key: asked through the service that decrypts for the caller (kms:ViaService, kms:CallerAccount
 * and the encryption context that service sends are known), the key policy required to allow.
 * Undefined when the spec or the resource needs no key.
 */
export function keyDecision(facts: Facts, caller: Principal, spec: AccessSpec, resource: Resource): { action: string; arn: string; result: EvaluationResult } | undefined {
  if (!spec.key || !resource.keyArn) return undefined;
  const key = facts.resourcesByArn.get(resource.keyArn);
  const region = resource.region ?? key?.region ?? 'us-east-1';
  const context: Record<string, string[]> = {
    'kms:viaservice': [`${spec.key.via}.${region}.amazonaws.com`],
    'kms:calleraccount': [caller.accountId],
    ...(spec.key.encryptionContext ? { [`kms:encryptioncontext:${spec.key.encryptionContext.toLowerCase()}`]: [resource.arn] } : {}),
  };
  const owner = key?.accountId ?? resource.keyArn.split(':')[4] ?? resource.accountId;
  const result = decide({ caller, action: spec.key.action, resource: resource.keyArn, resourceAccount: owner, ...(key?.policy ? { resourcePolicy: key.policy, mode: 'required' as const } : {}), context });
  return { action: spec.key.action, arn: resource.keyArn, result };
}

/** What access edges depend on: the jewels, the admins, and what anyone can already reach. */
export interface AccessScope {
  jewels: ReadonlyMap<string, CrownJewel>;
  /** Principals whose same-account access folds into their admin finding. */
  admins: ReadonlySet<string>;
  /** Accesses the public entry points already give anyone unconditionally: no principal's grant adds a path. */
  open: OpenAccess;
}

/**
 * A candidate set without the admins of the resource's account, in its order: made once per
 * set, since jewels of one account share their sets (access-candidates.ts), and most members
 * of a set of an account's jewel are its admins (at size M, 44,000 of 126,000).
 */
function sameAccountAdminsLeftOut(admins: ReadonlySet<string>) {
  const made = new WeakMap<ReadonlySet<Principal>, Map<string, Principal[]>>();
  return (candidates: ReadonlySet<Principal>, accountId: string): Principal[] => {
    let byAccount = made.get(candidates);
    if (!byAccount) made.set(candidates, (byAccount = new Map()));
    let list = byAccount.get(accountId);
    if (!list) byAccount.set(accountId, (list = [...candidates].filter((p) => !(admins.has(p.arn) && p.accountId === accountId))));
    return list;
  };
}

/** Every principal's data-access and invoke edges into the crown jewels. */
export function accessEdges(facts: Facts, rules: RuleSet, scope: AccessScope, keys: ProvenanceKeys): EdgeSet {
  const edges = new EdgeSet(keys);
  const candidatesFor = accessCandidates(facts);
  const possible = grantPossible(facts);
  const withoutAdmins = sameAccountAdminsLeftOut(scope.admins);
  for (const jewel of scope.jewels.values()) {
    const resource = facts.resourcesByArn.get(jewel.node);
    if (!resource) continue;
    const specs = accessSpecs(rules, resource);
    // KMS key policies must allow; IAM policies only count when the key policy delegates.
    const mode = resource.kind === 'kms-key' ? 'required' : 'optional';
    for (const access of jewel.impacts.keys()) {
      const spec = specs[access];
      if (!spec) continue;
      const arn = accessArn(spec, resource);
      const kind = access === 'invoke' ? 'invoke' : 'data-access';
      if (scope.open.has(openAccessKey(resource.arn, access))) continue;
      // An admin's same-account access is implied by its admin finding; do not repeat it.
      const candidates = withoutAdmins(candidatesFor(resource, spec.anyOf, arn), resource.accountId);
      // With RestrictPublicBuckets, a public bucket policy admits no other account at all.
      const closedToOthers = resource.restrictPublicBuckets === true && spec.anyOf.some((a) => isPublicGrant(resource, a));
      for (const caller of candidates) {
        if (closedToOthers && caller.accountId !== resource.accountId) continue;
        const best = bestDecision(possible, caller, spec.anyOf, resource, arn, mode);
        if (!best) continue;
        const key = keyDecision(facts, caller, spec, resource);
        if (key?.result.decision === 'denied') continue;
        const conditional = best.result.decision === 'conditional' || key?.result.decision === 'conditional';
        const residual = [...(best.result.decision === 'conditional' ? residualClauses(best.result) : []), ...(key?.result.decision === 'conditional' ? residualClauses(key.result) : [])];
        edges.put(caller.arn, resource.arn, {
          kind,
          ...(access === 'invoke' ? {} : { access: access as DataAccess }),
          actions: key ? [best.action, key.action] : [best.action],
          provenance: [...provenanceOf(best.result, best.action, arn), ...(key ? provenanceOf(key.result, key.action, key.arn) : [])],
          conditional,
          confidence: hopConfidence(rules.scoring, { conditional }),
          ...(conditional ? { residual } : {}),
        });
      }
    }
  }
  return edges;
}
