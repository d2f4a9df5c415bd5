/**
 * The condition operators of the IAM User Guide ("IAM JSON policy elements: Condition
 * operators"), by lower-cased base name (without the `ForAnyValue:`/`ForAllValues:` prefix and
 * the `IfExists` suffix). Every family is evaluated; an operator name AWS does not define is
 * unknown and leaves its clause undecided rather than guessed.
 */

/** How an operator compares a context value with the policy values. */
export type OperatorFamily = 'string' | 'string-ci' | 'like' | 'arn' | 'bool' | 'numeric' | 'date' | 'ip' | 'binary' | 'null';

/** Numeric comparisons, context value on the left. */
export type NumericComparison = 'eq' | 'lt' | 'le' | 'gt' | 'ge';

/** What one base operator does. `negated` operators match when no policy value matches. */
export interface OperatorSpec {
  family: OperatorFamily;
  negated: boolean;
  compare?: NumericComparison;
}

const spec = (family: OperatorFamily, negated = false, compare?: NumericComparison): OperatorSpec =>
  compare ? { family, negated, compare } : { family, negated };

const OPERATORS = new Map<string, OperatorSpec>([
  ['stringequals', spec('string')],
  ['stringnotequals', spec('string', true)],
  ['stringequalsignorecase', spec('string-ci')],
  ['stringnotequalsignorecase', spec('string-ci', true)],
  ['stringlike', spec('like')],
  ['stringnotlike', spec('like', true)],
  ['arnequals', spec('arn')],
  ['arnlike', spec('arn')],
  ['arnnotequals', spec('arn', true)],
  ['arnnotlike', spec('arn', true)],
  ['bool', spec('bool')],
  ['null', spec('null')],
  ['numericequals', spec('numeric', false, 'eq')],
  ['numericnotequals', spec('numeric', true, 'eq')],
  ['numericlessthan', spec('numeric', false, 'lt')],
  ['numericlessthanequals', spec('numeric', false, 'le')],
  ['numericgreaterthan', spec('numeric', false, 'gt')],
  ['numericgreaterthanequals', spec('numeric', false, 'ge')],
  ['dateequals', spec('date', false, 'eq')],
  ['datenotequals', spec('date', true, 'eq')],
  ['datelessthan', spec('date', false, 'lt')],
  ['datelessthanequals', spec('date', false, 'le')],
  ['dategreaterthan', spec('date', false, 'gt')],
  ['dategreaterthanequals', spec('date', false, 'ge')],
  ['ipaddress', spec('ip')],
  ['notipaddress', spec('ip', true)],
  ['binaryequals', spec('binary')],
]);

/** How a set operator quantifies over a multi-valued context key. */
export type SetQuantifier = 'single' | 'any' | 'all';

/** An operator as written, taken apart. `spec` is undefined for operators we do not know. */
export interface ParsedOperator {
  set: SetQuantifier;
  ifExists: boolean;
  spec: OperatorSpec | undefined;
}

/** Takes `ForAnyValue:StringLikeIfExists` apart into quantifier, base operator and IfExists. */
export function parseOperator(operator: string): ParsedOperator {
  let name = operator.toLowerCase();
  let set: SetQuantifier = 'single';
  if (name.startsWith('foranyvalue:')) set = 'any';
  else if (name.startsWith('forallvalues:')) set = 'all';
  if (set !== 'single') name = name.slice(name.indexOf(':') + 1);
  const ifExists = name.endsWith('ifexists') && name !== 'ifexists';
  if (ifExists) name = name.slice(0, -'ifexists'.length);
  // `Null` takes no IfExists form; a prefixed unknown name stays unknown.
  const known = name.includes(':') ? undefined : OPERATORS.get(name);
  return { set, ifExists, spec: known?.family === 'null' && ifExists ? undefined : known };
}

/** True when the operator family accepts policy variables in its values. */
export function acceptsVariables(family: OperatorFamily): boolean {
  return family === 'string' || family === 'string-ci' || family === 'like' || family === 'arn';
}
