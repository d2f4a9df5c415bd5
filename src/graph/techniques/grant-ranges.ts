/**
 * The grant-index prefilter by ARN range, not per pair (issue 20). A caller-dependent rule asks,
 * for each caller and candidate, whether the caller's identity grants may allow the rule's
 * target actions on the candidate (GrantIndex.mayAllow: the resource starts with one of the
 * caller's filed prefixes, or the caller has a grant on any resource). In a dense account that
 * is every caller × every user or role, two million pairs per rule, of which a few pass.
 *
 * The resources starting with a prefix are one contiguous range of an ARN-sorted list, so each
 * list (shared by the callers of an account) is sorted once, and a caller visits only the ranges
 * of its prefixes: the survivors are marked over the list's own order and read back in it, so the
 * pairs reach the rest of the step in the order they always did. Candidates with a policy of
 * their own pass whatever the caller's grants (as before). `reference: true` asks per pair.
 */
import type { Principal } from '../facts/index.js';
import type { Candidate } from './model.js';
import type { TechniqueRun } from './relation.js';

/** One candidate list in ARN order, with marks over its own order. */
interface SortedList {
  /** List positions sorted by their target ARN (code-unit order, where a prefix's resources are contiguous). */
  order: Int32Array;
  /** The target ARNs in that order. */
  arns: string[];
  /** Positions (ascending) of candidates whose own policy could grant what identity does not. */
  policied: number[];
  /** Per position: the last mark stamped on it; stamps grow per caller and action. */
  marks: Int32Array;
  stamp: number;
}

/** A target whose own policy could grant what identity does not (requirements.ts asks it too). */
export function hasTargetPolicy(candidate: Candidate): boolean {
  return candidate.target.policy !== undefined || candidate.target.resource?.policy !== undefined;
}

function sortedList(run: TechniqueRun, list: readonly Candidate[]): SortedList {
  const known = run.cached('grant-ranges', () => new WeakMap<readonly Candidate[], SortedList>());
  let sorted = known.get(list);
  if (sorted) return sorted;
  const positions = list.map((_, i) => i);
  positions.sort((a, b) => {
    const x = list[a]!.target.arn;
    const y = list[b]!.target.arn;
    return x < y ? -1 : x > y ? 1 : a - b;
  });
  const policied: number[] = [];
  for (let i = 0; i < list.length; i++) if (hasTargetPolicy(list[i]!)) policied.push(i);
  sorted = { order: Int32Array.from(positions), arns: positions.map((i) => list[i]!.target.arn), policied, marks: new Int32Array(list.length), stamp: 0 };
  known.set(list, sorted);
  return sorted;
}

/** The first index of `arns` whose ARN is not below `prefix` (where the prefix's range starts). */
function lowerBound(arns: readonly string[], prefix: string): number {
  let low = 0;
  let high = arns.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (arns[middle]! < prefix) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The positions of `list` (ascending) whose target the grant index lets through for every
 * action (lower-cased), or whose own policy may grant; undefined when every candidate passes
 * (no action, or grants on any resource for each). Equal to filtering the list with
 * `hasTargetPolicy(c) || every action mayAllow(caller, action, c.target.arn)`.
 */
export function possiblePositions(run: TechniqueRun, caller: Principal, actions: readonly string[], list: readonly Candidate[]): number[] | undefined {
  if (run.reference) return byPair(run, caller, actions, list);
  const grants = run.facts.grants;
  let restricting = 0;
  for (const action of actions) if (grants.prefixesOf(caller, action) !== 'any') restricting++;
  if (restricting === 0) return undefined;
  const sorted = sortedList(run, list);
  const { order, arns, marks } = sorted;
  // Each restricting action marks, among the previous action's survivors, those its prefixes
  // select; the last one's marks are the survivors, also listed as they are marked.
  let previous = -1;
  let taken: number[] = [];
  for (const action of actions) {
    const prefixes = grants.prefixesOf(caller, action);
    if (prefixes === 'any') continue;
    const stamp = ++sorted.stamp;
    taken = [];
    for (const prefix of prefixes) {
      for (let k = lowerBound(arns, prefix); k < arns.length && arns[k]!.startsWith(prefix); k++) {
        const position = order[k]!;
        if (marks[position] !== stamp && (previous < 0 || marks[position] === previous)) {
          marks[position] = stamp;
          taken.push(position);
        }
      }
    }
    previous = stamp;
  }
  for (const position of sorted.policied) {
    if (marks[position] === previous) continue;
    marks[position] = previous;
    taken.push(position);
  }
  // Back in the list's order: a walk of the marks when most are taken, else a sort of the few.
  if (taken.length * 8 < marks.length) return taken.sort((a, b) => a - b);
  const found: number[] = [];
  for (let i = 0; i < marks.length; i++) if (marks[i] === previous) found.push(i);
  return found;
}

/** The reference path's prefilter: every pair asked of the grant index. */
function byPair(run: TechniqueRun, caller: Principal, actions: readonly string[], list: readonly Candidate[]): number[] {
  const found: number[] = [];
  for (let i = 0; i < list.length; i++) {
    const candidate = list[i]!;
    if (hasTargetPolicy(candidate) || actions.every((action) => run.facts.grants.mayAllow(caller, action, candidate.target.arn))) found.push(i);
  }
  return found;
}
