/**
 * Evaluation: scan the statements that apply, combine them along AWS's grant paths
 * (paths.ts), and explain the outcome. Any applicable explicit Deny wins; undecided statements
 * make the result conditional, with the open conditions as one simplified expression, never
 * guessed. An expression that simplifies to true or false settles the decision after all. Keys
 * the caller picks (`choices`) are decided by choices.ts over a first, open evaluation.
 */
import { compareStrings } from '../core/hash.js';
import { serviceOf } from './compile.js';
import { decideChoices } from './choices.js';
import { best, denyReason, grantPaths, pathValue, type Path } from './paths.js';
import { simplify, type Expr } from './residual.js';
import { scan, type Hits, type Scan } from './scan.js';
import { openParts } from './statement.js';
import { MAYBE, NO, YES, type Tri } from './tri.js';
import type { AccessRequest, CompiledStatement, EvaluateOptions, EvaluationResult, PolicySet, Residual, ResidualCondition, StatementRef } from './types.js';

function byPosition(a: CompiledStatement, b: CompiledStatement): number {
  return compareStrings(a.ref.policy.id, b.ref.policy.id) || a.ref.index - b.ref.index;
}

function sortedRefs(statements: CompiledStatement[]): StatementRef[] {
  if (statements.length > 1) statements.sort(byPosition);
  return statements.map((st) => st.ref);
}

function addUnique(target: CompiledStatement[], statements: CompiledStatement[] | undefined): void {
  for (const st of statements ?? []) if (!target.includes(st)) target.push(st);
}

type Open = (statement: CompiledStatement) => { keys: string[]; clauses: string[] };

/** What must hold for one statement to apply: its open clauses, all of them. */
function statementExpr(statement: CompiledStatement, open: Open): Expr {
  const clauses = open(statement).clauses;
  return clauses.length === 1 ? { atom: clauses[0]! } : { all: clauses.map((atom) => ({ atom })) };
}

/** Either of several alternatives; one alone stands for itself. */
function anyOf(alternatives: Expr[]): Expr {
  return alternatives.length === 1 ? alternatives[0]! : { any: alternatives };
}

/** What must hold for one path: every undecided part, each any of its undecided statements. */
function pathExpr(path: Path, open: Open): Expr {
  const parts = path.filter((part) => part.tri !== YES).map((part) => anyOf((part.maybe ?? []).map((st) => statementExpr(st, open))));
  return parts.length === 1 ? parts[0]! : { all: parts };
}

/** The whole residual: some open path holds, and no undecided Deny applies. */
function residualExpr(paths: Path[], allow: Tri, denies: CompiledStatement[], open: Open): Expr {
  const allowExpr: Expr = allow === YES ? true : anyOf(paths.filter((p) => pathValue(p) === MAYBE).map((p) => pathExpr(p, open)));
  if (denies.length === 0) return simplify(allowExpr);
  return simplify({ all: [allowExpr, ...denies.map((st) => ({ not: statementExpr(st, open) }))] });
}

function denied(s: Scan, request: AccessRequest, policies: PolicySet, paths: Path[]): EvaluationResult {
  return { decision: 'denied', allowedBy: [], deniedBy: [], residual: [], denyReason: denyReason(request, policies, s, paths) };
}

/**
 * The undecided statements behind the last conditional result evaluateOnce returned: what the
 * caller's choices range over. Read right after the call (evaluation is synchronous), so no map
 * from results to statements is kept for the many conditional decisions choices never touch.
 */
let lastOpen: CompiledStatement[] = [];

/** True when a residual names a key the caller chooses. */
function touchesChoice(result: EvaluationResult, choices: NonNullable<AccessRequest['choices']>): boolean {
  for (const residual of result.residual) for (const key of residual.keys) if (Object.hasOwn(choices, key)) return true;
  return false;
}

/**
 * Evaluates one request against the policies that apply, following AWS's documented logic,
 * with the caller's best pick for every key in `request.choices` (choices.ts).
 * With `explain: false` a denial may come without its exact reason (see EvaluateOptions).
 */
export function evaluate(request: AccessRequest, policies: PolicySet, options: EvaluateOptions = {}): EvaluationResult {
  const result = evaluateOnce(request, policies, options);
  const choices = request.choices;
  if (result.decision !== 'conditional' || choices === undefined || !touchesChoice(result, choices)) return result;
  return decideChoices(request, result, lastOpen, (bound) => evaluateOnce(bound, policies, options));
}

/** One evaluation, chosen keys left open. */
function evaluateOnce(request: AccessRequest, policies: PolicySet, options: EvaluateOptions): EvaluationResult {
  const action = request.action.toLowerCase();
  const s = scan(request, policies, action, serviceOf(action), options.explain ?? true);
  if (s.denies.yes) {
    return { decision: 'denied', allowedBy: [], deniedBy: sortedRefs(s.denies.yes), residual: [], denyReason: 'explicit-deny' };
  }
  const paths = grantPaths(request, policies, s);
  const allow = best(paths);
  if (allow === NO) return denied(s, request, policies, paths);
  const granted: CompiledStatement[] = [];
  const open: CompiledStatement[] = [...(s.denies.maybe ?? [])];
  for (const path of paths) {
    if (pathValue(path) !== allow) continue;
    for (const part of path) {
      const statements = part.tri === YES ? part.yes : part.maybe;
      // Limits grant nothing, so they are never cited as allowing; their open conditions count.
      if (!part.limit) addUnique(granted, statements);
      if (part.tri === MAYBE) addUnique(open, statements);
    }
  }
  const allowedBy = sortedRefs(granted);
  if (open.length === 0) return { decision: 'allowed', allowedBy, deniedBy: [], residual: [] };
  const parts = new Map<CompiledStatement, { keys: string[]; clauses: string[] }>();
  const openOf: Open = (st) => {
    let found = parts.get(st);
    if (!found) parts.set(st, (found = openParts(st, request)));
    return found;
  };
  const condition = residualExpr(paths, allow, s.denies.maybe ?? [], openOf);
  if (condition === true) return { decision: 'allowed', allowedBy, deniedBy: [], residual: [] };
  if (condition === false) {
    const deniedBy = sortedRefs([...(s.denies.maybe ?? [])]);
    return { decision: 'denied', allowedBy: [], deniedBy, residual: [], denyReason: deniedBy.length ? 'explicit-deny' : 'no-allow' };
  }
  if (open.length > 1) open.sort(byPosition);
  const residual: Residual[] = open.map((st) => ({ statement: st.ref, effect: st.effect, ...openOf(st) }));
  // Simplified and not constant: a ResidualCondition (constants only ever appear at the top).
  lastOpen = open;
  return { decision: 'conditional', allowedBy, deniedBy: [], residual, condition: condition as ResidualCondition };
}
