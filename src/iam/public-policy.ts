/**
 * Whether a resource policy is "public" in Amazon S3's sense ("The meaning of 'public'", S3 User
 * Guide; PublicAccessBlockConfiguration, S3 API Reference), which decides where Block Public
 * Access `RestrictPublicBuckets` bites. S3 starts from "public" and clears an Allow statement
 * that names fixed principals, or that pins the caller with a fixed value of one of the keys
 * the guide lists, or limits it to a set of CIDRs with aws:SourceIp. Where a grant public in
 * this sense can be used from (the internet, or only inside a network) is exposure.ts.
 */
import { parseOperator } from './operators.js';
import { hasWildcard } from './pattern.js';
import { parseCidr } from './ip.js';
import type { CompiledPolicy, CompiledStatement, ConditionClause } from './types.js';

/** Keys whose fixed value makes a grant non-public (lower-cased). */
const PINNING_KEYS = new Set([
  'aws:sourcearn',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceowner',
  'aws:sourceaccount',
  'aws:userid',
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principalorgid',
  's3:x-amz-server-side-encryption-aws-kms-key-id',
  's3:dataaccesspointarn',
  's3:dataaccesspointaccount',
]);

/** Operators that pin a key to the listed values, when the values carry no wildcard. */
const FIXING_FAMILIES = new Set(['string', 'string-ci', 'like', 'arn']);

const cache = new WeakMap<CompiledPolicy, boolean>();

function pinsCaller(clause: ConditionClause): boolean {
  const { spec, set, ifExists } = parseOperator(clause.operator);
  // IfExists and ForAllValues hold when the key is absent, so they pin nothing.
  if (!spec || spec.negated || ifExists || set === 'all' || clause.values.length === 0) return false;
  if (clause.key === 'aws:sourceip') {
    return spec.family === 'ip' && clause.values.every((v) => (parseCidr(v)?.prefix ?? 0) > 0);
  }
  if (!PINNING_KEYS.has(clause.key) || !FIXING_FAMILIES.has(spec.family)) return false;
  return !clause.values.some((v) => hasWildcard(v) || v.includes('${'));
}

function namesEveryone(statement: CompiledStatement): boolean {
  const block = statement.principal;
  if (!block) return false;
  if (block.not) return true;
  const values = block.values;
  return values === '*' || values.AWS.some((v) => v === '*' || hasWildcard(v));
}

/** True when an Allow statement grants to everyone without a condition that pins the caller. */
export function isPublicStatement(statement: CompiledStatement): boolean {
  return statement.effect === 'Allow' && namesEveryone(statement) && !statement.conditions.some(pinsCaller);
}

/** True when any statement of the policy is public; computed once per compiled policy. */
export function isPublicPolicy(policy: CompiledPolicy): boolean {
  let answer = cache.get(policy);
  if (answer === undefined) {
    answer = policy.statements.some(isPublicStatement);
    cache.set(policy, answer);
  }
  return answer;
}
