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
  private readonly lowered = new Map<string, string>();
  private readonly principals = new Map<string, PrincipalBlock>();
  /** One-type, one-value blocks (most of them), by Principal/NotPrincipal, type and value. */
  private readonly simplePrincipals = [new Map<string, Map<string, PrincipalBlock>>(), new Map<string, Map<string, PrincipalBlock>>()] as const;
  /** `"*"` as Principal and as NotPrincipal. */
  private readonly anyone: [PrincipalBlock | undefined, PrincipalBlock | undefined] = [undefined, undefined];
  private readonly clauses = new Map<string, ConditionClause>();
  /** One-value clauses (most of them), by operator, key as written and value. */
  private readonly singleClauses = new Map<string, Map<string, Map<string, ConditionClause>>>();
  private readonly bodies = new Map<string, CompiledStatement>();
  private readonly policies = new Map<string, CompiledPolicy>();

  /** One string object per distinct text (lower-cased actions and condition keys repeat in every policy). */
  intern(text: string): string {
    const found = this.strings.get(text);
    if (found !== undefined) return found;
    this.strings.set(text, text);
    return text;
  }

  /** A name lower-cased and interned, remembered by its written form (no new string per occurrence). */
  lower(written: string): string {
    let lower = this.lowered.get(written);
    if (lower === undefined) this.lowered.set(written, (lower = this.intern(written.toLowerCase())));
    return lower;
  }

  /** One one-element list per distinct value (a statement's single action, its single service). */
  single(value: string): string[] {
    let list = this.singles.get(value);
    if (!list) this.singles.set(value, (list = [value]));
    return list;
  }

  /** One compiled principal block per distinct block as written. */
  principal(not: boolean, values: PrincipalValues, written: unknown): PrincipalBlock {
    if (written === '*') return (this.anyone[not ? 1 : 0] ??= { not, values });
    const simple = simplePrincipal(written);
    if (simple) {
      const byType = this.simplePrincipals[not ? 1 : 0];
      let byValue = byType.get(simple.type);
      if (!byValue) byType.set(simple.type, (byValue = new Map()));
      let block = byValue.get(simple.value);
      if (!block) byValue.set(simple.value, (block = { not, values }));
      return block;
    }
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
    if (values.length === 1) {
      let byKey = this.singleClauses.get(operator);
      if (!byKey) this.singleClauses.set(operator, (byKey = new Map()));
      let byValue = byKey.get(keyAsWritten);
      if (!byValue) byKey.set(keyAsWritten, (byValue = new Map()));
      let clause = byValue.get(values[0]!);
      if (!clause) byValue.set(values[0]!, (clause = { operator, key, values, keyAsWritten }));
      return clause;
    }
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

/** A principal block's one type and value, when it names one string of one type. */
function simplePrincipal(written: unknown): { type: string; value: string } | undefined {
  if (typeof written !== 'object' || written === null || Array.isArray(written)) return undefined;
  let found: { type: string; value: string } | undefined;
  for (const type in written) {
    const value = (written as Record<string, unknown>)[type];
    if (found || typeof value !== 'string') return undefined;
    found = { type, value };
  }
  return found;
}
