/**
 * Entry points in role trust policies share one shape: the trust policy is evaluated for an
 * attacker outside the snapshot, and an allowed (or conditional) decision becomes a can-assume
 * hop from the attacker's node to the role, drawn as the sts-assume-role technique.
 */
import { evaluate, type EvaluationResult, type RequestPrincipal } from '../../iam/index.js';
import type { EntryPointRule } from '../../rules/index.js';
import { ASSUME_TECHNIQUE } from '../assume.js';
import { hopConfidence } from '../confidence.js';
import { provenanceOf, residualClauses } from '../decide.js';
import type { Principal } from '../facts/index.js';
import type { NodeAttrs } from '../schema.js';
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
}

/** Records the hop and its entry, unless the trust policy denies it. */
export function addTrustHop(found: Detection, scope: EntryScope, rule: EntryPointRule, hop: TrustHop): void {
  if (hop.result.decision === 'denied') return;
  const conditional = hop.result.decision === 'conditional';
  found.nodes.push([hop.from, hop.fromAttrs]);
  found.edges.put(hop.from, hop.role.arn, {
    kind: 'can-assume',
    technique: ASSUME_TECHNIQUE,
    entryPoint: rule.id,
    actions: [hop.action],
    provenance: provenanceOf(hop.result, hop.action, hop.role.arn),
    conditional,
    confidence: hopConfidence(scope.rules.scoring, { conditional }),
    ...(conditional ? { residual: residualClauses(hop.result) } : {}),
    ...(hop.detail ? { detail: hop.detail } : {}),
    ...(hop.exposure ? { exposure: hop.exposure } : {}),
  });
  found.entries.push({ node: hop.from, entryPoint: rule.id });
}

/** The role's trust policy decided for an outsider `principal` with the attacker's own permissions. */
export function trustDecision(scope: EntryScope, role: Principal, principal: RequestPrincipal, action: string, context: Record<string, string[] | null>): EvaluationResult {
  return evaluate(
    { principal, action, resource: role.arn, resourceAccount: role.accountId, context },
    { identity: scope.outsider, resource: role.trust!, resourcePolicyMode: 'required' },
  );
}

/** Roles of the facts that have a trust policy. */
export function trustingRoles(scope: EntryScope): Principal[] {
  return scope.facts.principals.filter((p) => p.kind === 'role' && p.trust !== undefined);
}
