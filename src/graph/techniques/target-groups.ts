/**
 * One decision per group of targets, not per pair (issue 20). A conditional administrator of a
 * dense account asks the same question of every user or role (iam:CreateAccessKey on each user):
 * the answer is one per resource class, and a class is already a number per target
 * (target-classes.ts). Here a caller's candidates are grouped by what their questions read of
 * them besides the resource (targetSignature: request, account, policy, side) and by their
 * numbers under the caller's numbering of each action; each group is decided once, on its first
 * member, and its other members take the same decisions with their own resource. Actions asked
 * of a role's own trust are outside the groups: trust-decisions.ts shares them per trust shape,
 * and each member's is found through the list's trust decisions (ListTrustDecisions), by its
 * shape and its number under that shape's numbering.
 *
 * Equal signature and numbers mean equal questions but for the resource, and equal numbers equal
 * decisions (target-classes.ts): so a member's decisions are those it would be given alone. The
 * evaluator's grant prefilter (grantPossible) answers false only where the evaluator denies, so
 * asked of the group's first member it rules out exactly the groups whose decision is a denial.
 * perCaller's grant-index prefilter still runs per pair. `reference: true` takes none of this.
 */
import type { TechniqueRule } from '../../rules/index.js';
import type { Principal } from '../facts/index.js';
import type { Candidate } from './model.js';
import type { Required, TechniqueRun } from './relation.js';
import { orderedActions } from './request.js';
import type { ListNumbers } from './target-numbers.js';
import { decideOne, ownTrustQuestion, targetClassQuestion, targetSignature, type Decided } from './requirements.js';
import { ListTrustDecisions } from './trust-decisions.js';

/** A group's decisions, per action of the rule (undefined for one asked per target); `failed` when one is denied or not asked. */
export interface Group {
  results?: Array<Decided | undefined>;
  failed?: true;
  /** Set with `results` when every action is decided by class (none per target). */
  whole?: true;
}

/**
 * True when the group is decided and every action by class: each member's decisions are then the
 * group's, with the member's own resource (block-forming.ts adds a member without deciding it).
 */
export function decidedWhole(group: Group): boolean {
  return group.whole === true;
}

/** One signature's actions for one caller: decided by class (with their targets' numbers), or per target; unusable when a numbering is not there. */
interface SignatureState {
  /** Per action of the rule, in order: the numbers of the list's targets, or undefined for an action asked per target. */
  numbers: Array<ListNumbers | undefined>;
  /** Groups by numbers, one map level per action decided by class. */
  groups: Map<number, unknown>;
  /** True when some action's targets are classed by text alone: every pair is decided as before. */
  unusable: boolean;
}

/** True when the rule's targets may be grouped: every action is asked of the target, and the run keeps target numbers. */
export function groupsTargets(run: TechniqueRun, rule: TechniqueRule): boolean {
  return run.ofRule(rule, 'groups-targets', () => !run.reference && run.targetClasses !== undefined && rule.actions.every((a) => a.on === 'target'));
}

/** Per candidate of a list (shared by the callers of an account): the number of its signature. */
function signaturesOf(run: TechniqueRun, rule: TechniqueRule, caller: Principal, list: readonly Candidate[]): Int32Array {
  const byList = run.ofRule(rule, 'target-signatures', () => new WeakMap<readonly Candidate[], Int32Array>());
  let signatures = byList.get(list);
  if (!signatures) {
    const ids = new Map<string, number>();
    const actions = orderedActions(run, rule);
    signatures = new Int32Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const target = list[i]!.target;
      const text = actions.map((a) => targetSignature(run, rule, a, caller, target)).join('\u0000');
      let id = ids.get(text);
      if (id === undefined) ids.set(text, (id = ids.size));
      signatures[i] = id;
    }
    byList.set(list, signatures);
  }
  return signatures;
}

/**
 * One object per distinct sequence of target ARNs: rules list the same users or roles of an
 * account in lists of their own, and a numbering's numbers of one serve them all.
 */
function resourcesOf(run: TechniqueRun, list: readonly Candidate[]): object {
  const known = run.cached('target-resource-lists', () => ({ byList: new WeakMap<readonly Candidate[], object>(), byText: new Map<string, object>() }));
  let key = known.byList.get(list);
  if (!key) {
    const text = list.map((c) => c.target.arn).join('\u0000');
    key = known.byText.get(text);
    if (!key) known.byText.set(text, (key = {}));
    known.byList.set(list, key);
  }
  return key;
}

/** One caller's groups over one candidate list of a rule. */
export class CallerGroups {
  private readonly signatures: Int32Array;
  private readonly states = new Map<number, SignatureState>();
  private readonly actions: readonly Required[];
  /** Per action of the rule: its own-trust decisions over the list when it is asked on a role's own trust (null when not), made on first use. */
  private readonly trusts: Array<ListTrustDecisions | null | undefined> = [];

  constructor(
    private readonly run: TechniqueRun,
    private readonly rule: TechniqueRule,
    private readonly caller: Principal,
    private readonly list: readonly Candidate[],
  ) {
    this.signatures = signaturesOf(run, rule, caller, list);
    this.actions = orderedActions(run, rule);
  }

  /** The `i`th candidate's group; undefined when it must be decided pair by pair (its targets are classed by text). */
  groupAt(i: number): Group | undefined {
    const state = this.stateOf(this.signatures[i]!, this.list[i]!);
    return state.unusable ? undefined : this.groupOf(state, i);
  }

  /**
   * The `i`th candidate's decisions, as decideAll gives them (undefined when an action is
   * denied): its group's, decided on the first member that asks, with its own resource, and
   * those asked per target.
   */
  decisions(group: Group, i: number): Decided[] | undefined {
    const candidate = this.list[i]!;
    if (!group.results && !group.failed) this.decideGroup(this.stateOf(this.signatures[i]!, candidate), group, candidate);
    return group.failed ? undefined : this.decisionsOf(group.results!, candidate, i);
  }

  /** Decides the group's actions by class on its first member, in the rule's order, until one is denied. */
  private decideGroup(state: SignatureState, group: Group, candidate: Candidate): void {
    const results: Array<Decided | undefined> = [];
    let whole = true;
    for (let j = 0; j < this.actions.length; j++) {
      if (state.numbers[j] === undefined) {
        results.push(undefined);
        whole = false;
        continue;
      }
      const one = decideOne(this.run, this.rule, this.actions[j]!, this.caller, candidate.target);
      if (!one || one.result.decision === 'denied') {
        group.failed = true;
        return;
      }
      results.push(one);
    }
    group.results = results;
    if (whole) group.whole = true;
  }

  /** The candidate's decisions: the group's with its own resource, and those asked per target, in the rule's order. */
  private decisionsOf(results: ReadonlyArray<Decided | undefined>, candidate: Candidate, i: number): Decided[] | undefined {
    const target = candidate.target;
    const out: Decided[] = [];
    for (let j = 0; j < this.actions.length; j++) {
      const shared = results[j];
      if (shared) {
        out.push({ action: shared.action, resource: target.arn, result: shared.result });
        continue;
      }
      const one = this.ownTrustAt(j, i, candidate) ?? decideOne(this.run, this.rule, this.actions[j]!, this.caller, target);
      if (!one || one.result.decision === 'denied') return undefined;
      out.push(one);
    }
    return out;
  }

  /**
   * The `i`th candidate's decision of the rule's `j`th action when it is asked on the target
   * role's own trust, as decideOne gives it, found through the list's trust decisions
   * (trust-decisions.ts); undefined when it is not such a question or must be asked alone.
   */
  private ownTrustAt(j: number, i: number, candidate: Candidate): Decided | undefined {
    const target = candidate.target;
    const role = target.principal;
    // The trust decisions are asked about the role itself (its ARN and account), as principal candidates' targets are.
    if (role?.kind !== 'role' || !role.trust || role.arn !== target.arn || role.accountId !== target.accountId) return undefined;
    let trusts = this.trusts[j];
    if (trusts === undefined) {
      const required = this.actions[j]!;
      const question = ownTrustQuestion(this.run, this.rule, required, this.caller, target);
      this.trusts[j] = trusts = question ? new ListTrustDecisions(this.run, this.caller, required.action, question.request, question.classify, resourcesOf(this.run, this.list), this.list.length) : null;
    }
    const result = trusts?.at(i, role);
    return result && { action: this.actions[j]!.action, resource: target.arn, result, trust: role.trust.source.id };
  }

  /** The group of the `i`th candidate: one map level per action decided by class, keyed by the candidate's number. */
  private groupOf(state: SignatureState, i: number): Group {
    const resource = this.list[i]!.target.arn;
    let level = state.groups;
    let key = -1;
    for (let j = 0; j < state.numbers.length; j++) {
      const numbers = state.numbers[j];
      if (!numbers) continue;
      if (key >= 0) {
        let next = level.get(key) as Map<number, unknown> | undefined;
        if (!next) level.set(key, (next = new Map()));
        level = next;
      }
      key = numbers.at(i, resource);
    }
    // No action decided by class: one group for the signature.
    if (key < 0) key = 0;
    let group = level.get(key) as Group | undefined;
    if (!group) level.set(key, (group = {}));
    return group;
  }

  private stateOf(signature: number, candidate: Candidate): SignatureState {
    let state = this.states.get(signature);
    if (state) return state;
    const classes = this.run.targetClasses!;
    const numbers: Array<ListNumbers | undefined> = [];
    let unusable = false;
    for (const required of this.actions) {
      const question = targetClassQuestion(this.run, this.rule, required, this.caller, candidate.target);
      if (!question) {
        numbers.push(undefined);
        continue;
      }
      const numbering = classes.numberingFor(this.caller, question.request, question.slot, required.action, candidate.target.arn, question.classify);
      if (!numbering) {
        unusable = true;
        break;
      }
      numbers.push(classes.numbersOf(numbering, resourcesOf(this.run, this.list), this.list.length));
    }
    this.states.set(signature, (state = { numbers, groups: new Map(), unusable }));
    return state;
  }
}

