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

/** Per list of roles: by lower-cased service name, the places of the roles whose trust names it literally; `any`, those whose trust may name any service. */
interface ServiceIndex {
  byService: Map<string, number[]>;
  any: number[];
}

/** The list's roles by the services their trusts may name: each trust read once, not once per service asked. */
function serviceIndexOf(roles: readonly Pick<Principal, 'trust'>[]): ServiceIndex {
  const index: ServiceIndex = { byService: new Map(), any: [] };
  for (let i = 0; i < roles.length; i++) {
    const trust = roles[i]!.trust;
    if (!trust) continue;
    const named = new Set<string>();
    let any = false;
    for (const statement of trust.statements) {
      if (statement.effect !== 'Allow' || !statement.principal) continue;
      const { not, values } = statement.principal;
      if (not || values === '*' || values.AWS.includes('*')) {
        any = true;
        continue;
      }
      for (const service of values.Service) {
        // A wildcard (or a variable) may match any service: such roles are asked about every one.
        if (/[*?$]/.test(service)) any = true;
        else named.add(service.toLowerCase());
      }
    }
    if (any) index.any.push(i);
    else for (const service of named) (index.byService.get(service) ?? index.byService.set(service, []).get(service)!).push(i);
  }
  return index;
}

/**
 * The roles of a list (an account's) whose trust lets `service` assume them, in list order:
 * serviceTrusts asked only of those whose trust may name the service (literally, or through
 * `*`, a wildcard or NotPrincipal), since trustsService is false for the others.
 */
export function rolesTrusting(run: TechniqueRun, roles: readonly Principal[], service: string): Principal[] {
  const indexes = run.cached('service-indexes', () => new WeakMap<readonly Principal[], ServiceIndex>());
  let index = indexes.get(roles);
  if (!index) indexes.set(roles, (index = serviceIndexOf(roles)));
  const named = index.byService.get(service.toLowerCase()) ?? [];
  const places = index.any.length ? [...new Set([...named, ...index.any])].sort((a, b) => a - b) : named;
  const out: Principal[] = [];
  for (const i of places) if (serviceTrusts(run, roles[i]!, service)) out.push(roles[i]!);
  return out;
}
