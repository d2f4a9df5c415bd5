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
import type { EdgeSet } from './edges.js';
import type { Facts, Principal } from './facts/index.js';
import { namesAwsPrincipals } from './trust-principals.js';

const INVOKE = 'lambda:InvokeFunction';
/**
 * A tool call is a direct Invoke, never one through the function's URL: Lambda sets
 * lambda:InvokedViaFunctionUrl only for URL calls, so the permission a function URL adds
 * (`Principal: "*"` on condition of that key) is no grant of this caller's.
 */
const DIRECT_CALL = { 'lambda:invokedviafunctionurl': null };

/**
 * Principal ARN -> the functions it may invoke (allowed, or allowed under conditions), sorted,
 * for the principals in `holders` only: those that may get an identity card (cardHolders below),
 * the only reader. At size M, 12,700 decisions were asked for 11,300 grants of which no card
 * showed one (every holder of them was a role nothing outside the organization assumes).
 * Admins are left out: their card already unlocks every class through the admin edge, and
 * asking about each of their functions would cost admins × functions evaluations.
 */
export function toolGrants(facts: Facts, admins: ReadonlySet<string>, holders: ReadonlySet<string>): Map<string, string[]> {
  const candidatesFor = accessCandidates(facts);
  const possible = grantPossible(facts);
  const out = new Map<string, string[]>();
  // Functions of an account share their candidate sets (access-candidates.ts), mostly its admins: filtered once per set.
  const filtered = new WeakMap<ReadonlySet<Principal>, Principal[]>();
  const withoutAdmins = (candidates: ReadonlySet<Principal>): Principal[] => {
    let list = filtered.get(candidates);
    if (!list) filtered.set(candidates, (list = [...candidates].filter((p) => holders.has(p.arn) && !admins.has(p.arn))));
    return list;
  };
  // Accounts with a holder whose identity policies can name a Lambda action at all (a superset of
  // the grant index's principals for the action). A function whose policy names no AWS principal
  // has candidates from its own account's grants only: elsewhere, none that holds a card.
  const granting = new Set(facts.grants.principalsOfService('lambda').flatMap((p) => (holders.has(p.arn) && !admins.has(p.arn) ? [p.accountId] : [])));
  for (const fn of facts.resources) {
    if (fn.kind !== 'lambda-function') continue;
    if (!granting.has(fn.accountId) && !fn.policy?.statements.some(namesAwsPrincipals)) continue;
    for (const caller of withoutAdmins(candidatesFor(fn, [INVOKE], fn.arn))) {
      if (!possible(caller, INVOKE, fn.arn, fn.accountId, fn.policy)) continue;
      const result = decide({ caller, action: INVOKE, resource: fn.arn, resourceAccount: fn.accountId, ...(fn.policy ? { resourcePolicy: fn.policy } : {}), mode: 'optional', context: DIRECT_CALL });
      if (result.decision === 'denied') continue;
      const fns = out.get(caller.arn);
      if (fns) fns.push(fn.arn);
      else out.set(caller.arn, [fn.arn]);
    }
  }
  for (const [arn, fns] of out) out.set(arn, [...new Set(fns)].sort(compareStrings));
  return out;
}

/** What may hold an identity card, as the graph steps know it. */
export interface CardHolderSources {
  workloadRoles: ReadonlyArray<{ role: string }>;
  /** Every step's edges but the technique step's, whose can-assume hops all start at principals of the snapshot. */
  edges: Iterable<EdgeSet | undefined>;
}

/**
 * The principals that may get an identity card (src/analyze/identity-cards.ts cardHolders
 * takes roles workloads run as, roles an outsider's can-assume hop leads into, and users with
 * an active key): every workload role, every IAM user, and every target of a can-assume hop of
 * a step other than the techniques'. A superset: a card's tools are read for its holder alone.
 */
export function cardHolders(facts: Facts, sources: CardHolderSources): Set<string> {
  const holders = new Set(sources.workloadRoles.map((w) => w.role));
  for (const p of facts.principals) if (p.kind === 'user') holders.add(p.arn);
  for (const set of sources.edges) {
    if (!set) continue;
    for (const [, { to, attrs }] of set) if (attrs.kind === 'can-assume') holders.add(to);
  }
  return holders;
}
