/**
 * The action index: statements grouped by the service prefix they can match, so evaluation
 * looks only at statements that could apply to the requested action. Indexes are built once
 * per policy list (keyed by the array object) and per single policy, and kept in WeakMaps:
 * callers treat compiled policies and their lists as immutable.
 */
import { serviceOf } from './compile.js';
import { FewKeys } from './few-keys.js';
import { actionMatches } from './statement.js';
import type { CompiledPolicy, CompiledStatement } from './types.js';

/** Statements that can match any service: shared by the indexes that have none, never filled. */
const NO_STATEMENTS: CompiledStatement[] = [];

/** The one service every statement of a policy can match, when there is one (not `*`). */
function soleService(policy: CompiledPolicy): string | undefined {
  const first = policy.statements[0]?.services;
  if (first?.length !== 1 || first[0] === '*') return undefined;
  const service = first[0]!;
  return policy.statements.every((s) => s.services.length === 1 && s.services[0] === service) ? service : undefined;
}

/** Statements of some policies, looked up by service prefix. */
export class ActionIndex {
  // Most indexes are of one policy with one service: FewKeys instead of Maps, and no merged
  // list unless a service's own statements and the any-service ones both exist.
  private readonly byService = new FewKeys<CompiledStatement[]>();
  private anyService: CompiledStatement[] = NO_STATEMENTS;
  private merged: FewKeys<readonly CompiledStatement[]> | undefined;

  constructor(policies: readonly CompiledPolicy[]) {
    // One policy whose statements all name the same single service (a function policy, a
    // trust policy): its statement list is that service's list, no copy.
    const sole = policies.length === 1 ? soleService(policies[0]!) : undefined;
    if (sole !== undefined) {
      this.byService.set(sole, policies[0]!.statements);
      return;
    }
    for (const policy of policies) {
      for (const statement of policy.statements) {
        if (statement.services.includes('*')) {
          if (this.anyService === NO_STATEMENTS) this.anyService = [];
          this.anyService.push(statement);
          continue;
        }
        for (const service of statement.services) {
          const list = this.byService.get(service);
          if (list) list.push(statement);
          else this.byService.set(service, [statement]);
        }
      }
    }
  }

  /** True when an Allow statement can match some action of this (lower-cased) service; builds no merged list. */
  allowsService(service: string): boolean {
    const own = this.byService.get(service);
    if (own) for (const statement of own) if (statement.effect === 'Allow') return true;
    for (const statement of this.anyService) if (statement.effect === 'Allow') return true;
    return false;
  }

  /** Statements that can match an action of this (lower-cased) service: its own, then those of any service. */
  candidates(service: string): readonly CompiledStatement[] {
    const own = this.byService.get(service);
    if (!own) return this.anyService;
    if (this.anyService.length === 0) return own;
    this.merged ??= new FewKeys();
    let list = this.merged.get(service);
    if (!list) this.merged.set(service, (list = [...own, ...this.anyService]));
    return list;
  }
}

const listIndexes = new WeakMap<readonly CompiledPolicy[], ActionIndex>();
const policyIndexes = new WeakMap<CompiledPolicy, ActionIndex>();

/** The index of a policy list, built on first use of that array. */
export function indexOfPolicies(policies: readonly CompiledPolicy[]): ActionIndex {
  let index = listIndexes.get(policies);
  if (!index) {
    index = new ActionIndex(policies);
    listIndexes.set(policies, index);
  }
  return index;
}

/** The index of one policy, built on first use. */
export function indexOfPolicy(policy: CompiledPolicy): ActionIndex {
  let index = policyIndexes.get(policy);
  if (!index) {
    index = new ActionIndex([policy]);
    policyIndexes.set(policy, index);
  }
  return index;
}

/** Could any Allow statement in these policies match this action (ignoring resource and conditions)? */
export function mayAllowAction(policies: readonly CompiledPolicy[], action: string): boolean {
  const lower = action.toLowerCase();
  const service = serviceOf(lower);
  return indexOfPolicies(policies)
    .candidates(service)
    .some((statement) => statement.effect === 'Allow' && actionMatches(statement, lower, service));
}

/** Could any Allow statement in these policies match some action of this service (lower-cased prefix)? */
export function mayAllowService(policies: readonly CompiledPolicy[], service: string): boolean {
  // Asked of every principal for every service a rule names: no per-service list is merged for it.
  return indexOfPolicies(policies).allowsService(service);
}

/** The statements of these policies that can match an action of this (lower-cased) service. */
export function statementsForService(policies: readonly CompiledPolicy[], service: string): readonly CompiledStatement[] {
  return indexOfPolicies(policies).candidates(service);
}
