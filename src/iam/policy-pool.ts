/**
 * What the policy compilations of one build share. An organization repeats the same text in many
 * places: AWS managed policies in every account, trust policies and inline statements copied
 * from role to role, `lambda:invokefunction` and `aws:sourcearn` in every function policy. The
 * pool compiles each repeated piece once and hands out the same object: the memory the compiled
 * facts hold (and the garbage collector moves) shrinks, and caches that hang on those objects
 * (statement and principal matchers) are built once. Compilation is a pure function of the text,
 * so sharing changes no answer: test/iam/policy-pool.test.ts compares pooled and unpooled
 * compilation and evaluation. A pool lives as long as one build's facts are read; nothing in a
 * compiled policy may be mutated (none is).
 */
import type { CompiledPolicy, CompiledStatement, ConditionClause, PolicySource, PrincipalValues } from './types.js';

/** A compiled principal block: the object statement principal matchers are cached on. */
type PrincipalBlock = NonNullable<CompiledStatement['principal']>;

/** The statements whose text repeats across policies: those a role or user holds, and trust policies. */
const SHARED_BODY_KINDS: ReadonlySet<PolicySource['kind']> = new Set(['identity', 'boundary', 'trust', 'scp', 'rcp']);

/** Interned values and shared compiled pieces of one build. */
export class PolicyPool {
  private readonly strings = new Map<string, string>();
  private readonly singles = new Map<string, string[]>();
  private readonly principals = new Map<string, PrincipalBlock>();
  private readonly clauses = new Map<string, ConditionClause>();
  private readonly bodies = new Map<string, CompiledStatement>();
  private readonly policies = new Map<string, CompiledPolicy>();

  /** One string object per distinct text (lower-cased actions and condition keys repeat in every policy). */
  intern(text: string): string {
    const found = this.strings.get(text);
    if (found !== undefined) return found;
    this.strings.set(text, text);
    return text;
  }

  /** One one-element list per distinct value (a statement's single action, its single service). */
  single(value: string): string[] {
    let list = this.singles.get(value);
    if (!list) this.singles.set(value, (list = [value]));
    return list;
  }

  /** One compiled principal block per distinct block as written. */
  principal(not: boolean, values: PrincipalValues, written: unknown): PrincipalBlock {
    const key = `${not ? 'N' : 'P'}${JSON.stringify(written)}`;
    let block = this.principals.get(key);
    if (!block) this.principals.set(key, (block = { not, values }));
    return block;
  }

  /**
   * One condition clause per distinct operator, key as written and values: every function policy
   * of an account repeats its `aws:SourceAccount` clause, and the clause's compiled test is cached on it.
   */
  clause(operator: string, key: string, values: string[], keyAsWritten: string): ConditionClause {
    const text = `${operator}\u0000${keyAsWritten}\u0000${JSON.stringify(values)}`;
    let clause = this.clauses.get(text);
    if (!clause) this.clauses.set(text, (clause = { operator, key, values, keyAsWritten }));
    return clause;
  }

  /**
   * The key under which a statement's compiled body is shared, or undefined when its policy's
   * statements rarely repeat (resource policies name their own resource). The text as written,
   * key order included, so statements share only what compiles identically; the policy version
   * decides whether `${...}` is a variable.
   */
  bodyKey(kind: PolicySource['kind'], statement: unknown, variables: boolean): string | undefined {
    return SHARED_BODY_KINDS.has(kind) ? `${variables ? 'V' : 'L'}${JSON.stringify(statement)}` : undefined;
  }

  /** The statement compiled first from a body key, if any. */
  body(key: string): CompiledStatement | undefined {
    return this.bodies.get(key);
  }

  /** Records the statement compiled from a body key. */
  keepBody(key: string, statement: CompiledStatement): void {
    this.bodies.set(key, statement);
  }

  /**
   * A managed policy compiled once for the whole build: AWS managed policies have the same id,
   * version and document in every account. Keyed by source and document, so two accounts holding
   * different versions of one ARN get their own.
   */
  managed(document: unknown, source: PolicySource, compile: () => CompiledPolicy): CompiledPolicy {
    const key = `${source.kind}|${source.id}|${source.versionId ?? ''}|${JSON.stringify(document)}`;
    let policy = this.policies.get(key);
    if (!policy) this.policies.set(key, (policy = compile()));
    return policy;
  }
}

/** A list that is never filled: absent principal types share it. */
export const NO_STRINGS: string[] = [];
