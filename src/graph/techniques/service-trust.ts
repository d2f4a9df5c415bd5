/** Whether a role's trust policy lets an AWS service assume it (the condition for PassRole). */
import { evaluate, matchesPattern, type CompiledPolicy } from '../../iam/index.js';
import type { Principal } from '../facts/index.js';
import type { TechniqueRun } from './relation.js';

/**
 * False when no Allow statement of the trust policy can name the service (by `*`, NotPrincipal,
 * or a Service entry that matches it): most roles trust one service or none, and the
 * evaluator need not be asked about the others.
 */
function mayNameService(trust: CompiledPolicy, service: string): boolean {
  return trust.statements.some((statement) => {
    if (statement.effect !== 'Allow' || !statement.principal) return false;
    const { not, values } = statement.principal;
    if (not || values === '*') return true;
    return values.AWS.includes('*') || values.Service.some((named) => named === '*' || matchesPattern(named, service, { caseInsensitive: true }));
  });
}

/**
 * True when the trust policy allows `service` to call sts:AssumeRole (definitely or under an
 * open condition such as aws:SourceAccount, which the attacker's own resource satisfies).
 */
export function trustsService(role: Pick<Principal, 'arn' | 'accountId' | 'trust'>, service: string): boolean {
  const result =
    role.trust && mayNameService(role.trust, service)
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
  return result !== undefined && result.decision !== 'denied';
}

/** trustsService, remembered per role and service for the technique run. */
export function serviceTrusts(run: TechniqueRun, role: Principal, service: string): boolean {
  let perRole = run.serviceTrust.get(role);
  if (!perRole) run.serviceTrust.set(role, (perRole = new Map()));
  let trusts = perRole.get(service);
  if (trusts === undefined) perRole.set(service, (trusts = trustsService(role, service)));
  return trusts;
}
