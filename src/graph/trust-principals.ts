/**
 * Reading the AWS principals a trust or resource policy names: `*`, account ids, account
 * roots, user and role ARNs (with wildcards). Used to pick candidate callers by index
 * instead of testing every principal against every policy.
 */
import { coversAction, type CompiledPolicy, type CompiledStatement } from '../iam/index.js';

/** One AWS principal value, classified. */
export type NamedPrincipal =
  | { type: 'anyone' }
  | { type: 'account'; accountId: string }
  | { type: 'arn'; accountId: string; pattern: string };

/** Classifies a `Principal.AWS` value. */
export function classifyAwsPrincipal(value: string): NamedPrincipal | undefined {
  if (value === '*') return { type: 'anyone' };
  if (/^\d{12}$/.test(value)) return { type: 'account', accountId: value };
  const match = /^arn:[^:]+:(?:iam|sts)::(\d{12}):(.+)$/.exec(value);
  if (!match) return undefined;
  if (match[2] === 'root') return { type: 'account', accountId: match[1]! };
  return { type: 'arn', accountId: match[1]!, pattern: value };
}

/** The Allow statements of a policy whose Action/NotAction covers an action (resources and conditions aside). */
export function allowsFor(policy: CompiledPolicy, action: string): CompiledStatement[] {
  return policy.statements.filter((statement) => statement.effect === 'Allow' && coversAction(statement, action));
}

/**
 * True when the statement names AWS principals at all (`*`, NotPrincipal or an AWS list): a
 * test of a few fields, made before the action test, since most statements of the many function
 * and bucket policies name only services and so can name no caller for any action.
 */
export function namesAwsPrincipals(statement: CompiledStatement): boolean {
  const principal = statement.principal;
  return principal !== undefined && (principal.not || principal.values === '*' || principal.values.AWS.length > 0);
}

/** True when an Allow statement of the policy that covers `action` uses NotPrincipal. */
export function allowsNotPrincipal(policy: CompiledPolicy, action: string): boolean {
  for (const statement of policy.statements) if (statement.principal?.not && statement.effect === 'Allow' && coversAction(statement, action)) return true;
  return false;
}

/** AWS principals named by the Allow statements of a policy that can match `action`. */
export function namedAwsPrincipals(policy: CompiledPolicy, action: string): NamedPrincipal[] {
  const out: NamedPrincipal[] = [];
  for (const statement of policy.statements) {
    // The same statements as allowsFor's, tested in the cheaper order.
    if (!namesAwsPrincipals(statement) || statement.principal!.not || statement.effect !== 'Allow' || !coversAction(statement, action)) continue;
    const values = statement.principal!.values;
    if (values === '*') {
      out.push({ type: 'anyone' });
      continue;
    }
    for (const value of values.AWS) {
      const named = classifyAwsPrincipal(value);
      if (named) out.push(named);
    }
  }
  return out;
}
