/**
 * Roles an account outside the snapshot can assume. Which principal of that account calls, and
 * its organization, are the outsider's business: they stay open unless the trust names one
 * principal. An sts:ExternalId the trust requires is known to the trusted vendor.
 */
import { accountRootArn } from '../../core/arn.js';
import type { RequestPrincipal } from '../../iam/index.js';
import { ATTACKER_CHOSEN } from '../decide.js';
import type { Principal } from '../facts/index.js';
import { namedAwsPrincipals } from '../trust-principals.js';
import { detection, type Detector } from './detector.js';
import { addTrustHop, trustDecision, trustingRoles } from './trust-hop.js';

/** The exposure class of a trust that requires an sts:ExternalId (rules/scoring.yaml). */
const WITH_EXTERNAL_ID = 'outside-party-with-external-id';

/** Values a trust policy requires for `sts:ExternalId`; the trusted vendor knows them. */
function externalIds(role: Principal): string[] {
  return role.trust!.statements.flatMap((s) => s.conditions.filter((c) => c.key === 'sts:externalid').flatMap((c) => c.values));
}

/** outside account -> role can-assume hops. */
export const roleTrustsExternalAccount: Detector = (scope, rule) => {
  const found = detection(scope);
  for (const role of trustingRoles(scope)) {
    const ids = externalIds(role);
    for (const principal of namedAwsPrincipals(role.trust!, 'sts:AssumeRole')) {
      if (principal.type === 'anyone' || scope.facts.accounts.has(principal.accountId)) continue;
      const root = accountRootArn(principal.accountId, role.partition);
      const arn = principal.type === 'arn' ? principal.pattern : root;
      const request: RequestPrincipal = { arn, type: principal.type === 'arn' ? (arn.includes(':user/') ? 'user' : 'role') : 'account', accountId: principal.accountId };
      addTrustHop(found, scope, rule, {
        from: root,
        fromAttrs: { kind: 'external-account', label: 'outside account', accountId: principal.accountId },
        role,
        action: 'sts:AssumeRole',
        result: trustDecision(scope, role, request, 'sts:AssumeRole', {
          ...ATTACKER_CHOSEN,
          'aws:principalaccount': [principal.accountId],
          ...(ids.length ? { 'sts:externalid': ids } : {}),
          ...(principal.type === 'arn' && !/[*?]/.test(arn) ? { 'aws:principalarn': [arn] } : {}),
        }),
        detail: { principal: arn, ...(ids.length ? { mitigation: 'sts:ExternalId' } : {}) },
        // The vendor knows the id; only the confused deputy among its customers is kept out.
        ...(ids.length ? { exposure: WITH_EXTERNAL_ID } : {}),
      });
    }
  }
  return found;
};
