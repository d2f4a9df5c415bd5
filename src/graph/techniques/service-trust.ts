/** Whether a role's trust policy lets an AWS service assume it (the condition for PassRole). */
import { evaluate } from '../../iam/index.js';
import type { Principal } from '../inventory/index.js';

const cache = new WeakMap<Principal, Map<string, boolean>>();

/**
 * True when the trust policy allows `service` to call sts:AssumeRole (definitely or under an
 * open condition such as aws:SourceAccount, which the attacker's own resource satisfies).
 */
export function serviceTrusts(role: Principal, service: string): boolean {
  let perRole = cache.get(role);
  if (!perRole) cache.set(role, (perRole = new Map()));
  const known = perRole.get(service);
  if (known !== undefined) return known;
  const result = role.trust
    ? evaluate(
        {
          principal: { arn: service, type: 'service' },
          action: 'sts:AssumeRole',
          resource: role.arn,
          resourceAccount: role.accountId,
          context: { 'aws:sourceaccount': [role.accountId] },
        },
        { identity: [], resource: role.trust, resourcePolicyMode: 'required' },
      )
    : undefined;
  const trusts = result !== undefined && result.decision !== 'denied';
  perRole.set(service, trusts);
  return trusts;
}
