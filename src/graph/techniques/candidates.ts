/**
 * What relations share when they list candidates: principals of the caller's account, where a
 * hop onto a principal points for the rule's gain, and the filtering and ordering of candidate
 * lists by the rule's preconditions. Lists that do not depend on the caller are computed once
 * per build.
 */
import { sortByKey } from '../../core/hash.js';
import { allowsEveryAction } from '../../iam/index.js';
import type { TechniqueRule } from '../../rules/index.js';
import type { Principal, Workload, WorkloadKind } from '../facts/index.js';
import { groupBy } from '../../core/collections.js';
import { nodeIds } from '../schema.js';
import type { Candidate } from './model.js';
import { meetsAll } from './preconditions.js';
import type { TechniqueRun } from './relation.js';
import { rolesTrusting } from './service-trust.js';

/**
 * True when a permissions boundary caps what the principal could write into its own policies:
 * it would gain the boundary's permissions, not the account (IAM evaluates the boundary on every
 * request; docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html).
 */
export function cappedByBoundary(run: TechniqueRun, principal: Principal): boolean {
  const boundary = principal.boundary;
  return boundary !== undefined && !run.cached(`allows-everything|${boundary.source.id}`, () => allowsEveryAction([boundary]));
}

/** Where a hop onto `principal` points for the rule's gain; undefined when there is nothing to point to. */
export function gainNode(run: TechniqueRun, rule: TechniqueRule, principal: Principal): string | undefined {
  if (rule.gain === 'admin') return cappedByBoundary(run, principal) ? principal.arn : nodeIds.admin(principal.accountId);
  if (rule.gain === 'model-invocation') return run.modelAccounts.has(principal.accountId) ? nodeIds.foundationModels(principal.accountId) : undefined;
  return principal.arn;
}

/**
 * Users or roles of the caller's account (trusting `service` when given), the caller included:
 * a technique never draws an edge to the caller itself, so the list is shared by every caller of the account.
 */
export function accountPrincipals(run: TechniqueRun, caller: Principal, kind: 'user' | 'role', service?: string): Principal[] {
  return run.cached(`principals|${caller.accountId}|${kind}|${service ?? ''}`, () => {
    // Filter the account's principals of the kind, themselves listed once per account.
    const ofKind = run.cached(`kind|${caller.accountId}|${kind}`, () => run.facts.principalsByAccount.get(caller.accountId)?.filter((p) => p.kind === kind) ?? []);
    return service ? rolesTrusting(run, ofKind, service) : ofKind;
  });
}

/** IAM refuses to change service-linked roles (UnmodifiableEntity), so no technique rewrites them. */
const SERVICE_LINKED = ':role/aws-service-role/';

/** The users or roles of the caller's account a rule may gain, each pointing where the rule's gain says. */
export function principalCandidates(run: TechniqueRun, rule: TechniqueRule, caller: Principal, kind: 'user' | 'role'): Candidate[] {
  // Shared by every caller of the account (a rewritten trust is built per caller when decided).
  return run.cached(`candidates|${rule.id}|${caller.accountId}`, () =>
    accountPrincipals(run, caller, kind)
      .filter((p) => !p.arn.includes(SERVICE_LINKED))
      .flatMap((p) => {
        const node = gainNode(run, rule, p);
        return node ? [{ node, target: { arn: p.arn, accountId: p.accountId, principal: p } }] : [];
      }),
  );
}

/** Workloads of a kind in one account, in ARN order. */
export function accountWorkloads(run: TechniqueRun, kind: WorkloadKind, accountId: string): Workload[] {
  return run.cached(`workloads|${kind}`, () => groupBy(run.facts.workloads.get(kind) ?? [], (w) => w.accountId)).get(accountId) ?? [];
}

/** Candidates in content order: the first proof of a node stands for the others. */
function candidateKey(c: Candidate): string {
  return [c.node, c.target.arn, c.target.artifact?.arn ?? '', c.target.detail ? JSON.stringify(c.target.detail) : ''].join('\u0000');
}

/**
 * Candidates of a caller-independent rule that meet the rule's preconditions, in content order,
 * once per rule and build. A list a relation shares between rules (every function of the
 * organization, for each Lambda rule) is sorted once: filtering a sorted list keeps its order,
 * and the sort is stable, so this equals sorting the rule's filtered list. Where every candidate
 * meets the preconditions, the rule gets the sorted list itself (ownNodes is then shared too).
 */
export function candidatesOf(run: TechniqueRun, rule: TechniqueRule, list: (run: TechniqueRun, rule: TechniqueRule) => Candidate[]): Candidate[] {
  return run.cached(`met|${rule.id}`, () => {
    const sorted = sortedOf(run, list(run, rule));
    if (!rule.preconditions.length) return sorted;
    const met = sorted.filter((c) => meetsAll(run, rule.preconditions, c));
    return met.length === sorted.length ? sorted : met;
  });
}

/** A candidate list in content order, sorted once per list object. */
function sortedOf(run: TechniqueRun, list: Candidate[]): Candidate[] {
  const known = run.cached('sorted-candidates', () => new WeakMap<Candidate[], Candidate[]>());
  let sorted = known.get(list);
  if (!sorted) known.set(list, (sorted = sortByKey(list, candidateKey)));
  return sorted;
}

/**
 * The candidates of a caller-dependent rule's list (for one caller) that meet the rule's
 * preconditions, which read the candidate and the facts alone: filtered once per rule and list
 * (lists are shared by the callers of an account), not once per caller.
 */
export function metBy(run: TechniqueRun, rule: TechniqueRule, all: Candidate[]): Candidate[] {
  if (!rule.preconditions.length) return all;
  const byList = run.ofRule(rule, 'met-by-list', () => new WeakMap<Candidate[], Candidate[]>());
  let met = byList.get(all);
  if (!met) byList.set(all, (met = all.filter((c) => meetsAll(run, rule.preconditions, c))));
  return met;
}

/**
 * True when blocks may hold every edge a caller draws from this list: no candidate carries
 * evidence of its own, and a candidate pointing to its own target shares its node with no other
 * candidate, so its edge key is its own (the others' nodes, such as the account's admin node,
 * gather merged edges). Once per list: lists are shared by the callers of an account, and a
 * list does not change once made.
 */
export function blockShaped(run: TechniqueRun, list: Candidate[]): boolean {
  let known = run.blockShaped.get(list);
  if (known === undefined) run.blockShaped.set(list, (known = shapedForBlocks(list)));
  return known;
}

function shapedForBlocks(list: Candidate[]): boolean {
  const own = new Set<string>();
  const shared = new Set<string>();
  for (const { node, target } of list) {
    if (target.evidence?.length || own.has(node)) return false;
    if (node !== target.arn) shared.add(node);
    else if (shared.has(node)) return false;
    else own.add(node);
  }
  return true;
}

/**
 * The candidates of a caller-independent list pointing to their own target, a node no other
 * candidate of the list points to: a caller's edge to one of them has a key of its own (edge
 * blocks rely on it). Once per list object: rules given one sorted list share the answer.
 */
export function ownNodes(run: TechniqueRun, list: readonly Candidate[]): ReadonlySet<Candidate> {
  const known = run.cached('own-nodes', () => new WeakMap<readonly Candidate[], ReadonlySet<Candidate>>());
  let own = known.get(list);
  if (!own) known.set(list, (own = ownNodesOf(list)));
  return own;
}

function ownNodesOf(list: readonly Candidate[]): Set<Candidate> {
  const count = new Map<string, number>();
  for (const { node } of list) count.set(node, (count.get(node) ?? 0) + 1);
  return new Set(list.filter((c) => c.node === c.target.arn && count.get(c.node) === 1));
}
