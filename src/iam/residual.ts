/**
 * The residual of a conditional decision as one boolean expression, simplified: nested
 * and/or flattened, duplicates dropped, negations pushed down to clauses and turned into the
 * complementary operator where AWS defines one exactly (`not IpAddress` is `NotIpAddress`),
 * `x and not x` is false, `x or not x` is true, and `x and (x or y)` is `x`. Children are
 * sorted by their rendering, so the result does not depend on statement order.
 */
import { compareStrings } from '../core/hash.js';
import type { ResidualCondition } from './types.js';

/** An expression during simplification: like a residual condition, with constants allowed anywhere. */
export type Expr = boolean | { atom: string } | { not: Expr } | { all: Expr[] } | { any: Expr[] };

/** Operators whose negation is exactly another operator, for single-valued, non-IfExists clauses. */
const COMPLEMENTS: ReadonlyArray<[string, string]> = [
  ['StringEquals', 'StringNotEquals'],
  ['StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase'],
  ['StringLike', 'StringNotLike'],
  ['ArnEquals', 'ArnNotEquals'],
  ['ArnLike', 'ArnNotLike'],
  ['NumericEquals', 'NumericNotEquals'],
  ['DateEquals', 'DateNotEquals'],
  ['IpAddress', 'NotIpAddress'],
];
const COMPLEMENT = new Map(COMPLEMENTS.flatMap(([a, b]) => [[a.toLowerCase(), b], [b.toLowerCase(), a]]));

/** The clause that holds exactly when `atom` does not, when there is one. */
export function complementOf(atom: string): string | undefined {
  const space = atom.indexOf(' ');
  if (space < 0) return undefined;
  const operator = atom.slice(0, space);
  const rest = atom.slice(space + 1);
  const swapped = COMPLEMENT.get(operator.toLowerCase());
  if (swapped) return `${swapped} ${rest}`;
  // A negated operator's IfExists form fails only when the key is present and matches: the
  // positive operator (false on an absent key) is its exact negation. Not the other way round.
  const base = operator.toLowerCase().endsWith('ifexists') ? operator.slice(0, -'IfExists'.length) : undefined;
  const positive = base && /not/i.test(base) ? COMPLEMENT.get(base.toLowerCase()) : undefined;
  if (positive) return `${positive} ${rest}`;
  // Null true/false are exact opposites; so are Bool v and BoolIfExists !v for one value.
  const value = /^(\S+) (true|false)$/i.exec(rest);
  if (!value) return undefined;
  const flipped = value[2]!.toLowerCase() === 'true' ? 'false' : 'true';
  if (operator.toLowerCase() === 'null') return `Null ${value[1]} ${flipped}`;
  if (operator.toLowerCase() === 'bool') return `BoolIfExists ${value[1]} ${flipped}`;
  if (operator.toLowerCase() === 'boolifexists') return `Bool ${value[1]} ${flipped}`;
  return undefined;
}

/** Renders one expression: `a or (b and c)`, `not (d)`. */
export function renderExpr(expr: Expr): string {
  if (expr === true) return 'true';
  if (expr === false) return 'false';
  if ('atom' in expr) return expr.atom;
  if ('not' in expr) return `not (${renderExpr(expr.not)})`;
  const [children, joiner] = 'all' in expr ? [expr.all, ' and '] : [expr.any, ' or '];
  return children.map((c) => (typeof c === 'object' && ('all' in c || 'any' in c) ? `(${renderExpr(c)})` : renderExpr(c))).join(joiner);
}

function negate(expr: Expr): Expr {
  if (typeof expr === 'boolean') return !expr;
  if ('not' in expr) return expr.not;
  if ('atom' in expr) {
    const complement = complementOf(expr.atom);
    return complement ? { atom: complement } : { not: expr };
  }
  // De Morgan, so that complementary clauses meet and cancel.
  return 'all' in expr ? { any: expr.all.map(negate) } : { all: expr.any.map(negate) };
}

const keys = new WeakMap<object, string>();

/** The rendering of an expression, remembered per node: simplification compares it often. */
function key(expr: Expr): string {
  if (typeof expr === 'boolean') return String(expr);
  if ('atom' in expr) return expr.atom;
  let text = keys.get(expr);
  if (text === undefined) keys.set(expr, (text = renderExpr(expr)));
  return text;
}

/** The key of a clause's exact negation (its complement, or `not (clause)`); children are simplified, so clauses suffice. */
function complementKey(expr: Expr): string | undefined {
  if (typeof expr === 'boolean') return undefined;
  if ('atom' in expr) return complementOf(expr.atom) ?? `not (${expr.atom})`;
  if ('not' in expr && typeof expr.not === 'object' && 'atom' in expr.not) return expr.not.atom;
  return undefined;
}

function combine(kind: 'all' | 'any', parts: readonly Expr[]): Expr {
  const unit = kind === 'all'; // `true` is neutral for and, `false` for or
  const flat = new Map<string, Expr>();
  const pending = [...parts];
  while (pending.length > 0) {
    const s = simplify(pending.pop()!);
    if (s === unit) continue;
    if (typeof s === 'boolean') return s; // the absorbing constant decides the whole combination
    if (kind in s) pending.push(...(s as Record<string, Expr[]>)[kind]!);
    else flat.set(key(s), s);
  }
  for (const expr of flat.values()) {
    const opposite = complementKey(expr);
    if (opposite !== undefined && flat.has(opposite)) return !unit;
  }
  // Absorption: x and (x or y) = x; x or (x and y) = x.
  const other = unit ? 'any' : 'all';
  for (const [k, expr] of [...flat.entries()]) {
    if (typeof expr === 'object' && other in expr) {
      const inner = (expr as Record<string, Expr[]>)[other]!;
      if (inner.some((e) => flat.has(key(e)))) flat.delete(k);
    }
  }
  const children = [...flat.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, e]) => e);
  if (children.length === 0) return unit;
  if (children.length === 1) return children[0]!;
  return kind === 'all' ? { all: children } : { any: children };
}

/**
 * Simplifies an expression (see the module comment); the result is canonical for equal inputs
 * and holds constants only at the top: either a boolean or a ResidualCondition.
 */
export function simplify(expr: Expr): Expr {
  if (typeof expr === 'boolean' || 'atom' in expr) return expr;
  if ('all' in expr && expr.all.every(isAtom)) return clauses('all', expr.all as Array<{ atom: string }>);
  if ('any' in expr && expr.any.every(isAtom)) return clauses('any', expr.any as Array<{ atom: string }>);
  if ('not' in expr) {
    const inner = simplify(expr.not);
    const negated = negate(inner);
    return typeof negated === 'object' && ('all' in negated || 'any' in negated) ? simplify(negated) : negated;
  }
  return 'all' in expr ? combine('all', expr.all) : combine('any', expr.any);
}

const isAtom = (e: Expr): boolean => typeof e === 'object' && 'atom' in e;

/**
 * The common cases, clauses only (one statement's clauses, or one clause per alternative):
 * sort, drop repeats; a clause with its complement makes `all` false and `any` true.
 */
function clauses(kind: 'all' | 'any', atoms: Array<{ atom: string }>): Expr {
  const texts = [...new Set(atoms.map((a) => a.atom))].sort(compareStrings);
  const present = new Set(texts);
  if (texts.some((t) => present.has(complementOf(t) ?? ''))) return kind === 'any';
  if (texts.length === 1) return { atom: texts[0]! };
  const children = texts.map((atom) => ({ atom }));
  return kind === 'all' ? { all: children } : { any: children };
}

/** The conjuncts of a residual, rendered: what a report lists as "holds only if these can be met". */
export function renderResidual(condition: ResidualCondition | undefined): string[] {
  if (!condition) return [];
  const parts: Expr[] = 'all' in condition ? condition.all : [condition];
  return parts.map(renderExpr).sort(compareStrings);
}
