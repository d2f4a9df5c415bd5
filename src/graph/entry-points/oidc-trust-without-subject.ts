/**
 * Roles any holder of an OIDC token can assume because nothing pins the token's subject: the
 * trust policy is evaluated with a token the attacker mints from the issuer (oidc.ts). An EKS
 * cluster's issuer signs only its own pods' service account tokens: nobody on the internet can
 * mint one, so those trusts belong to the code-in-cluster entry points (eks-irsa-any-service-account).
 */
import { ATTACKER_CHOSEN } from '../decide.js';
import { isEksIssuer } from '../facts/index.js';
import { detection, type Detector } from './detector.js';
import { attackerTokenContext, oidcProvidersIn } from './oidc.js';
import { addTrustHop, trustDecision, trustingRoles } from './trust-hop.js';

/** OIDC provider -> role can-assume hops. */
export const oidcTrustWithoutSubject: Detector = (scope, rule) => {
  const found = detection(scope);
  for (const role of trustingRoles(scope)) {
    for (const provider of oidcProvidersIn(role.trust!)) {
      if (isEksIssuer(provider.host)) continue;
      addTrustHop(found, scope, rule, {
        from: provider.arn,
        fromAttrs: { kind: 'oidc-provider', label: provider.host, ...(provider.accountId ? { accountId: provider.accountId } : {}) },
        role,
        action: 'sts:AssumeRoleWithWebIdentity',
        result: trustDecision(scope, role, { arn: provider.arn, type: 'federated' }, 'sts:AssumeRoleWithWebIdentity', { ...ATTACKER_CHOSEN, ...attackerTokenContext(role.trust!, provider.host) }),
        detail: { issuer: provider.host },
      });
    }
  }
  return found;
};
