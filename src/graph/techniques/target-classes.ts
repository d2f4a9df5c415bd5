/**
 * Resource classes numbered once per target and shared by callers (issue 20). A technique asks
 * one caller about every role or user of its account, and each caller keeps one decision per
 * resource class (src/iam/resource-class.ts); building that class as text for every pair cost
 * about what deciding did. A class reads a target only through its ARN's scope, the facts about
 * it, and how each statement's Resource/NotResource matches it, and a statement whose patterns
 * hold `*` matches every target alike. So each target gets a number per list of the other
 * statements' patterns (varyingStatements), shared by every caller and question whose policy
 * sets hold the same patterns: equal numbers mean equal classes. A caller's decision is found
 * by number; the class text is built once per number, not once per pair.
 */
import { classStatements, resourceSpec, varyingStatements, type CompiledStatement, type EvaluationResult, type PolicySet } from '../../iam/index.js';
import type { EvaluationEnvironment, Principal, ResourceFacts } from '../facts/index.js';
import { slotMap, type QuestionSlot } from './question-slot.js';
import { ListNumbers, ListParts, Numbering, Scopes, type ResourceEntry } from './target-numbers.js';

/** What classify (decide.ts) gives for one question: its class text, its policy set and its decision, made on demand. */
export interface Classified {
  resourceClass: string;
  policies: PolicySet;
  decide: () => EvaluationResult;
}

/** One policy set's numbering (undefined until its first question, null when its patterns read the request) and decisions by number. */
interface Side {
  numbering: Numbering | null | undefined;
  byNumber: Map<number, EvaluationResult>;
}

/**
 * A caller's decisions for one request (action, context, resource account and policy, mode):
 * by class text, as before, and by number on each side of the one fact that changes the policy
 * set between targets (RCPs do not apply to AWS managed keys).
 */
interface Plan {
  byClass: Map<string, EvaluationResult>;
  sides: [Side | undefined, Side | undefined];
}

/** The technique step's decisions per caller, request and resource class, found by number. */
export class TargetClasses {
  /** Per caller, request key (one string object per request, request.ts) and question slot. */
  private readonly plans = new WeakMap<Principal, Map<string, Map<string, Map<number, Plan>>>>();
  private readonly numberings = new Map<string, Numbering | null>();
  private readonly specIds = new Map<string, number>();
  private readonly entries = new Map<string, ResourceEntry>();
  private readonly scopes = new Scopes();
  private readonly listParts = new WeakMap<object, ListParts>();

  constructor(private readonly environment: EvaluationEnvironment | undefined) {}

  /**
   * The decision of `resource`'s class for this caller and request (`request` and `slot` name
   * everything of the question but the resource, as request.ts's class cache does). `classify`
   * is called only when the resource's number is new to this caller and request; its decision
   * only when the class is.
   */
  decision(caller: Principal, request: string, slot: QuestionSlot, action: string, resource: string, classify: () => Classified): EvaluationResult {
    const plan = this.planOf(caller, request, slot);
    // Numbers hold this build's resource facts: a caller of another environment is classed by text alone.
    if (caller.environment !== this.environment) return this.byText(plan, classify());
    const entry = this.entryOf(resource);
    const side = this.sideOf(plan, entry.facts);
    const id = side.numbering ? side.numbering.idOf(entry) : undefined;
    if (id !== undefined) {
      const known = side.byNumber.get(id);
      if (known) return known;
    }
    const classified = classify();
    if (side.numbering === undefined) side.numbering = this.numberingOf(classStatements(classified.policies, action));
    const result = this.byText(plan, classified);
    if (side.numbering) side.byNumber.set(id ?? side.numbering.idOf(entry), result);
    return result;
  }

  /**
   * The numbering decision() finds `resource`'s class by for this caller, request and slot
   * (made from `classify` when it is the first question there): equal numbers under it mean
   * equal decisions. Null when the caller is of another environment or the statements read the request.
   */
  numberingFor(caller: Principal, request: string, slot: QuestionSlot, action: string, resource: string, classify: () => Classified): Numbering | null {
    if (caller.environment !== this.environment) return null;
    const side = this.sideOf(this.planOf(caller, request, slot), this.entryOf(resource).facts);
    if (side.numbering === undefined) side.numbering = this.numberingOf(classStatements(classify().policies, action));
    return side.numbering;
  }

  /** True when the resource's facts put it on the side of AWS managed keys (no RCPs): the numbering of one side does not hold for the other. */
  awsManaged(resource: string): boolean {
    return this.entryOf(resource).facts?.awsManaged === true;
  }

  /** The numbers of a list's resources under `numbering` (`owner`: one object per sequence of resources, shared by callers), made as asked. */
  numbersOf(numbering: Numbering, owner: object, length: number): ListNumbers {
    let numbers = numbering.lists.get(owner);
    if (!numbers) {
      let parts = this.listParts.get(owner);
      if (!parts) this.listParts.set(owner, (parts = new ListParts(length)));
      numbering.lists.set(owner, (numbers = new ListNumbers(numbering, parts, this.entryOf, this.scopes)));
    }
    return numbers;
  }

  private planOf(caller: Principal, request: string, slot: QuestionSlot): Plan {
    let byRequest = this.plans.get(caller);
    if (!byRequest) this.plans.set(caller, (byRequest = new Map()));
    return slotMap(byRequest, request, slot, (): Plan => ({ byClass: new Map(), sides: [undefined, undefined] }));
  }

  private sideOf(plan: Plan, facts: ResourceFacts | undefined): Side {
    return (plan.sides[facts?.awsManaged ? 1 : 0] ??= { numbering: undefined, byNumber: new Map() });
  }

  /** A resource's entry, its facts looked up once per build (most targets are roles and users, which have none: two misses per lookup). */
  private readonly entryOf = (resource: string): ResourceEntry => {
    let known = this.entries.get(resource);
    if (!known) this.entries.set(resource, (known = { resource, facts: this.environment?.resourceFacts(resource), scope: -1 }));
    return known;
  };

  /** The decision of a class text, made once per caller and request. */
  private byText(plan: Plan, classified: Classified): EvaluationResult {
    let result = plan.byClass.get(classified.resourceClass);
    if (!result) plan.byClass.set(classified.resourceClass, (result = classified.decide()));
    return result;
  }

  /** The numbering of the statements a class reads, shared by every list with the same varying patterns; null when they read the request. */
  private numberingOf(statements: readonly CompiledStatement[]): Numbering | null {
    const varying = varyingStatements(statements);
    if (!varying) return null;
    // In spec order, so that lists holding the same patterns in another order share one numbering.
    const specs = varying.map((statement) => ({ statement, id: this.specId(statement) })).sort((a, b) => a.id - b.id);
    const key = specs.map((s) => s.id).join(',');
    let numbering = this.numberings.get(key);
    if (numbering === undefined)
      this.numberings.set(
        key,
        (numbering = new Numbering(
          specs.map((s) => s.statement),
          specs.map((s) => s.id),
          this.scopes,
        )),
      );
    return numbering;
  }

  private specId(statement: CompiledStatement): number {
    const spec = resourceSpec(statement);
    let id = this.specIds.get(spec);
    if (id === undefined) this.specIds.set(spec, (id = this.specIds.size));
    return id;
  }
}
