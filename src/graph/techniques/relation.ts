/**
 * The contract of a technique relation (rules/README.md lists them): how a rule's permissions
 * relate the attacker to what it gains. One module per relation in relations/, registered in
 * relations/index.ts; every behaviour that differs between relations is a property here, so
 * the compiler checks that each relation says how it behaves. A relation is given the
 * TechniqueRun of its build: the facts, the rules, what earlier steps decided, the edges drawn
 * so far and every cache of the step, which live and die with the build.
 */
import type { CompiledPolicy, EvaluationResult } from '../../iam/index.js';
import type { RuleSet, ScoringRules, TechniqueRelation, TechniqueRule } from '../../rules/index.js';
import { EdgeSet, type ProvenanceKeys } from '../edges.js';
import type { Facts, Principal } from '../facts/index.js';
import type { EdgeAttrs, Provenance } from '../schema.js';
import { BlockForming } from './block-forming.js';
import type { Candidate } from './model.js';
import { TargetClasses } from './target-classes.js';

/** One required action of a technique rule. */
export type Required = TechniqueRule['actions'][number];

/** How a required action can be granted: by the caller's identity only, possibly by a policy of the target, or by nothing checkable before the evaluator. */
export type Grant = 'identity' | 'policy' | 'free';

/** The part of an edge a rule fixes besides its technique. */
export type EdgeShape = Pick<EdgeAttrs, 'kind' | 'access'>;

/** Edge attributes of a decided technique hop, all but the kind. */
export type HopAttrs = Omit<EdgeAttrs, 'kind'>;

/**
 * How a relation finds its edges:
 * - `caller`: candidates depend on the caller (its account, groups, policies); found per caller
 *   among the principals that pass the rule's identity gate;
 * - `candidate`: candidates are the same for every caller and computed once; callers are found
 *   per candidate from indexes (callers.ts);
 * - `own`: the relation draws its edges itself (assume-role: trust policies decide).
 */
export type Derivation =
  | { by: 'caller'; candidates(run: TechniqueRun, rule: TechniqueRule, caller: Principal): Candidate[] }
  | { by: 'candidate'; candidates(run: TechniqueRun, rule: TechniqueRule): Candidate[] }
  | { by: 'own'; draw(run: TechniqueRun, rule: TechniqueRule): void };

/** One relation's behaviour. */
export interface Relation {
  derive: Derivation;
  /** The edge a rule draws; by default an escalation, or invoke for `gain: model-invocation`. */
  edge?(rule: TechniqueRule): EdgeShape;
  /** True when the edge leads to account admin whatever the rule's `gain` (proofs expect it there). */
  leadsToAdmin?: true;
  /** True when the target is the caller itself (it changes its own permissions). */
  targetsCaller?: true;
  /** How a `target` action is granted; by default by identity only. */
  targetGrant?(rule: TechniqueRule, required: Required): Grant;
  /** Decides one caller and candidate; by default every required action must be allowed (requirements.ts). */
  check?(run: TechniqueRun, rule: TechniqueRule, caller: Principal, candidate: Candidate): HopAttrs | undefined;
  /** A factor on the edge's confidence (steering an agent is influence, not control; driving code is bounded by it). */
  steering?(scoring: ScoringRules, rule: TechniqueRule): number;
  /** True when each caller asks about each target once, so remembering those decisions only holds memory. */
  asksTargetOnce?: true;
  /** True when a hop of this relation onto the caller itself proves the caller an administrator (altered.ts). */
  provesAdmin?: true;
}

/** The kind of edge a rule draws, from its relation and gain. */
export function edgeShapeOf(relation: Relation, rule: TechniqueRule): EdgeShape {
  if (relation.edge) return relation.edge(rule);
  return rule.gain === 'model-invocation' ? { kind: 'invoke' } : { kind: 'escalation' };
}

/** How a required action of the rule can be granted (`workload`, `artifact` and `target-key` actions by their resource's policy, `workload-passed-role` by the evaluator alone). */
export function grantOf(relation: Relation, rule: TechniqueRule, required: Required): Grant {
  if (required.on === 'workload' || required.on === 'artifact' || required.on === 'target-key') return 'policy';
  // Asked only of workloads whose request must name a role (a stack set's custom administration
  // role): no identity gate, or callers of the other workloads would need a grant they do not use.
  if (required.on === 'workload-passed-role') return 'free';
  if (required.on !== 'target') return 'identity';
  return relation.targetGrant?.(rule, required) ?? 'identity';
}

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
  /** Edge blocks being formed (block-forming.ts); undefined when every edge is drawn pair by pair. */
  readonly blocks: BlockForming | undefined;
  readonly admins: ReadonlySet<string>;
  readonly modelAccounts: ReadonlySet<string>;
  /** Decisions per caller object, by request key, question slot and resource (request.ts). */
  readonly decisions = new WeakMap<Principal, Map<string, Map<string, Map<number, Map<string, EvaluationResult>>>>>();
  /** Decisions per caller object, by request and resource class text (request.ts): the reference path, without target numbers. */
  readonly classDecisions = new WeakMap<Principal, Map<string, Map<string, EvaluationResult>>>();
  /** Decisions per caller object, by request and resource class, found by target number (target-classes.ts); undefined on the reference path. */
  readonly targetClasses: TargetClasses | undefined;
  /**
   * The reference path the tests compare the step's shortcuts with: each question's class built
   * as text, a caller's own actions decided per pair, no decision reused across relations.
   */
  readonly reference: boolean;
  /** Per resource policy and action: whether a statement names the action (requirements.ts). */
  readonly policyActs = new WeakMap<CompiledPolicy, Map<string, boolean>>();
  /** A number per resource policy object, for decision keys (requirements.ts). */
  readonly policyIds = new Map<CompiledPolicy, number>();
  /** Per conditional decision: its residual clauses, sorted and unique (requirements.ts). */
  readonly residuals = new WeakMap<EvaluationResult, readonly string[]>();
  /** Per policy and action: the principals it names (callers.ts). */
  readonly named = new WeakMap<CompiledPolicy, Map<string, unknown>>();
  /** Per role: whether its trust lets a service assume it (service-trust.ts). */
  readonly serviceTrust = new WeakMap<Principal, Map<string, boolean>>();
  /** Per caller: the trust policy it would write naming itself (rewritten-trust.ts). */
  readonly rewrittenTrust = new WeakMap<Principal, CompiledPolicy>();
  /** Provenance records per decision (requirements.ts): one set of record objects per cached decision. */
  readonly provenance = new WeakMap<EvaluationResult, { action: string; resource: string; records: Provenance[] }>();
  /** Rules decided once per resource class although their callers are found per candidate (their edges go into blocks). */
  readonly classed = new WeakSet<TechniqueRule>();
  /** Per candidate list: whether blocks may hold its edges (candidates.ts). */
  readonly blockShaped = new WeakMap<Candidate[], boolean>();
  /** Per rule: values derived from the rule alone (request contexts, action order, edge identity). */
  readonly perRule = new WeakMap<object, Map<string, unknown>>();
  private readonly values = new Map<string, unknown>();

  constructor(
    readonly facts: Facts,
    readonly rules: RuleSet,
    scope: TechniqueScope,
    keys: ProvenanceKeys,
    private readonly relations: Readonly<Record<TechniqueRelation, Relation>>,
    options: { blocks: boolean; reference?: boolean } = { blocks: false },
  ) {
    this.edges = new EdgeSet(keys);
    this.reference = options.reference === true;
    this.targetClasses = this.reference ? undefined : new TargetClasses(facts.environment);
    this.blocks = options.blocks ? new BlockForming(this.edges) : undefined;
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
