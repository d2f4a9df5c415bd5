/**
 * One build's technique derivation: the facts and rules it reads, what earlier steps decided
 * (admins, the accounts with a foundation-models node), the edges it draws, and everything it
 * remembers while it runs. Nothing is remembered across builds: the caches live and die here.
 */
import type { CompiledPolicy, EvaluationResult } from '../../iam/index.js';
import type { RuleSet, TechniqueRule } from '../../rules/index.js';
import { EdgeSet, type ProvenanceKeys } from '../edges.js';
import type { Facts, Principal } from '../facts/index.js';
import type { Relation } from './relation.js';

/** What earlier steps of the build decided, that techniques depend on. */
export interface TechniqueScope {
  /** Principals whose same-account hops fold into their admin finding. */
  admins: ReadonlySet<string>;
  /** Accounts with a foundation-models node (gain `model-invocation` points there). */
  modelAccounts: ReadonlySet<string>;
}

/** The technique step of one build. */
export class TechniqueRun {
  readonly edges: EdgeSet;
  readonly admins: ReadonlySet<string>;
  readonly modelAccounts: ReadonlySet<string>;
  /** Decisions per caller object, by request (request.ts). */
  readonly decisions = new WeakMap<Principal, Map<string, EvaluationResult>>();
  /** Per policy and action: the principals it names (callers.ts). */
  readonly named = new WeakMap<CompiledPolicy, Map<string, unknown>>();
  /** Per role: whether its trust lets a service assume it (service-trust.ts). */
  readonly serviceTrust = new WeakMap<Principal, Map<string, boolean>>();
  /** Per caller: the trust policy it would write naming itself (rewritten-trust.ts). */
  readonly rewrittenTrust = new WeakMap<Principal, CompiledPolicy>();
  /** Per rule: values derived from the rule alone (request contexts, action order, edge identity). */
  readonly perRule = new WeakMap<object, Map<string, unknown>>();
  private readonly values = new Map<string, unknown>();

  constructor(
    readonly facts: Facts,
    readonly rules: RuleSet,
    scope: TechniqueScope,
    keys: ProvenanceKeys,
    private readonly relations: Readonly<Record<TechniqueRule['relation'], Relation>>,
  ) {
    this.edges = new EdgeSet(keys);
    this.admins = scope.admins;
    this.modelAccounts = scope.modelAccounts;
  }

  /** The relation of a rule. */
  relationOf(rule: TechniqueRule): Relation {
    return this.relations[rule.relation];
  }

  /** A value (a list, an index) that depends only on `key`, computed once per build. */
  cached<T>(key: string, make: () => T): T {
    let value = this.values.get(key) as T | undefined;
    if (value === undefined) this.values.set(key, (value = make()));
    return value;
  }

  /** A value that depends only on `owner` (a rule, a required action) and `key`, computed once per build. */
  ofRule<T>(owner: object, key: string, make: () => T): T {
    let values = this.perRule.get(owner);
    if (!values) this.perRule.set(owner, (values = new Map()));
    let value = values.get(key) as T | undefined;
    if (value === undefined) values.set(key, (value = make()));
    return value;
  }
}
