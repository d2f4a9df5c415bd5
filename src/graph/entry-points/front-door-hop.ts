/**
 * Entry hops into front doors share one shape: an outsider (the internet, any AWS principal, a
 * network, the users an authorizer admits, an outside account) reaches an API route, an
 * AgentCore gateway or runtime. The hop names the front door's configuration (stage, method or
 * route, authorization, authorizer) and the deciding policy statements; what the caller must
 * still meet stays in its residual. Entering a runtime drives the agent's code, as a function
 * URL drives a function's: the hop is code-bounded. Also: where a caller must stand to reach a
 * front door whose resource policy decides.
 */
import { addressRestricted, networkExposure, type AccessRequest, type EvaluationResult, type PolicySet } from '../../iam/index.js';
import type { EntryPointRule } from '../../rules/index.js';
import { hopConfidence } from '../confidence.js';
import { outsiderContext, provenanceOf, residualClauses } from '../decide.js';
import type { Resource } from '../facts/index.js';
import { nodeIds, type NodeAttrs, type Provenance } from '../schema.js';
import type { Detection, EntryScope } from './detector.js';

/** The exposure class of callers that must send from a network (rules/scoring.yaml). */
export const NETWORK_ADJACENT = 'network-adjacent';

/** One hop from an outsider into a front door. */
export interface FrontDoorHop {
  from: string;
  fromAttrs: NodeAttrs;
  door: Resource;
  /** The resource policy's decision, when one decides. */
  result?: EvaluationResult;
  exposure?: string;
  /** Records besides the front door's own configuration (an authorizer's user pool). */
  evidence?: Provenance[];
  detail?: Record<string, string>;
}

/** What a front door's configuration leaves open for every caller. */
function doorResidual(door: Resource): string[] {
  const fd = door.frontDoor!;
  return [
    ...(fd.defaultEndpointDisabled ? ['the API is reached through a custom domain name (its default endpoint is disabled; domains are not collected)'] : []),
    ...(fd.policyUnreadable ? ['the resource policy, which could not be read, allows the call'] : []),
  ];
}

/** Records the hop and its entry, unless the decision denies it. */
export function addFrontDoorHop(found: Detection, scope: EntryScope, rule: EntryPointRule, hop: FrontDoorHop): void {
  if (hop.result?.decision === 'denied') return;
  const fd = hop.door.frontDoor!;
  const residual = [...(hop.result?.decision === 'conditional' ? residualClauses(hop.result) : []), ...doorResidual(hop.door)];
  const conditional = residual.length > 0;
  found.nodes.push([hop.from, hop.fromAttrs]);
  found.edges.put(hop.from, hop.door.arn, {
    kind: 'exposure',
    entryPoint: rule.id,
    actions: [fd.invoke.action],
    provenance: [...fd.evidence, ...(hop.evidence ?? []), ...(hop.result ? provenanceOf(hop.result, fd.invoke.action, fd.invoke.arn) : [])],
    conditional,
    confidence: hopConfidence(scope.rules.scoring, { conditional, codeBounded: hop.door.kind === 'agent-runtime' }),
    ...(conditional ? { residual } : {}),
    detail: { ...fd.detail, ...hop.detail },
    ...(hop.exposure ? { exposure: hop.exposure } : {}),
  });
  found.entries.push({ node: hop.from, entryPoint: rule.id });
}

/** An unsigned or outside caller's request to the front door. */
export function outsiderRequest(door: Resource): AccessRequest {
  const fd = door.frontDoor!;
  return { principal: { arn: '*', type: 'anonymous' }, action: fd.invoke.action, resource: fd.invoke.arn, resourceAccount: door.accountId, context: outsiderContext() };
}

/** Where a caller must stand: anywhere (`internet`), in a network (`network`), or nowhere. */
export interface Stand {
  where: 'internet' | 'network';
  result?: EvaluationResult;
}

/** The network node of a front door: callers that send from the networks its policy admits. */
export function networkOf(door: Resource): NodeAttrs & { id: string } {
  const api = door.kind === 'api-route' ? door.arn.split('/')[0]! : door.arn;
  return { id: nodeIds.network(api), kind: 'network', label: `networks ${door.name.split(' ')[0]} admits`, accountId: door.accountId };
}

/** Where a caller must stand for the resource policy to let `request` through (required: an explicit allow). */
export function standOf(request: AccessRequest, policies: PolicySet): Stand | undefined {
  const { exposure, decision } = networkExposure(request, policies);
  if (exposure === 'none') return undefined;
  if (exposure === 'network-adjacent' || addressRestricted(request, policies)) return { where: 'network', result: decision };
  return { where: 'internet', result: decision };
}
