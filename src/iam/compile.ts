/**
 * Parsing a policy document into compiled statements: lists normalized, actions lower-cased,
 * service prefixes extracted for the action index, conditions split into clauses. Each
 * statement gets a content hash so provenance survives reordering of a policy's statements.
 */
import { InputError } from '../core/errors.js';
import { compareStrings } from '../core/hash.js';
import { hasWildcard } from './pattern.js';
import { statementHash } from './statement-hash.js';
import type {
  CompiledPolicy,
  CompiledStatement,
  ConditionBlockInput,
  ConditionClause,
  PolicyDocumentInput,
  PolicySource,
  PolicyStatementInput,
  PrincipalBlockInput,
  PrincipalValues,
} from './types.js';

function toList<T>(value: T | readonly T[] | undefined): readonly T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

function strings(value: unknown, where: string): string[] {
  const list = toList(value);
  if (!list.every((v) => typeof v === 'string')) throw new InputError(where, 'expected a string or a list of strings');
  return list as string[];
}

/** The policy language version that introduced policy variables. */
const POLICY_VARIABLES_VERSION = '2012-10-17';

/** Service prefix of an action or action pattern; `*` when the prefix itself has a wildcard. */
export function serviceOf(action: string): string {
  const colon = action.indexOf(':');
  const prefix = colon < 0 ? action : action.slice(0, colon);
  return hasWildcard(prefix) ? '*' : prefix;
}

function compilePrincipal(block: PrincipalBlockInput, where: string): PrincipalValues {
  if (block === '*') return '*';
  if (typeof block !== 'object' || block === null) throw new InputError(where, 'expected "*" or a map of principal types');
  return {
    AWS: strings(block.AWS, `${where}.AWS`),
    Service: strings(block.Service, `${where}.Service`),
    Federated: strings(block.Federated, `${where}.Federated`),
    CanonicalUser: strings(block.CanonicalUser, `${where}.CanonicalUser`),
  };
}

function compileConditions(block: ConditionBlockInput | undefined): ConditionClause[] {
  const clauses: ConditionClause[] = [];
  for (const [operator, entries] of Object.entries(block ?? {})) {
    for (const [key, value] of Object.entries(entries)) {
      clauses.push({ operator, key: key.toLowerCase(), values: toList(value).map(String), keyAsWritten: key });
    }
  }
  return clauses;
}

/** The distinct service prefixes of some actions, sorted; no Set or sort copy for the usual one or two. */
function servicesOf(actions: readonly string[]): string[] {
  const services: string[] = [];
  for (const action of actions) {
    const service = serviceOf(action);
    if (!services.includes(service)) services.push(service);
  }
  if (services.length > 1) services.sort(compareStrings);
  return services;
}

function compileStatement(statement: PolicyStatementInput, index: number, source: PolicySource, variables: boolean): CompiledStatement {
  const where = `${source.id}: Statement[${index}]`;
  if (typeof statement !== 'object' || statement === null) throw new InputError(where, 'expected a statement object');
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') throw new InputError(`${where}.Effect`, 'expected "Allow" or "Deny"');
  if ((statement.Action === undefined) === (statement.NotAction === undefined)) {
    throw new InputError(where, 'expected exactly one of Action or NotAction');
  }
  if (statement.Resource !== undefined && statement.NotResource !== undefined) {
    throw new InputError(where, 'expected at most one of Resource or NotResource');
  }
  if (statement.Principal !== undefined && statement.NotPrincipal !== undefined) {
    throw new InputError(where, 'expected at most one of Principal or NotPrincipal');
  }
  const notAction = statement.NotAction !== undefined;
  const actions = strings(notAction ? statement.NotAction : statement.Action, where).map((a) => a.toLowerCase());
  const notResource = statement.NotResource !== undefined;
  const resources = notResource ? strings(statement.NotResource, where) : statement.Resource === undefined ? ['*'] : strings(statement.Resource, where);
  const principalBlock = statement.Principal ?? statement.NotPrincipal;
  const compiled: CompiledStatement = {
    ref: {
      policy: source,
      index,
      ...(statement.Sid !== undefined ? { sid: statement.Sid } : {}),
      // Hashed now, not on first read: a getter would keep the raw statement (its lists,
      // condition maps and the original-case actions) alive as long as the compiled policy,
      // which is about half of a parsed snapshot's memory through the whole graph build.
      hash: statementHash(statement),
    },
    effect: statement.Effect,
    notAction,
    notResource,
    actions,
    resources,
    // A NotAction statement can match actions of any service.
    services: notAction ? ['*'] : servicesOf(actions),
    conditions: compileConditions(statement.Condition),
    variables,
  };
  if (principalBlock !== undefined) {
    compiled.principal = { not: statement.NotPrincipal !== undefined, values: compilePrincipal(principalBlock, `${where}.Principal`) };
  }
  return compiled;
}

/** Parses one policy document into a CompiledPolicy; statements keep their index, Sid and hash. */
export function compilePolicy(document: PolicyDocumentInput, source: PolicySource): CompiledPolicy {
  if (typeof document !== 'object' || document === null || document.Statement === undefined) {
    throw new InputError(source.id, 'expected a policy document with a Statement');
  }
  // IAM User Guide, "Variables and tags": variables came with Version 2012-10-17; without it
  // (or under 2008-10-17) `${aws:username}` is literal text.
  const variables = document.Version === POLICY_VARIABLES_VERSION;
  const statements = toList(document.Statement).map((statement, index) => compileStatement(statement, index, source, variables));
  return { source, statements };
}
