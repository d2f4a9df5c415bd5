/**
 * Entry points in role trust policies share one shape: the trust policy is evaluated for an
 * attacker outside the snapshot, and an allowed (or conditional) decision becomes a can-assume
 * hop from the attacker's node to the role, drawn as the sts-assume-role technique.
 */
import type { EvaluationResult, RequestPrincipal } from '../../iam/index.js';
import type { EntryPointRule } from '../../rules/index.js';
import { ASSUME_TECHNIQUE } from '../assume.js';
import { hopConfidence } from '../confidence.js';
import { decide, decideFromOutside, provenanceOf, residualClauses } from '../decide.js';
import type { Principal } from '../facts/index.js';
import type { NodeAttrs, Provenance } from '../schema.js';
import type { Detection, EntryScope } from './detector.js';

export { ASSUME_TECHNIQUE } from '../assume.js';

/** One hop from an outsider into a role. */
export interface TrustHop {
  from: string;
  fromAttrs: NodeAttrs;
  role: Principal;
  action: string;
  result: EvaluationResult;
  detail?: Record<string, string>;
  /** The exposure class of this entry when it is not the rule's own (one of its `exposures`). */
  exposure?: string;
  /** Configuration records that make the hop possible besides the trust (an identity pool's settings). */
  evidence?: Provenance[];
  /** Conditions the hop needs that the trust policy does not state. */
  residual?: string[];
}

/** Records the hop and its entry, unless the trust policy denies it. */
export function addTrustHop(found: Detection, scope: EntryScope, rule: EntryPointRule, hop: TrustHop): void {
  if (hop.result.decision === 'denied') return;
  const residual = [...(hop.result.decision === 'conditional' ? residualClauses(hop.result) : []), ...(hop.residual ?? [])];
  const conditional = residual.length > 0;
  found.nodes.push([hop.from, hop.fromAttrs]);
  found.edges.put(hop.from, hop.role.arn, {
    kind: 'can-assume',
    technique: ASSUME_TECHNIQUE,
    entryPoint: rule.id,
    actions: [hop.action],
    provenance: [...(hop.evidence ?? []), ...provenanceOf(hop.result, hop.action, hop.role.arn)],
    conditional,
    confidence: hopConfidence(scope.rules.scoring, { conditional }),
    ...(conditional ? { residual } : {}),
    ...(hop.detail ? { detail: hop.detail } : {}),
    ...(hop.exposure ? { exposure: hop.exposure } : {}),
  });
  found.entries.push({ node: hop.from, entryPoint: rule.id });
}

/** The role's trust policy decided for an outsider `principal` with the attacker's own permissions. */
export function trustDecision(scope: EntryScope, role: Principal, principal: RequestPrincipal, action: string, context: Record<string, string[] | null>): EvaluationResult {
  // Through decide(): as of the analysis time, with the attacker's choices and the role's tags.
  const caller = { request: principal, identity: scope.outsider, environment: scope.facts.environment };
  return decide({ caller, action, resource: role.arn, resourceAccount: role.accountId, resourcePolicy: role.trust!, mode: 'required', context });
}

/** The same decision, and where the caller must stand for it (decideFromOutside): a trust open to anyone inside a network is network-adjacent. */
export function trustFromOutside(scope: EntryScope, role: Principal, principal: RequestPrincipal, action: string, context: Record<string, string[] | null>): ReturnType<typeof decideFromOutside> {
  const caller = { request: principal, identity: scope.outsider, environment: scope.facts.environment };
  return decideFromOutside({ caller, action, resource: role.arn, resourceAccount: role.accountId, resourcePolicy: role.trust!, mode: 'required', context });
}

/** Roles of the facts that have a trust policy. */
export function trustingRoles(scope: EntryScope): Principal[] {
  return scope.facts.principals.filter((p) => p.kind === 'role' && p.trust !== undefined);
}
