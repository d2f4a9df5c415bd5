/**
 * The values worth trying for a key the caller chooses. A condition clause can only tell values
 * apart by how they compare with its own policy values, so a few values per policy value stand
 * for all others: each string or ARN pattern filled in and met with the choice's own pattern,
 * each number and date and its neighbours, each IP block's boundaries; plus one fresh value that
 * no policy names. Values outside the choice (not like its pattern, not a public address) are
 * dropped. Exact for equality operators; for wildcard patterns it tries one witness per policy
 * value, which misses only values that must match one pattern and avoid another at once.
 */
import { parseDate } from './dates.js';
import { commonInstance } from './glob-meet.js';
import { parseCidr, type Cidr } from './ip.js';
import { addressRepresentatives } from './ip-ranges.js';
import { compileArnPattern, compileGlob } from './pattern.js';
import { piecesText, resolveTemplate } from './variables.js';
import type { CompiledCondition } from './conditions.js';
import type { AccessRequest, ContextChoice } from './types.js';

/** A value no policy is expected to name: the caller's pick outside every listed value. */
export const FRESH = 'blastpath-chosen';

/** A wildcard pattern with its wildcards filled in: empty (`a*` -> `a`) and with a fresh run. */
function instances(pattern: string): string[] {
  if (!pattern.includes('*') && !pattern.includes('?')) return [pattern];
  const fill = (star: string) => pattern.replaceAll('*', star).replaceAll('?', 'x');
  return [fill(''), fill(FRESH)];
}

/** The policy values of a clause as text, variables substituted where the context can. */
function policyValues(condition: CompiledCondition, request: AccessRequest): string[] {
  const values = condition.clause.values;
  if (!condition.templates) return values;
  return condition.templates.flatMap((template) => {
    const pieces = resolveTemplate(template, request);
    return pieces ? [piecesText(pieces)] : [];
  });
}

/**
 * Values that stand for every value, as far as one clause can tell them apart. `like` is the
 * choice's pattern: a policy pattern is also met with it, so a value both match is tried.
 */
function valuesFor(condition: CompiledCondition, request: AccessRequest, like: string): string[] {
  const family = condition.spec?.family;
  const values = policyValues(condition, request);
  switch (family) {
    case 'like':
    case 'arn':
      return values.flatMap((v) => {
        const meet = commonInstance(like, v);
        return meet === undefined ? instances(v) : [...instances(v), meet];
      });
    case 'bool':
      return ['true', 'false'];
    case 'numeric':
      return values.flatMap((v) => {
        const n = Number(v);
        return Number.isFinite(n) ? [String(n - 1), String(n), String(n + 1)] : [];
      });
    case 'date':
      return values.flatMap((v) => {
        const ms = parseDate(v);
        return ms === undefined ? [] : [ms - 1000, ms, ms + 1000].map((t) => new Date(t).toISOString());
      });
    case 'ip':
      return [];
    default:
      return values;
  }
}

function ipBlocks(conditions: readonly CompiledCondition[]): Cidr[] {
  return conditions.filter((c) => c.spec?.family === 'ip').flatMap((c) => c.clause.values.flatMap((v) => parseCidr(v) ?? []));
}

/**
 * Candidate values for `key` under `choice`, given every clause on that key that is still open:
 * in a stable order, without repeats. `null` (the key left out) only where the choice lists it.
 */
export function candidateValues(choice: ContextChoice, conditions: readonly CompiledCondition[], request: AccessRequest): Array<string | null> {
  if ('values' in choice) return [...new Set(choice.values)];
  if ('address' in choice) return addressRepresentatives(ipBlocks(conditions), true);
  // An ARN-shaped choice keeps its wildcards inside each ARN field, as ArnLike does: a function
  // ARN the attacker names is never `arn:aws:ec2:lambda:...`.
  const allowed = choice.like.startsWith('arn:') ? compileArnPattern(choice.like) : compileGlob(choice.like, false);
  const found = new Set<string>(instances(choice.like));
  for (const condition of conditions) for (const value of valuesFor(condition, request, choice.like)) found.add(value);
  for (const address of addressRepresentatives(ipBlocks(conditions), false)) found.add(address);
  return [...found].filter(allowed);
}

/** True when the key appears in a clause's policy values as a variable. */
export function mentionsVariable(condition: CompiledCondition, key: string): boolean {
  return (condition.templates ?? []).some((t) => t.some((part) => 'variable' in part && part.variable === key));
}
