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
import type { Facts, Principal } from './facts/index.js';

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
  // Functions of an account share their candidate sets (access-candidates.ts), mostly its admins: filtered once per set.
  const nonAdmins = new WeakMap<ReadonlySet<Principal>, Principal[]>();
  const withoutAdmins = (candidates: ReadonlySet<Principal>): Principal[] => {
    let list = nonAdmins.get(candidates);
    if (!list) nonAdmins.set(candidates, (list = [...candidates].filter((p) => !admins.has(p.arn))));
    return list;
  };
  for (const fn of facts.resources) {
    if (fn.kind !== 'lambda-function') continue;
    for (const caller of withoutAdmins(candidatesFor(fn, [INVOKE], fn.arn))) {
      if (!possible(caller, INVOKE, fn.arn, fn.accountId, fn.policy)) continue;
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
