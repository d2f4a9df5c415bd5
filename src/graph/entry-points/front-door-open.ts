/**
 * Front doors anyone may call: API Gateway methods and routes with authorization NONE, and
 * AgentCore gateways with no inbound authorizer. A REST API's resource policy must then allow
 * the anonymous caller explicitly (API Gateway's "resource policy only" flow), decided by the
 * evaluator together with where the caller must stand: a grant pinned to a VPC, a VPC endpoint
 * or an address allow-list is network-adjacent, not the internet. A private API whose policy
 * pins no network is reachable through an execute-api VPC endpoint in any account: any AWS
 * principal. A gateway's resource policy governs signed callers; only its explicit denies apply.
 */
import type { PolicySet } from '../../iam/index.js';
import { frontDoorsOf } from '../front-doors.js';
import { nodeIds } from '../schema.js';
import { detection, type Detector } from './detector.js';
import { addFrontDoorHop, NETWORK_ADJACENT, networkOf, outsiderRequest, standOf, type Stand } from './front-door-hop.js';

/** outsider -> route or gateway exposure edges for front doors without authorization. */
export const frontDoorOpen: Detector = (scope, rule) => {
  const found = detection(scope);
  for (const door of frontDoorsOf(scope.facts)) {
    const fd = door.frontDoor!;
    if (fd.auth.kind !== 'none') continue;
    let stand: Stand | undefined = { where: 'internet' };
    if (door.kind === 'agent-gateway') {
      // The gateway's policy governs signed callers; its denies (a network pin) still apply to anyone.
      if (fd.policy) stand = standOf(outsiderRequest(door), { identity: scope.outsider, resource: fd.policy, resourcePolicyMode: 'optional' });
    } else if (fd.policy) {
      const policies: PolicySet = { identity: [], resource: fd.policy, resourcePolicyMode: 'required' };
      stand = standOf(outsiderRequest(door), policies);
    } else if (fd.privateEndpoint) {
      // A private API without a resource policy admits nobody.
      stand = undefined;
    }
    if (!stand) continue;
    const result = stand.result ? { result: stand.result } : {};
    if (stand.where === 'network') {
      const { id, ...attrs } = networkOf(door);
      addFrontDoorHop(found, scope, rule, { from: id, fromAttrs: attrs, door, ...result, exposure: NETWORK_ADJACENT });
    } else if (fd.privateEndpoint) {
      addFrontDoorHop(found, scope, rule, { from: nodeIds.anonymous, fromAttrs: { kind: 'anonymous', label: 'any AWS principal' }, door, ...result, detail: { network: 'an execute-api VPC endpoint in any account' } });
    } else {
      addFrontDoorHop(found, scope, rule, { from: nodeIds.internet, fromAttrs: { kind: 'internet', label: 'internet' }, door, ...result });
    }
  }
  return found;
};
