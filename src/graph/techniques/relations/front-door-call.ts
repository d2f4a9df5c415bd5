/**
 * `front-door-call`: the caller signs (SigV4) a call to a front door of `resourceKind` that
 * authorizes its callers with IAM: an API Gateway method or route with AWS_IAM authorization
 * (`execute-api:Invoke` on `arn:…:execute-api:<region>:<account>:<api>/<stage>/<VERB>/<path>`),
 * an AgentCore runtime or gateway without a JWT authorizer (`InvokeAgentRuntime`,
 * `InvokeGateway`). AWS decides the call as for any resource with a resource policy: in the
 * front door's account the identity policy or the resource policy may allow, across accounts
 * both must, an explicit deny in either wins; HTTP APIs take no resource policy, so only their
 * own account's identity grants count. The edge leads to the front door, which passes the
 * request on (front-doors.ts: the backend Lambda, the service a credentials role calls, the
 * runtime's execution role). Front doors without authorization or behind an authorizer are the
 * entry points' business (front-door-open, front-door-authorizer): a signed call adds nothing.
 *
 * Callers come from the access-candidate index (identity grants whose resource patterns can
 * match the front door's ARN, and principals its policy names), never from every principal: a
 * policy admitting `*` widens them to every principal of the door's account (there the resource
 * policy alone grants) and to those of other accounts whose identity grants can match the door;
 * that `*` itself is front-door-resource-policy's entry ("any AWS principal").
 */
import { accessCandidates } from '../../access-candidates.js';
import type { Resource } from '../../facts/index.js';
import type { TechniqueTarget } from '../model.js';
import { edgeShapeOf, type Relation, type TechniqueRun } from '../relation.js';
import { checkTechnique } from '../requirements.js';
import type { TechniqueRule } from '../../../rules/index.js';

/** The front doors of the rule's kind that take signed callers for the rule's action and pass requests somewhere. */
function signedDoors(run: TechniqueRun, rule: TechniqueRule): Resource[] {
  const action = rule.actions.find((a) => a.on === 'target')?.action.toLowerCase();
  return run.facts.resources.filter((r) => {
    const fd = r.frontDoor;
    // A door with no backend and no role (a mock integration) leads nowhere.
    return r.kind === rule.resourceKind && fd?.auth.kind === 'iam' && fd.invoke.action.toLowerCase() === action && (fd.backends.length > 0 || r.role !== undefined);
  });
}

/** What the rule's actions are checked on for one front door: its request ARN under its resource policy. */
function targetOf(door: Resource): TechniqueTarget {
  const fd = door.frontDoor!;
  return {
    arn: fd.invoke.arn,
    accountId: door.accountId,
    region: door.region,
    resource: door,
    ...(fd.policy ? { policy: fd.policy } : {}),
    evidence: fd.evidence,
    detail: fd.detail,
  };
}

function draw(run: TechniqueRun, rule: TechniqueRule): void {
  const identity = { ...edgeShapeOf(frontDoorCall, rule), technique: rule.id };
  const candidates = run.cached('access-candidates', () => accessCandidates(run.facts));
  const order = run.cached('principal-order', () => new Map(run.facts.principals.map((p, i) => [p, i])));
  for (const door of signedDoors(run, rule)) {
    const fd = door.frontDoor!;
    const callers = [...candidates(fd.policy ? { ...door, policy: fd.policy } : door, [fd.invoke.action], fd.invoke.arn)].sort((a, b) => order.get(a)! - order.get(b)!);
    const target = targetOf(door);
    for (const caller of callers) {
      // An admin already controls its own account: its admin finding stands for this hop.
      if (run.admins.has(caller.arn) && caller.accountId === door.accountId) continue;
      const attrs = checkTechnique(run, rule, caller, target);
      if (attrs) run.edges.put(caller.arn, door.arn, { ...identity, ...attrs });
    }
  }
}

/** Signed callers of IAM-authorized front doors -> the front door. */
export const frontDoorCall: Relation = {
  derive: { by: 'own', draw },
  edge: () => ({ kind: 'invoke' }),
  targetGrant: () => 'policy',
  asksTargetOnce: true,
  // A runtime runs the agent's own code with its role (as its entry hops are): the caller drives
  // it without controlling it. Routes and gateways pass on to functions whose hop says so.
  steering: (scoring, rule) => (rule.resourceKind === 'agent-runtime' ? scoring.edgeConfidence.codeBoundedInvoke : 1),
};
