/**
 * Cognito identity pools that hand anyone on the internet credentials: guests (unauthenticated
 * identities) allowed, an unauthenticated role set, and that role's trust admitting
 * cognito-identity.amazonaws.com for this pool's tokens (`aud` = the pool id, `amr` =
 * unauthenticated), decided by the evaluator. With the basic (classic) flow allowed the
 * attacker assumes the role itself; otherwise Cognito's enhanced flow hands out a session
 * limited by its session policies, whose node is the session (facts/cognito.ts).
 */
import { ATTACKER_CHOSEN } from '../decide.js';
import { configuration, guestSessionArn } from '../facts/index.js';
import { nodeIds } from '../schema.js';
import { detection, type Detector } from './detector.js';
import { addTrustHop, trustDecision } from './trust-hop.js';

/** The federated principal identity pools' tokens name. */
export const COGNITO_IDENTITY = 'cognito-identity.amazonaws.com';

/** internet -> unauthenticated role (or its guest session) can-assume hops. */
export const cognitoGuestAccess: Detector = (scope, rule) => {
  const found = detection(scope);
  for (const pool of scope.facts.identityPools) {
    const role = pool.allowUnauthenticated && pool.unauthenticatedRole ? scope.facts.principalsByArn.get(pool.unauthenticatedRole) : undefined;
    if (!role?.trust) continue;
    const result = trustDecision(scope, role, { arn: COGNITO_IDENTITY, type: 'federated' }, 'sts:AssumeRoleWithWebIdentity', {
      ...ATTACKER_CHOSEN,
      [`${COGNITO_IDENTITY}:aud`]: [pool.id],
      [`${COGNITO_IDENTITY}:amr`]: ['unauthenticated'],
      [`${COGNITO_IDENTITY}:sub`]: [`${pool.region}:00000000-0000-4000-8000-blastpath000`],
    });
    const session = pool.classicFlow ? undefined : scope.facts.principalsByArn.get(guestSessionArn(role));
    addTrustHop(found, scope, rule, {
      from: nodeIds.internet,
      fromAttrs: { kind: 'internet', label: 'internet' },
      // The hop lands where the credentials act: the role (basic flow) or its limited session.
      role: session ?? role,
      action: 'sts:AssumeRoleWithWebIdentity',
      result,
      evidence: [configuration(pool.arn, 'AllowUnauthenticatedIdentities'), configuration(pool.arn, 'IdentityPoolRoles.Roles.unauthenticated')],
      detail: { identityPool: pool.name, flow: pool.classicFlow ? 'basic' : 'enhanced', ...(session ? { role: role.arn } : {}) },
    });
  }
  return found;
};
