/**
 * Decisions on a role's own trust policy are one per role: the policy is the role's alone and
 * provenance names it. A conditional administrator's technique edge to its account's admin node
 * merges one grant per role it could take over, so its grants each had a template of their own
 * (450,000 of them at 7,000 principals). Two such decisions read the same apart from the trust
 * policy they name when everything an edge reads of them is equal, the trust's id aside: then
 * one template serves both, its trust records naming each grant's own role's trust policy
 * (RecordTemplate.policySuffix: the role's ARN and the suffix every trust id has).
 */
import type { EvaluationResult, ResidualCondition, StatementRef } from '../../iam/index.js';

/** Two statement references equal but for `a`'s naming policy `p` where `b`'s names `q`. */
function sameRef(a: StatementRef, b: StatementRef, p: string, q: string): boolean {
  if (a.index !== b.index || a.sid !== b.sid || a.hash !== b.hash || a.policy.kind !== b.policy.kind) return false;
  return a.policy.id === p ? b.policy.id === q : b.policy.id === a.policy.id && b.policy.id !== q;
}

function sameCondition(a: ResidualCondition | undefined, b: ResidualCondition | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  if ('atom' in a) return 'atom' in b && a.atom === b.atom;
  if ('not' in a) return 'not' in b && sameCondition(a.not, b.not);
  const listA = 'all' in a ? a.all : a.any;
  const listB = 'all' in a ? ('all' in b ? b.all : undefined) : 'any' in b ? b.any : undefined;
  if (!listB || listA.length !== listB.length) return false;
  for (let i = 0; i < listA.length; i++) if (!sameCondition(listA[i], listB[i])) return false;
  return true;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameChosen(a: EvaluationResult['chosen'], b: EvaluationResult['chosen']): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key]);
}

/**
 * True when `a` (asked with trust policy `p`) and `b` (asked with `q`) give an edge the same
 * attributes but for the trust policy's id: decision, granting statements in order, open keys
 * per statement, residual and chosen values (everything provenanceOf, residualClauses and the
 * edge's detail read).
 */
export function sameUpToTrust(a: EvaluationResult, b: EvaluationResult, p: string, q: string): boolean {
  if (a.decision !== b.decision || a.allowedBy.length !== b.allowedBy.length || a.residual.length !== b.residual.length) return false;
  for (let i = 0; i < a.allowedBy.length; i++) if (!sameRef(a.allowedBy[i]!, b.allowedBy[i]!, p, q)) return false;
  for (let i = 0; i < a.residual.length; i++) {
    const ra = a.residual[i]!;
    const rb = b.residual[i]!;
    if (ra.effect !== rb.effect || !sameRef(ra.statement, rb.statement, p, q) || !sameStrings(ra.keys, rb.keys) || !sameStrings(ra.clauses, rb.clauses)) return false;
  }
  return sameCondition(a.condition, b.condition) && sameChosen(a.chosen, b.chosen);
}
