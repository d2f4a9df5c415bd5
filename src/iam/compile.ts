/**
 * Parsing a policy document into compiled statements: lists normalized, actions lower-cased,
 * service prefixes extracted for the action index, conditions split into clauses. Each
 * statement gets a content hash so provenance survives reordering of a policy's statements.
 */
import { InputError } from '../core/errors.js';
import { compareStrings } from '../core/hash.js';
import { hasWildcard } from './pattern.js';
import { NO_STRINGS, type PolicyPool } from './policy-pool.js';
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
  StatementRef,
} from './types.js';

function toList<T>(value: T | readonly T[] | undefined): readonly T[] {
  if (value === undefined) return NO_STRINGS as unknown as readonly T[];
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
  // Absent types share one empty list (most blocks name one type); nothing mutates them.
  if (block === '*') return '*';
  if (typeof block !== 'object' || block === null) throw new InputError(where, 'expected "*" or a map of principal types');
  return {
    AWS: strings(block.AWS, `${where}.AWS`),
    Service: strings(block.Service, `${where}.Service`),
    Federated: strings(block.Federated, `${where}.Federated`),
    CanonicalUser: strings(block.CanonicalUser, `${where}.CanonicalUser`),
  };
}

/** A condition's values as strings: the list as written when it holds only strings, one shared list for a single value. */
function conditionValues(value: unknown, pool: PolicyPool | undefined): string[] {
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? (value as string[]) : value.map(String);
  const text = String(value);
  return pool ? pool.single(text) : [text];
}

/** The clauses of a statement without Condition (most of them): one list, never filled. */
const UNCONDITIONAL: ConditionClause[] = [];

function compileConditions(block: ConditionBlockInput | undefined, pool: PolicyPool | undefined): ConditionClause[] {
  if (block === undefined) return UNCONDITIONAL;
  const clauses: ConditionClause[] = [];
  for (const [operator, entries] of Object.entries(block ?? {})) {
    for (const [key, value] of Object.entries(entries)) {
      const values = conditionValues(value, pool);
      clauses.push(pool ? pool.clause(operator, pool.lower(key), values, key) : { operator, key: key.toLowerCase(), values, keyAsWritten: key });
    }
  }
  return clauses;
}

/** The distinct service prefixes of some actions, sorted; no Set or sort copy for the usual one or two. */
function servicesOf(actions: readonly string[], pool: PolicyPool | undefined): string[] {
  if (pool && actions.length === 1) return pool.single(serviceOf(actions[0]!));
  const services: string[] = [];
  for (const action of actions) {
    const service = serviceOf(action);
    if (!services.includes(service)) services.push(service);
  }
  if (services.length > 1) services.sort(compareStrings);
  return services;
}

/** Statements compiled from the same text through a pool -> the first of them (whose matchers they share). */
const firstOfText = new WeakMap<CompiledStatement, CompiledStatement>();

/**
 * The statement compiled first from the same text, when a pool shared its body; the statement
 * itself otherwise. Caches of what depends on a statement's content alone (its matchers) key on it.
 */
export function firstCompiled(statement: CompiledStatement): CompiledStatement {
  return firstOfText.get(statement) ?? statement;
}

/** A statement with the body of one compiled from the same text: only its place (policy, index) differs. */
function sameText(first: CompiledStatement, source: PolicySource, index: number): CompiledStatement {
  const { sid, hash } = first.ref;
  const compiled: CompiledStatement = {
    ref: sid !== undefined ? { policy: source, index, sid, hash } : { policy: source, index, hash },
    effect: first.effect,
    notAction: first.notAction,
    notResource: first.notResource,
    actions: first.actions,
    resources: first.resources,
    services: first.services,
    conditions: first.conditions,
    variables: first.variables,
  };
  if (first.principal) compiled.principal = first.principal;
  firstOfText.set(compiled, firstCompiled(first));
  return compiled;
}

/**
 * A resource policy statement's reference, hashed on first read. Each of those statements names
 * its own resource (M's 20,937 function-policy statements are all distinct, one hash each) and
 * only the few an edge's provenance names are ever read; until then the reference keeps the raw
 * statement, a few hundred bytes parsed from the policy's own text (unlike the identity
 * statements, which would keep the snapshot's far larger documents alive). The hash is a
 * function of the statement's text alone, so reading it later changes nothing. A class, not a
 * literal with a getter: V8 gives each object with its own accessor a map of its own.
 */
class LazyStatementRef implements StatementRef {
  declare sid?: string;
  #raw: PolicyStatementInput | undefined;
  #hash = '';

  constructor(
    readonly policy: PolicySource,
    readonly index: number,
    statement: PolicyStatementInput,
  ) {
    if (statement.Sid !== undefined) this.sid = statement.Sid;
    this.#raw = statement;
  }

  get hash(): string {
    if (this.#raw !== undefined) {
      this.#hash = statementHash(this.#raw);
      this.#raw = undefined;
    }
    return this.#hash;
  }

  /** The reference as an eagerly hashed one is written. */
  toJSON(): StatementRef {
    const { policy, index, sid, hash } = this;
    return sid !== undefined ? { policy, index, sid, hash } : { policy, index, hash };
  }
}

function compileStatement(statement: PolicyStatementInput, index: number, source: PolicySource, variables: boolean, pool: PolicyPool | undefined): CompiledStatement {
  const bodyKey = pool?.bodyKey(source.kind, statement, variables);
  const first = bodyKey !== undefined ? pool!.body(bodyKey) : undefined;
  if (first) return sameText(first, source, index);
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
  const actions = compileActions(strings(notAction ? statement.NotAction : statement.Action, where), pool);
  const notResource = statement.NotResource !== undefined;
  const resources = notResource ? strings(statement.NotResource, where) : statement.Resource === undefined ? ['*'] : strings(statement.Resource, where);
  const principalBlock = statement.Principal ?? statement.NotPrincipal;
  const compiled: CompiledStatement = {
    ref:
      source.kind === 'resource'
        ? new LazyStatementRef(source, index, statement)
        : {
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
    services: notAction ? (pool ? pool.single('*') : ['*']) : servicesOf(actions, pool),
    conditions: compileConditions(statement.Condition, pool),
    variables,
  };
  if (principalBlock !== undefined) {
    const not = statement.NotPrincipal !== undefined;
    const values = compilePrincipal(principalBlock, `${where}.Principal`);
    compiled.principal = pool ? pool.principal(not, values, principalBlock) : { not, values };
  }
  if (bodyKey !== undefined) pool!.keepBody(bodyKey, compiled);
  return compiled;
}

/** Actions lower-cased; through a pool, each name and a single action's list are shared. */
function compileActions(written: readonly string[], pool: PolicyPool | undefined): string[] {
  if (!pool) return written.map((a) => a.toLowerCase());
  if (written.length === 1) return pool.single(pool.lower(written[0]!));
  return written.map((a) => pool.lower(a));
}

/**
 * Parses one policy document into a CompiledPolicy; statements keep their index, Sid and hash.
 * With a pool (one per build), repeated text compiles once and its objects are shared.
 */
export function compilePolicy(document: PolicyDocumentInput, source: PolicySource, pool?: PolicyPool): CompiledPolicy {
  if (typeof document !== 'object' || document === null || document.Statement === undefined) {
    throw new InputError(source.id, 'expected a policy document with a Statement');
  }
  // IAM User Guide, "Variables and tags": variables came with Version 2012-10-17; without it
  // (or under 2008-10-17) `${aws:username}` is literal text.
  const variables = document.Version === POLICY_VARIABLES_VERSION;
  const statements = toList(document.Statement).map((statement, index) => compileStatement(statement, index, source, variables, pool));
  return { source, statements };
}
