/**
 * Front doors whose callers an authorizer admits: API Gateway methods and routes behind a
 * Cognito user pool, JWT or Lambda authorizer, AgentCore gateways and runtimes behind a JWT
 * authorizer. The attacker must hold what the authorizer accepts: a user of the pool (anyone,
 * when the pool lets anyone sign up), a token of the issuer, whatever a Lambda authorizer's
 * code lets through. The entry is those users, named after the authorizer; a resource
 * policy's explicit denies still apply (API Gateway combines the policy with the authorizer; an explicit deny wins).
 */
import { configuration } from '../facts/index.js';
import { frontDoorsOf } from '../front-doors.js';
import { nodeIds } from '../schema.js';
import { detection, type Detector } from './detector.js';
import { addFrontDoorHop, NETWORK_ADJACENT, outsiderRequest, standOf, type Stand } from './front-door-hop.js';
import type { Resource } from '../facts/index.js';
import type { EntryScope } from './detector.js';

/** The exposure class of a user pool anyone may sign up to (rules/scoring.yaml). */
const SELF_SIGNUP = 'internet-self-signup';

function hostOf(issuer: string): string {
  try {
    return new URL(issuer).host;
  } catch {
    return issuer;
  }
}

/**
 * Where an authorizer's user must stand: the resource policy, when there is one, may deny
 * callers outside a network (a private API pinned to a VPC endpoint) or deny them outright; a
 * private API without one admits nobody.
 */
function standFor(scope: EntryScope, door: Resource): Stand | undefined {
  const fd = door.frontDoor!;
  if (!fd.policy) return fd.privateEndpoint ? undefined : { where: 'internet' };
  return standOf(outsiderRequest(door), { identity: scope.outsider, resource: fd.policy, resourcePolicyMode: 'optional' });
}

/** authorized users -> front door exposure edges. */
export const frontDoorAuthorizer: Detector = (scope, rule) => {
  const found = detection(scope);
  for (const door of frontDoorsOf(scope.facts)) {
    const auth = door.frontDoor!.auth;
    if (auth.kind !== 'authorizer') continue;
    const { authorizer } = auth;
    const stand = standFor(scope, door);
    if (!stand) continue;
    const network = stand.where === 'network';
    // An authorizer whose users the configuration does not name still admits someone: stand for them by the front door.
    const issuers = authorizer.issuers.length ? authorizer.issuers : [`${door.arn}#authorizer`];
    for (const issuer of issuers) {
      const pool = scope.facts.userPools.get(issuer);
      const label = pool ? `users of ${pool.name}` : authorizer.type === 'lambda' ? `callers ${authorizer.name} admits` : `tokens of ${hostOf(issuer)}`;
      addFrontDoorHop(found, scope, rule, {
        from: nodeIds.users(issuer),
        fromAttrs: { kind: 'authenticated-users', label, ...(pool ? { accountId: pool.arn.split(':')[4] } : {}) },
        door,
        ...(stand.result ? { result: stand.result } : {}),
        evidence: [authorizer.evidence, ...(pool ? [configuration(pool.arn, 'AdminCreateUserConfig.AllowAdminCreateUserOnly')] : [])],
        detail: { authorizer: authorizer.name, ...(pool?.open ? { signUp: 'anyone may sign up' } : {}), ...(network ? { network: 'the resource policy admits requests from some networks only' } : {}) },
        ...(network ? { exposure: NETWORK_ADJACENT } : pool?.open ? { exposure: SELF_SIGNUP } : {}),
      });
    }
  }
  return found;
};
