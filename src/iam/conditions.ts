/**
 * Evaluating one Condition clause against the request context, three-valued: a key the
 * context does not know leaves the clause undecided instead of guessed. Policy values are
 * compiled once per clause; only values with policy variables are resolved per request.
 */
import { lookupContext } from './context.js';
import { parseDate } from './dates.js';
import { acceptsVariables, parseOperator, type NumericComparison, type OperatorSpec, type ParsedOperator } from './operators.js';
import { cidrContains, parseCidr, type Cidr } from './ip.js';
import { compileArnPattern, compileGlob, piecesToRegExp, type Matcher, type PatternPiece } from './pattern.js';
import { MAYBE, NO, YES, type Tri } from './tri.js';
import { parseTemplate, piecesText, resolveTemplate, unresolvedKeys, type TemplatePart } from './variables.js';
import type { AccessRequest, ConditionClause } from './types.js';

/** A clause ready to evaluate: its operator taken apart and its values compiled. */
export interface CompiledCondition extends ParsedOperator {
  clause: ConditionClause;
  /** Does one context value match any policy value? Undefined when values carry variables. */
  test: Matcher | undefined;
  /** Parsed values, present only when some value carries a policy variable. */
  templates: TemplatePart[][] | undefined;
}

function compare(op: NumericComparison, a: number, b: number): boolean {
  return op === 'eq' ? a === b : op === 'lt' ? a < b : op === 'le' ? a <= b : op === 'gt' ? a > b : a >= b;
}

/** Decoded bytes of a base64 value, as text for comparison; undefined when not base64. */
function decodeBase64(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(trimmed) || trimmed.length % 4 === 1) return undefined;
  return Buffer.from(trimmed, 'base64').toString('hex');
}

function anyOf(matchers: Matcher[]): Matcher {
  return matchers.length === 1 ? matchers[0]! : (value) => matchers.some((m) => m(value));
}

/** The positive test of an operator family against fixed policy values. */
function buildTest(spec: OperatorSpec, values: readonly string[]): Matcher {
  switch (spec.family) {
    case 'string': {
      const set = new Set(values);
      return (value) => set.has(value);
    }
    case 'string-ci':
    case 'bool': {
      const set = new Set(values.map((v) => v.toLowerCase()));
      return (value) => set.has(value.toLowerCase());
    }
    case 'like':
      return anyOf(values.map((v) => compileGlob(v, false)));
    case 'arn':
      return anyOf(values.map((v) => compileArnPattern(v)));
    case 'numeric': {
      const numbers = values.map(Number);
      const op = spec.compare ?? 'eq';
      return (value) => {
        const n = Number(value);
        return value.trim() !== '' && numbers.some((p) => compare(op, n, p));
      };
    }
    case 'date': {
      const dates = values.flatMap((v) => parseDate(v) ?? []);
      const op = spec.compare ?? 'eq';
      return (value) => {
        const d = parseDate(value);
        return d !== undefined && dates.some((p) => compare(op, d, p));
      };
    }
    case 'ip': {
      const blocks = values.map(parseCidr).filter((b): b is Cidr => b !== undefined);
      return (value) => blocks.some((block) => cidrContains(block, value));
    }
    case 'binary': {
      const set = new Set(values.flatMap((v) => decodeBase64(v) ?? []));
      return (value) => {
        const decoded = decodeBase64(value);
        return decoded !== undefined && set.has(decoded);
      };
    }
    default:
      return () => false;
  }
}

/** Compiles a clause once; `variables` false reads `${...}` as literal text (see CompiledStatement). */
export function compileCondition(clause: ConditionClause, variables = true): CompiledCondition {
  const parsed = parseOperator(clause.operator);
  const spec = parsed.spec;
  const parsedValues = variables && spec && acceptsVariables(spec.family) ? clause.values.map(parseTemplate) : [];
  const templates = parsedValues.some((t) => t !== undefined)
    ? clause.values.map((v, i) => parsedValues[i] ?? [{ text: v, glob: true }])
    : undefined;
  const test = spec && !templates ? buildTest(spec, clause.values) : undefined;
  // Fields written out, not `...parsed`: V8 gives an object literal that begins with a spread a
  // hidden class of its own, about 300 bytes per compiled clause (tens of thousands at size M).
  return { set: parsed.set, ifExists: parsed.ifExists, spec: parsed.spec, clause, test, templates };
}

const NOTHING: Matcher = () => false;

/**
 * Builds the test for values with policy variables; undefined when a variable is unknown. A
 * value whose variable has no value is null and matches nothing, so positive operators fail
 * on it and negated ones hold ("Policy variables with no value", IAM User Guide).
 */
function resolvedTest(spec: OperatorSpec, templates: TemplatePart[][], request: AccessRequest): Matcher | undefined {
  const resolved: PatternPiece[][] = [];
  for (const template of templates) {
    const pieces = resolveTemplate(template, request);
    if (pieces === undefined) return undefined;
    if (pieces !== null) resolved.push(pieces);
  }
  if (resolved.length === 0) return NOTHING;
  if (spec.family === 'like' || spec.family === 'arn') {
    const options = { caseInsensitive: false, arn: spec.family === 'arn' };
    const patterns = resolved.map((pieces) => piecesToRegExp(pieces, options));
    return (value) => patterns.some((re) => re.test(value));
  }
  return buildTest(spec, resolved.map(piecesText));
}

/** Evaluates a clause: yes, no, or maybe when the context cannot decide it. */
export function evaluateCondition(condition: CompiledCondition, request: AccessRequest): Tri {
  const { spec, set } = condition;
  if (!spec) return MAYBE;
  const values = lookupContext(request, condition.clause.key);
  if (values === undefined) return MAYBE;
  const absent = values === null || values.length === 0;
  if (spec.family === 'null') {
    const wanted = absent ? 'true' : 'false';
    return condition.clause.values.some((v) => v.toLowerCase() === wanted) ? YES : NO;
  }
  if (absent) {
    // AWS: IfExists is true without the key; ForAllValues holds over an empty set and
    // ForAnyValue does not; otherwise only negated operators match a missing key.
    if (condition.ifExists || set === 'all') return YES;
    if (set === 'any') return NO;
    return spec.negated ? YES : NO;
  }
  const test = condition.test ?? resolvedTest(spec, condition.templates!, request);
  if (!test) return MAYBE;
  const ok = (value: string) => test(value) !== spec.negated;
  // Without a set operator a negated operator must hold for every value: none may match.
  const every = set === 'all' || (set === 'single' && spec.negated);
  return (every ? values.every(ok) : values.some(ok)) ? YES : NO;
}

/** Lower-cased keys that left a clause undecided. */
export function openKeys(condition: CompiledCondition, request: AccessRequest): string[] {
  const keys: string[] = [];
  const key = condition.clause.key;
  if (lookupContext(request, key) === undefined) keys.push(key);
  for (const template of condition.templates ?? []) keys.push(...unresolvedKeys(template, request));
  return keys.length > 0 ? keys : [key];
}

/** Renders a clause as written: `IpAddress aws:SourceIp 10.0.0.0/8`. */
export function renderCondition(clause: ConditionClause): string {
  const values = clause.values.length === 1 ? clause.values[0]! : JSON.stringify(clause.values);
  return `${clause.operator} ${clause.keyAsWritten ?? clause.key} ${values}`;
}
