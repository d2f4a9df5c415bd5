/**
 * Technique edges: each rule in rules/techniques names a relation (relations/, one module each),
 * and the relation says how its edges are found. Indexes pick the callers that could hold the
 * permissions at all (callers.ts); the evaluator then decides every required action, never
 * string matching on actions. The step returns the edges it drew.
 */
import { BY_ACCOUNT, mayAllowAction, NOT_NAMED } from '../../iam/index.js';
import type { RuleSet, TechniqueRule } from '../../rules/index.js';
import { edgeKey, type EdgeSet, type ProvenanceKeys } from '../edges.js';
import type { Facts, Principal } from '../facts/index.js';
import { invokeProvenance } from '../foundation-models.js';
import type { EdgeAttrs, Provenance } from '../schema.js';
import type { MadeBlock } from '../made-blocks.js';
import { callersFor, gateCallers, isFree, isPolicyAction, policyOf } from './callers.js';
import { policyNaming } from './policy-names.js';
import { blockShaped, candidatesOf, metBy, ownNodes } from './candidates.js';
import type { Candidate } from './model.js';
import { edgeShapeOf, type HopAttrs, type Relation, TechniqueRun, type TechniqueScope } from './relation.js';
import { RELATIONS } from './relations/index.js';
import { attrsOf, checkTechnique, decideAll, sharedHopParts, type Decided, type SharedHopParts } from './requirements.js';
import { possiblePositions } from './grant-ranges.js';
import { CallerGroups, decidedWhole, groupsTargets, type Group } from './target-groups.js';

export { edgeShapeOf, type EdgeShape, type Relation, type TechniqueScope } from './relation.js';
export { RELATIONS } from './relations/index.js';

/** The rule set without derived techniques (`analyze --no-derived`). */
export function withoutDerivedTechniques(rules: RuleSet): RuleSet {
  return { ...rules, techniques: rules.techniques.filter((t) => t.confidence !== 'derived') };
}

/** The edge shape and technique, the part of an edge's key a rule fixes; one object per rule and run. */
function edgeIdentityOf(run: TechniqueRun, rule: TechniqueRule): Pick<EdgeAttrs, 'kind' | 'access' | 'technique'> {
  return run.ofRule(rule, 'identity', () => ({ ...edgeShapeOf(run.relationOf(rule), rule), technique: rule.id }));
}

/** mayAllowAction of the caller's identity policies, once per caller object and action (qualifies asks it per candidate). */
function identityMayAllow(run: TechniqueRun, caller: Principal, action: string): boolean {
  const byAction = run.ofRule(caller, 'identity-may-allow', () => new Map<string, boolean>());
  let allowed = byAction.get(action);
  if (allowed === undefined) byAction.set(action, (allowed = mayAllowAction(caller.identity, action)));
  return allowed;
}

/** For caller-dependent relations: the caller could satisfy each policy action (a role's trust). */
function qualifies(run: TechniqueRun, rule: TechniqueRule, caller: Principal, candidate: Candidate): boolean {
  return rule.actions.every((required) => {
    if (!isPolicyAction(run, rule, required)) return true;
    const { policy, owner } = policyOf(run, required, candidate);
    if (caller.accountId === owner && identityMayAllow(run, caller, required.action)) return true;
    // Named as the evaluator names (sessions, NotPrincipal); by account only, identity must allow too.
    const how = policy ? policyNaming(run, policy, required.action, caller) : NOT_NAMED;
    return how > BY_ACCOUNT || (how === BY_ACCOUNT && identityMayAllow(run, caller, required.action));
  });
}

/**
 * invokeProvenance of a target, once per principal and run: it reads the target alone, and a
 * Bedrock API key rule asks it for every caller of the target's account. Its records are shared
 * by the edges, as a cached decision's are (never mutated).
 */
function targetInvokes(run: TechniqueRun, principal: Principal): Provenance[] | undefined {
  const known = run.cached('target-invokes', () => new WeakMap<Principal, { records: Provenance[] | undefined }>());
  let found = known.get(principal);
  if (!found) known.set(principal, (found = { records: invokeProvenance(run.facts, run.rules, principal) }));
  return found.records;
}

/** Every required action must be allowed; a `model-invocation` gain also needs the target able to invoke models. */
function checkRequired(run: TechniqueRun, rule: TechniqueRule, caller: Principal, candidate: Candidate): HopAttrs | undefined {
  if (rule.gain !== 'model-invocation') return checkTechnique(run, rule, caller, candidate.target);
  // A Bedrock API key acts with the target's Bedrock permissions: it must be able to invoke.
  const invoke = candidate.target.principal ? targetInvokes(run, candidate.target.principal) : undefined;
  return invoke ? checkTechnique(run, rule, caller, { ...candidate.target, evidence: [...(candidate.target.evidence ?? []), ...invoke] }) : undefined;
}

/** Decides one caller and candidate, and draws the edge when every action is allowed (in blocks when `blockable`). */
function tryEdge(run: TechniqueRun, rule: TechniqueRule, relation: Relation, caller: Principal, candidate: Candidate, blockable = false): void {
  if (skipped(run, relation, caller, candidate)) return;
  const identity = edgeIdentityOf(run, rule);
  if (blockable) {
    drawInBlock(run, rule, identity, caller, candidate, throughArn(caller, candidate));
    return;
  }
  // Many targets can lead to one node (every unbounded role to admin): the first proof, in
  // candidate order, stands for the others unless it only holds under a condition.
  const key = edgeKey(caller.arn, candidate.node, identity);
  const drawn = run.edges.get(key);
  if (drawn && drawn.technique === rule.id && !drawn.conditional) return;
  const attrs = (relation.check ?? checkRequired)(run, rule, caller, candidate);
  if (attrs) run.edges.putOwned(caller.arn, candidate.node, { ...identity, ...attrs, ...throughOf(caller, candidate) }, key);
}

/** True when the pair never draws an edge, whatever is decided. */
function skipped(run: TechniqueRun, relation: Relation, caller: Principal, candidate: Candidate): boolean {
  // Candidate lists are shared by the callers of an account: a caller is never its own target.
  if (candidate.node === caller.arn || (candidate.target.principal?.arn === caller.arn && !relation.targetsCaller)) return true;
  // An admin already controls its own account: its admin finding stands for these hops.
  return run.admins.has(caller.arn) && candidate.target.accountId === caller.accountId;
}

/** sharedHopParts of the rule, one function per rule and run (blocks call it once per block, not per pair). */
function hopPartsOf(run: TechniqueRun, rule: TechniqueRule): (decided: readonly Decided[]) => SharedHopParts {
  return run.ofRule(rule, 'hop-parts', () => (decided: readonly Decided[]) => sharedHopParts(run, rule, decided));
}

/**
 * tryEdge for a candidate of a list whose edges blocks may hold (blockShaped), not skipped: no
 * key is built and nothing drawn was looked up, since only this list's candidates draw these
 * keys. With a target group (target-groups.ts), the `at`th candidate of `groups`' list, its
 * decisions are the group's; otherwise decideAll's.
 */
function drawInBlock(run: TechniqueRun, rule: TechniqueRule, identity: Pick<EdgeAttrs, 'kind' | 'access' | 'technique'>, caller: Principal, candidate: Candidate, through: string | undefined, groups?: CallerGroups, at = -1, group?: Group): void {
  const blocks = run.blocks!;
  if (candidate.node !== candidate.target.arn) {
    // Many targets lead to this node: the first unconditional proof stands for the others.
    if (blocks.settled(caller, rule, candidate.node)) return;
    const decided = group ? groups!.decisions(group, at) : decideAll(run, rule, caller, candidate.target);
    // A group decided whole: its next members may join this grant undecided (perCaller).
    if (decided) blocks.merge(rule, identity, caller, candidate.node, candidate.target, decided, hopPartsOf(run, rule), through, group && decidedWhole(group) ? group : undefined);
    return;
  }
  // An edge to the target itself, its key its own: the block of its decisions takes it.
  const decided = group ? groups!.decisions(group, at) : decideAll(run, rule, caller, candidate.target);
  // A group decided whole: its next members may join the block this pair goes into undecided (perCaller).
  const whole = group && decidedWhole(group) ? group : undefined;
  if (!decided || (through === undefined && blocks.add(rule, identity, caller, candidate.target, decided, hopPartsOf(run, rule), whole))) return;
  run.edges.putOwned(caller.arn, candidate.node, { ...identity, ...attrsOf(run, rule, decided, candidate.target), ...(through !== undefined ? { through } : {}) }, edgeKey(caller.arn, candidate.node, identity));
}

/** The principal a hop changes and becomes on its way to another node (account admin), when there is one. */
function throughArn(caller: Principal, candidate: Candidate): string | undefined {
  const changed = candidate.target.principal?.arn;
  return changed !== undefined && changed !== candidate.node && changed !== caller.arn ? changed : undefined;
}

/** throughOf as attributes to spread into an edge's. */
function throughOf(caller: Principal, candidate: Candidate): { through: string } | undefined {
  const through = throughArn(caller, candidate);
  return through !== undefined ? { through } : undefined;
}

/** Actions on the target that only the caller's identity policies can grant (no resource policy, no rewritten trust). */
function identityTargetActions(run: TechniqueRun, rule: TechniqueRule): string[] {
  return rule.actions.filter((a) => a.on === 'target' && !isPolicyAction(run, rule, a) && !isFree(run, rule, a)).map((a) => a.action);
}

/**
 * True when the rule's pairs may go into blocks: edges decided by the required actions alone
 * (no relation check of its own, no model-invocation evidence), keyed by technique (an edge
 * keyed by access level merges with other rules' edges).
 */
function blocksFit(run: TechniqueRun, rule: TechniqueRule, relation: Relation): boolean {
  return run.blocks !== undefined && relation.check === undefined && rule.gain !== 'model-invocation' && edgeIdentityOf(run, rule).access === undefined;
}

/** Edges of a relation whose candidates do not depend on the caller: callers are found per candidate. */
function perCandidate(run: TechniqueRun, rule: TechniqueRule, relation: Relation, gate: Principal[], list: (run: TechniqueRun, rule: TechniqueRule) => Candidate[]): void {
  const gateSet = new Set(gate);
  const candidates = candidatesOf(run, rule, list);
  // Every deploy role onto every function of its account: the candidates whose edge keys are
  // their own go into blocks, decided once per resource class so that their decisions are shared.
  const own = blocksFit(run, rule, relation) ? ownNodes(run, candidates) : undefined;
  if (own?.size) run.classed.add(rule);
  for (const candidate of candidates) {
    const blockable = own?.has(candidate) === true;
    for (const caller of callersFor(run, rule, candidate, gateSet, gate)) tryEdge(run, rule, relation, caller, candidate, blockable);
  }
}

/** Edges of a relation whose candidates depend on the caller: candidates are listed per caller. */
function perCaller(run: TechniqueRun, rule: TechniqueRule, relation: Relation, gate: Principal[], list: (run: TechniqueRun, rule: TechniqueRule, caller: Principal) => Candidate[]): void {
  const policyActions = rule.actions.some((a) => isPolicyAction(run, rule, a));
  // Lower-cased once: the grant index lower-cases what it is asked, per pair.
  const onTarget = identityTargetActions(run, rule).map((action) => action.toLowerCase());
  const blocks = blocksFit(run, rule, relation);
  const grouped = blocks && groupsTargets(run, rule);
  for (const caller of gate) {
    // Every candidate of a caller-dependent relation is in the caller's own account, which an
    // admin already controls: tryEdge would skip each one.
    if (run.admins.has(caller.arn)) continue;
    const all = list(run, rule, caller);
    const blockable = blocks && blockShaped(run, all);
    const met = metBy(run, rule, all);
    // Most callers may change a few of their account's roles, not all of them: the grant
    // index rules the others out by resource prefix before any edge key is built, visiting
    // only the ARN ranges of the caller's prefixes (grant-ranges.ts; per pair on the reference path).
    const visit = onTarget.length ? possiblePositions(run, caller, onTarget, met) : undefined;
    // In blocks, targets are decided once per group (target-groups.ts).
    const groups = blockable && grouped ? new CallerGroups(run, rule, caller, met) : undefined;
    const count = visit ? visit.length : met.length;
    if (!groups) {
      for (let v = 0; v < count; v++) {
        const candidate = met[visit ? visit[v]! : v]!;
        if (!policyActions || qualifies(run, rule, caller, candidate)) tryEdge(run, rule, relation, caller, candidate, blockable);
      }
      continue;
    }
    const identity = edgeIdentityOf(run, rule);
    for (let v = 0; v < count; v++) {
      const i = visit ? visit[v]! : v;
      const candidate = met[i]!;
      if ((policyActions && !qualifies(run, rule, caller, candidate)) || skipped(run, relation, caller, candidate)) continue;
      const through = throughArn(caller, candidate);
      const group = groups.groupAt(i);
      if (group) {
        // A denied group draws nothing; a group decided whole adds its member to the block or
        // merged edge grant its last member went into, undecided (the decisions would be the same objects).
        if (group.failed) continue;
        if (decidedWhole(group)) {
          const forming = run.blocks!;
          if (candidate.node !== candidate.target.arn ? forming.addToGroupMerge(rule, caller, group, candidate.node, candidate.target, through) : through === undefined && forming.addToGroupBlock(rule, caller, group, candidate.target)) continue;
        }
      }
      drawInBlock(run, rule, identity, caller, candidate, through, groups, i, group);
    }
  }
}

/**
 * Which rules a technique step draws, in what order, and who hears of each rule drawn: the
 * parallel build (graph/parallel/) hands rules out to threads this way. Rules whose edges can
 * share a key (parallel/partition.ts) must keep their relative order: a rule skips proofs of an
 * edge it already drew unconditionally.
 */
export interface TechniqueSchedule {
  /** Indices into `rules.techniques`; by default all of them, in order. */
  rules: Iterable<number>;
  /** Called after each rule, with the step's edges so far (`places` counts those in blocks too). */
  drawn?(index: number, edges: EdgeSet): void;
}

/** The technique step's edges: those drawn pair by pair, and the blocks, each edge with its place in the order found. */
export interface TechniqueEdges {
  edges: EdgeSet;
  blocks: MadeBlock[];
  /** Per block, per edge: its place among the step's edges (EdgeSet.reserve). */
  positions: number[][];
}

/**
 * How a technique step runs: `blocks: false` draws every edge pair by pair; `reference: true`
 * takes none of the decision shortcuts (target numbers, per-caller actions, reused decisions:
 * TechniqueRun.reference), which the tests compare with; a schedule picks and orders the rules.
 */
export interface TechniqueOptions {
  blocks?: boolean;
  reference?: boolean;
  schedule?: TechniqueSchedule;
}

/** The edges of every active technique rule, in rule order (or the schedule's rules, in its order). */
export function techniqueEdges(facts: Facts, rules: RuleSet, scope: TechniqueScope, keys: ProvenanceKeys, options: TechniqueOptions = {}): TechniqueEdges {
  const run = new TechniqueRun(facts, rules, scope, keys, RELATIONS, { blocks: options.blocks ?? true, reference: options.reference ?? false });
  const schedule = options.schedule;
  if (!schedule) {
    for (const rule of rules.techniques) drawRule(run, rule);
  } else {
    for (const index of schedule.rules) {
      drawRule(run, rules.techniques[index]!);
      schedule.drawn?.(index, run.edges);
    }
  }
  const { blocks, positions } = run.blocks?.finish() ?? { blocks: [], positions: [] };
  return { edges: run.edges, blocks, positions };
}

/** Draws one rule's edges into the run's set. */
function drawRule(run: TechniqueRun, rule: TechniqueRule): void {
  if (rule.deprecated) return;
  const relation = run.relationOf(rule);
  const derive = relation.derive;
  if (derive.by === 'own') {
    derive.draw(run, rule);
    return;
  }
  const gate = gateCallers(run, rule);
  if (!gate.length) return;
  if (derive.by === 'candidate') perCandidate(run, rule, relation, gate, derive.candidates);
  else perCaller(run, rule, relation, gate, derive.candidates);
}
