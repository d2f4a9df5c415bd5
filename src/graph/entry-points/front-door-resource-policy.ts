/**
 * Front doors that take signed (IAM) callers and whose resource policy admits callers outside
 * the snapshot: API Gateway methods and routes with AWS_IAM authorization, AgentCore runtimes
 * and gateways without an authorizer. A caller from another account needs the resource policy
 * to allow it (its own identity policies are the attacker's); `Principal: "*"` admits any AWS
 * principal, and an account outside the snapshot named in the policy admits whoever controls
 * it. Where the grant pins a network, the caller must stand there (network-adjacent).
 */
import { accountRootArn } from '../../core/arn.js';
import type { PolicySet } from '../../iam/index.js';
import { ATTACKER_CHOSEN } from '../decide.js';
import { frontDoorsOf } from '../front-doors.js';
import { nodeIds } from '../schema.js';
import { namedAwsPrincipals } from '../trust-principals.js';
import { detection, type Detector } from './detector.js';
import { addFrontDoorHop, NETWORK_ADJACENT, networkOf, outsiderRequest, standOf } from './front-door-hop.js';
import { evaluate } from '../../iam/index.js';

/** The exposure class of a named outside account (rules/scoring.yaml). */
const OUTSIDE_PARTY = 'authenticated-outside-party';

/** any AWS principal, or an outside account -> front door exposure edges. */
export const frontDoorResourcePolicy: Detector = (scope, rule) => {
  const found = detection(scope);
  for (const door of frontDoorsOf(scope.facts)) {
    const fd = door.frontDoor!;
    if (fd.auth.kind !== 'iam' || !fd.policy) continue;
    const policies: PolicySet = { identity: scope.outsider, resource: fd.policy, resourcePolicyMode: 'required' };
    const named = namedAwsPrincipals(fd.policy, fd.invoke.action);
    if (named.some((n) => n.type === 'anyone')) {
      const stand = standOf(outsiderRequest(door), policies);
      if (stand?.where === 'network') {
        const { id, ...attrs } = networkOf(door);
        addFrontDoorHop(found, scope, rule, { from: id, fromAttrs: attrs, door, ...(stand.result ? { result: stand.result } : {}), exposure: NETWORK_ADJACENT });
      } else if (stand) {
        addFrontDoorHop(found, scope, rule, { from: nodeIds.anonymous, fromAttrs: { kind: 'anonymous', label: 'any AWS principal' }, door, ...(stand.result ? { result: stand.result } : {}) });
      }
    }
    for (const principal of named) {
      if (principal.type === 'anyone' || scope.facts.accounts.has(principal.accountId)) continue;
      const root = accountRootArn(principal.accountId, door.partition);
      const arn = principal.type === 'arn' ? principal.pattern : root;
      const result = evaluate(
        {
          principal: { arn, type: principal.type === 'arn' ? (arn.includes(':user/') ? 'user' : 'role') : 'account', accountId: principal.accountId },
          action: fd.invoke.action,
          resource: fd.invoke.arn,
          resourceAccount: door.accountId,
          context: { ...ATTACKER_CHOSEN, 'aws:principalaccount': [principal.accountId] },
        },
        policies,
        { explain: false },
      );
      addFrontDoorHop(found, scope, rule, {
        from: root,
        fromAttrs: { kind: 'external-account', label: 'outside account', accountId: principal.accountId },
        door,
        result,
        exposure: OUTSIDE_PARTY,
        detail: { principal: arn },
      });
    }
  }
  return found;
};
