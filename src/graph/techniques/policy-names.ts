/**
 * Whether a resource or trust policy may grant a caller an action without its identity
 * policies, with principals matched as the evaluator matches them: a session ARN of the
 * caller's role and a NotPrincipal that does not exempt the caller name it as surely as its
 * own ARN does (a list of named ARNs misses both, and with it the edge).
 */
import { BY_ACCOUNT, NOT_NAMED, principalMatch, type CompiledPolicy, type CompiledStatement, type PrincipalMatch } from '../../iam/index.js';
import { allowsFor } from '../trust-principals.js';
import type { Principal } from '../facts/index.js';
import type { TechniqueRun } from './relation.js';

/** The Allow statements of a policy whose Action/NotAction covers an action, once per policy and action. */
function allowsOf(run: TechniqueRun, policy: CompiledPolicy, action: string): readonly CompiledStatement[] {
  const byAction = run.ofRule(policy, 'allows-of', () => new Map<string, CompiledStatement[]>());
  let list = byAction.get(action);
  if (!list) byAction.set(action, (list = allowsFor(policy, action)));
  return list;
}

/** The strongest way an Allow of the policy for the action names the caller (NOT_NAMED when none does). */
export function policyNaming(run: TechniqueRun, policy: CompiledPolicy, action: string, caller: Principal): PrincipalMatch {
  let best: PrincipalMatch = NOT_NAMED;
  for (const statement of allowsOf(run, policy, action)) {
    const how = statement.principal ? principalMatch(statement, caller.request) : NOT_NAMED;
    if (how > best) best = how;
    if (best > BY_ACCOUNT) break;
  }
  return best;
}
