/**
 * Step: who may invoke which Lambda function (lambda:InvokeFunction), for identity cards only.
 * Functions are tools (an agent's action groups, a gateway's targets, plain helpers) but not
 * crown jewels, so no invoke edge leads to them and the search never sees these grants; a card
 * still counts them under "tools", which the model/data/tools separation check reads.
 * Candidates come from the grant index, as for access edges, so the evaluator runs only where a
 * grant is possible.
 */
import { compareStrings } from '../core/hash.js';
import { accessCandidates, grantPossible } from './access-candidates.js';
import { decide } from './decide.js';
import type { Facts } from './facts/index.js';

const INVOKE = 'lambda:InvokeFunction';

/**
 * Principal ARN -> the functions it may invoke (allowed, or allowed under conditions), sorted.
 * Admins are left out: their card already unlocks every class through the admin edge, and
 * asking about each of their functions would cost admins × functions evaluations.
 */
export function toolGrants(facts: Facts, admins: ReadonlySet<string>): Map<string, string[]> {
  const candidatesFor = accessCandidates(facts);
  const possible = grantPossible(facts);
  const out = new Map<string, string[]>();
  for (const fn of facts.resources) {
    if (fn.kind !== 'lambda-function') continue;
    for (const caller of candidatesFor(fn, [INVOKE], fn.arn)) {
      if (admins.has(caller.arn) || !possible(caller, INVOKE, fn.arn, fn.accountId, fn.policy)) continue;
      const result = decide({ caller, action: INVOKE, resource: fn.arn, resourceAccount: fn.accountId, ...(fn.policy ? { resourcePolicy: fn.policy } : {}), mode: 'optional' });
      if (result.decision === 'denied') continue;
      const fns = out.get(caller.arn);
      if (fns) fns.push(fn.arn);
      else out.set(caller.arn, [fn.arn]);
    }
  }
  for (const [arn, fns] of out) out.set(arn, [...new Set(fns)].sort(compareStrings));
  return out;
}
