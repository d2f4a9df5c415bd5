/**
 * Keys the caller chooses (`AccessRequest.choices`): the request is as good as the caller's best
 * pick. A first evaluation leaves the chosen keys open; when its residual names one, each
 * distinct pick is evaluated with the key bound, and the results combine: allowed if some pick
 * is allowed (with the pick in `chosen`), else conditional on any pick's residual, else denied.
 * Picks are the candidate values of candidates.ts, grouped by how every open clause on the key
 * answers them, so a list of fifty admin policy ARNs costs as many evaluations as it has
 * distinct answers.
 */
import { compareStrings } from '../core/hash.js';
import { candidateValues, mentionsVariable } from './candidates.js';
import { evaluateCondition, type CompiledCondition } from './conditions.js';
import { lookupContext } from './context.js';
import { regionIsChosen } from './derived.js';
import { simplify } from './residual.js';
import { compiledConditions } from './statement.js';
import type { AccessRequest, CompiledStatement, EvaluationResult, Residual, ResidualCondition, StatementRef } from './types.js';

/** Above this many combinations of picks the first, open result stands. */
const MAX_COMBINATIONS = 256;

type Pick = string | null;

/** True when the caller picks the key: nothing else decides it. */
function choosable(request: AccessRequest, key: string): boolean {
  if (lookupContext(request, key) !== undefined) return false;
  return key !== 'aws:requestedregion' || regionIsChosen(request);
}

function bind(request: AccessRequest, keys: readonly string[], picks: readonly Pick[]): AccessRequest {
  const context: Record<string, string[] | null> = { ...request.context };
  keys.forEach((key, i) => (context[key] = picks[i] === null ? null : [picks[i]!]));
  const { choices: _ignored, ...rest } = request;
  return { ...rest, context };
}

/** One pick per distinct way the clauses answer: picks the clauses cannot tell apart decide alike. */
function distinctPicks(picks: readonly Pick[], key: string, conditions: readonly CompiledCondition[], request: AccessRequest): Pick[] {
  const seen = new Set<string>();
  const out: Pick[] = [];
  for (const pick of picks) {
    const bound = bind(request, [key], [pick]);
    const signature = conditions.map((c) => evaluateCondition(c, bound)).join('');
    if (seen.has(signature)) continue;
    seen.add(signature);
    out.push(pick);
  }
  return out;
}

function combinations(lists: readonly Pick[][]): Pick[][] | undefined {
  let out: Pick[][] = [[]];
  for (const list of lists) {
    out = out.flatMap((prefix) => list.map((pick) => [...prefix, pick]));
    if (out.length > MAX_COMBINATIONS) return undefined;
  }
  return out;
}

const byPosition = (a: StatementRef, b: StatementRef) => compareStrings(a.policy.id, b.policy.id) || a.index - b.index;

function unionRefs(lists: ReadonlyArray<readonly StatementRef[]>): StatementRef[] {
  const seen = new Map<string, StatementRef>();
  for (const list of lists) for (const ref of list) seen.set(`${ref.policy.kind}|${ref.policy.id}|${ref.index}`, ref);
  return [...seen.values()].sort(byPosition);
}

function unionResidual(results: readonly EvaluationResult[]): Residual[] {
  const merged = new Map<string, Residual>();
  for (const r of results.flatMap((result) => result.residual)) {
    const id = `${r.statement.policy.kind}|${r.statement.policy.id}|${r.statement.index}`;
    const found = merged.get(id);
    if (!found) merged.set(id, r);
    else {
      const keys = [...new Set([...found.keys, ...r.keys])].sort(compareStrings);
      const clauses = [...new Set([...found.clauses, ...r.clauses])].sort(compareStrings);
      merged.set(id, { ...found, keys, clauses });
    }
  }
  return [...merged.values()].sort((a, b) => byPosition(a.statement, b.statement));
}

/** The best over the picks' results (see the module comment). */
function combine(results: readonly EvaluationResult[], keys: readonly string[], picks: readonly Pick[][]): EvaluationResult {
  const allowed = results.findIndex((r) => r.decision === 'allowed');
  if (allowed >= 0) return { ...results[allowed]!, chosen: Object.fromEntries(keys.map((key, i) => [key, picks[allowed]![i] ?? null])) };
  const open = results.filter((r) => r.decision === 'conditional');
  if (open.length === 0) return results[0] ?? { decision: 'denied', allowedBy: [], deniedBy: [], residual: [], denyReason: 'no-allow' };
  const allowedBy = unionRefs(open.map((r) => r.allowedBy));
  const condition = simplify({ any: open.map((r) => r.condition!) });
  if (condition === true) return { decision: 'allowed', allowedBy, deniedBy: [], residual: [] };
  // Each pick's residual is satisfiable on its own, so their disjunction never simplifies to false.
  return { decision: 'conditional', allowedBy, deniedBy: [], residual: unionResidual(open), condition: condition as ResidualCondition };
}

/**
 * Decides a request over the caller's choices, given its first evaluation (conditional, with
 * `open` the statements behind the residual) and a way to evaluate a request once.
 */
export function decideChoices(request: AccessRequest, first: EvaluationResult, open: readonly CompiledStatement[], once: (request: AccessRequest) => EvaluationResult): EvaluationResult {
  const choices = request.choices!;
  const residualKeys = new Set(first.residual.flatMap((r) => r.keys));
  const keys = Object.keys(choices).filter((key) => residualKeys.has(key) && choosable(request, key)).sort(compareStrings);
  if (keys.length === 0) return first;
  const lists = keys.map((key) => {
    const conditions = open.flatMap((st) => compiledConditions(st).filter((c) => c.clause.key === key || mentionsVariable(c, key)));
    return distinctPicks(candidateValues(choices[key]!, conditions, request), key, conditions, request);
  });
  const picks = combinations(lists);
  if (!picks) return first;
  return combine(picks.map((combo) => once(bind(request, keys, combo))), keys, picks);
}
