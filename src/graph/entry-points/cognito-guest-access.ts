/**
 * Cognito identity pools that hand anyone on the internet credentials: guests (unauthenticated
 * identities) allowed, and a role whose trust admits cognito-identity.amazonaws.com for this
 * pool's guest tokens (`aud` = the pool id, `amr` = unauthenticated), decided by the evaluator.
 * The enhanced flow (GetCredentialsForIdentity) hands out only the pool's configured
 * unauthenticated role, as a session limited by Cognito's session policies, whose node is the
 * session (facts/cognito.ts). The basic (classic) flow, when the pool allows it, hands the guest
 * an OpenID token (GetId, GetOpenIdToken) that it presents to sts:AssumeRoleWithWebIdentity for a
 * role of its own choice: every role whose trust admits the pool's guest tokens is then the
 * guest's, configured or not, in any account of the snapshot (Cognito developer guide,
 * "Identity pools authentication flow" and "Security best practices for identity pools").
 */
import type { Principal } from '../facts/index.js';
import { ATTACKER_CHOSEN } from '../decide.js';
import { configuration, guestSessionArn, type IdentityPoolFacts } from '../facts/index.js';
import { nodeIds } from '../schema.js';
import { detection, type Detector, type EntryScope } from './detector.js';
import { addTrustHop, trustDecision, trustingRoles } from './trust-hop.js';

/** The federated principal identity pools' tokens name. */
export const COGNITO_IDENTITY = 'cognito-identity.amazonaws.com';

/** `cognito-identity.amazonaws.com`, and the regional and China forms trust policies may name. */
const COGNITO_FEDERATED = /^cognito-identity(\.[a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/i;

/** Roles whose trust names the identity pools' federated principal: the roles a basic-flow identity may ask for. */
export function cognitoTrustingRoles(scope: EntryScope): Principal[] {
  return trustingRoles(scope).filter((role) =>
    role.trust!.statements.some((s) => {
      const values = s.principal?.values;
      return s.effect === 'Allow' && values !== undefined && values !== '*' && !s.principal!.not && values.Federated.some((f) => COGNITO_FEDERATED.test(f));
    }),
  );
}

/** The roles a guest of the pool may end up with: the configured one (enhanced flow), or any it picks (basic flow). */
function guestRoles(scope: EntryScope, pool: IdentityPoolFacts, trusting: () => Principal[]): Principal[] {
  if (pool.classicFlow) return trusting();
  const configured = pool.unauthenticatedRole ? scope.facts.principalsByArn.get(pool.unauthenticatedRole) : undefined;
  return configured ? [configured] : [];
}

/** internet -> unauthenticated role (or its guest session) can-assume hops. */
export const cognitoGuestAccess: Detector = (scope, rule) => {
  const found = detection(scope);
  let trusting: Principal[] | undefined;
  const candidates = () => (trusting ??= cognitoTrustingRoles(scope));
  for (const pool of scope.facts.identityPools) {
    if (!pool.allowUnauthenticated) continue;
    for (const role of guestRoles(scope, pool, candidates)) {
      if (!role.trust) continue;
      const result = trustDecision(scope, role, { arn: COGNITO_IDENTITY, type: 'federated' }, 'sts:AssumeRoleWithWebIdentity', {
        ...ATTACKER_CHOSEN,
        [`${COGNITO_IDENTITY}:aud`]: [pool.id],
        [`${COGNITO_IDENTITY}:amr`]: ['unauthenticated'],
        [`${COGNITO_IDENTITY}:sub`]: [`${pool.region}:00000000-0000-4000-8000-blastpath000`],
      });
      const configured = role.arn === pool.unauthenticatedRole;
      const session = pool.classicFlow ? undefined : scope.facts.principalsByArn.get(guestSessionArn(role));
      addTrustHop(found, scope, rule, {
        from: nodeIds.internet,
        fromAttrs: { kind: 'internet', label: 'internet' },
        // The hop lands where the credentials act: the role (basic flow) or its limited session.
        role: session ?? role,
        action: 'sts:AssumeRoleWithWebIdentity',
        result,
        evidence: [
          configuration(pool.arn, 'AllowUnauthenticatedIdentities'),
          ...(configured ? [configuration(pool.arn, 'IdentityPoolRoles.Roles.unauthenticated')] : []),
          ...(pool.classicFlow ? [configuration(pool.arn, 'AllowClassicFlow')] : []),
        ],
        detail: { identityPool: pool.name, flow: pool.classicFlow ? 'basic' : 'enhanced', ...(session ? { role: role.arn } : {}), ...(configured ? {} : { roleChoice: 'guest-chosen' }) },
      });
    }
  }
  return found;
};
