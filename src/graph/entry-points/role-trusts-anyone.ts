/** Roles any AWS principal can assume: the trust names `*`, decided for an arbitrary outside caller. */
import { outsiderContext } from '../decide.js';
import { nodeIds } from '../schema.js';
import { namedAwsPrincipals } from '../trust-principals.js';
import { detection, type Detector } from './detector.js';
import { addTrustHop, trustFromOutside, trustingRoles } from './trust-hop.js';

/** anonymous -> role can-assume hops. */
export const roleTrustsAnyone: Detector = (scope, rule) => {
  const found = detection(scope);
  for (const role of trustingRoles(scope)) {
    if (!namedAwsPrincipals(role.trust!, 'sts:AssumeRole').some((n) => n.type === 'anyone')) continue;
    const { result, network } = trustFromOutside(scope, role, { arn: '*', type: 'anonymous' }, 'sts:AssumeRole', outsiderContext());
    addTrustHop(found, scope, rule, {
      from: nodeIds.anonymous,
      fromAttrs: { kind: 'anonymous', label: 'any AWS principal' },
      role,
      action: 'sts:AssumeRole',
      result,
      // Open to anyone inside a network only (STS through a VPC endpoint): network-adjacent.
      ...(network ? { exposure: 'network-adjacent', detail: { network: network.join('; ') } } : {}),
    });
  }
  return found;
};
