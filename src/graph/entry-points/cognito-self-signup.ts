/**
 * Cognito identity pools whose authenticated role anyone can get by signing up: a user pool
 * that lets anyone register, or a social login where anyone opens an account (facts/cognito.ts
 * reads which). The role's trust is evaluated for such a user's token (`aud` = the pool id,
 * `amr` = authenticated and the provider); Cognito applies no session policy to authenticated
 * identities. A role mapping that denies users no rule matches leaves the hop conditional on a
 * rule the attacker's token matches. When the pool allows the basic (classic) flow, the user
 * takes an OpenID token and assumes any role whose trust admits the pool's authenticated tokens,
 * configured or not, and role mappings play no part.
 */
import { ATTACKER_CHOSEN } from '../decide.js';
import { configuration } from '../facts/index.js';
import { nodeIds } from '../schema.js';
import type { Principal } from '../facts/index.js';
import { COGNITO_IDENTITY, cognitoTrustingRoles } from './cognito-guest-access.js';
import type { EntryPointRule } from '../../rules/index.js';
import type { IdentityPoolFacts } from '../facts/index.js';
import { detection, type Detection, type Detector, type EntryScope } from './detector.js';
import { addTrustHop, trustDecision } from './trust-hop.js';

/** self-registered users -> authenticated role can-assume hops. */
export const cognitoSelfSignup: Detector = (scope, rule) => {
  const found = detection(scope);
  let trusting: Principal[] | undefined;
  for (const pool of scope.facts.identityPools) {
    if (!pool.openProviders.length) continue;
    const configured = pool.authenticatedRole ? scope.facts.principalsByArn.get(pool.authenticatedRole) : undefined;
    const roles = pool.classicFlow ? (trusting ??= cognitoTrustingRoles(scope)) : configured ? [configured] : [];
    for (const role of roles) {
      if (role.trust) addHops(found, scope, rule, pool, role);
    }
  }
  return found;
};

/** One hop per open provider of the pool into `role`. */
function addHops(found: Detection, scope: EntryScope, rule: EntryPointRule, pool: IdentityPoolFacts, role: Principal): void {
  const configured = role.arn === pool.authenticatedRole;
  for (const provider of pool.openProviders) {
    const result = trustDecision(scope, role, { arn: COGNITO_IDENTITY, type: 'federated' }, 'sts:AssumeRoleWithWebIdentity', {
      ...ATTACKER_CHOSEN,
      [`${COGNITO_IDENTITY}:aud`]: [pool.id],
      [`${COGNITO_IDENTITY}:amr`]: ['authenticated', provider.provider, `${provider.provider}:blastpath-attacker`],
      [`${COGNITO_IDENTITY}:sub`]: [`${pool.region}:00000000-0000-4000-8000-blastpath000`],
    });
    addTrustHop(found, scope, rule, {
      from: nodeIds.users(provider.issuer),
      fromAttrs: { kind: 'authenticated-users', label: provider.label, ...(provider.issuer.startsWith('arn:') ? { accountId: provider.issuer.split(':')[4]! } : {}) },
      role,
      action: 'sts:AssumeRoleWithWebIdentity',
      result,
      evidence: [...provider.evidence, ...(configured ? [configuration(pool.arn, 'IdentityPoolRoles.Roles.authenticated')] : []), ...(pool.classicFlow ? [configuration(pool.arn, 'AllowClassicFlow')] : [])],
      // Role mappings choose the enhanced flow's role; the basic flow's caller names its own.
      ...(provider.mappedOnly && !pool.classicFlow ? { residual: [`a role-mapping rule of ${provider.provider} matches the attacker's token (unmatched users are denied)`] } : {}),
      detail: { identityPool: pool.name, provider: provider.provider, ...(pool.classicFlow ? { flow: 'basic' } : {}), ...(configured ? {} : { roleChoice: 'user-chosen' }) },
    });
  }
}
