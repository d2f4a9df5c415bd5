/**
 * Forms edge blocks in the technique step (issue 20, item 2): a caller's edges of one rule
 * whose decisions are the same objects (one decision per resource class, request.ts) differ
 * only by their target, so they are kept as one TargetBlock instead of one attributes object,
 * provenance list, edge key and merge per pair. A conditional administrator's ten IAM
 * techniques over every user and role of a dense account are then a few dozen blocks.
 *
 * Per pair the step does a few identity comparisons and two pushes. Everything else (actions,
 * residual, provenance templates and their order) is made once per block. A block that cannot
 * promise the pair edges' exact provenance order for every target is refused, and its pairs are
 * drawn one by one as before.
 */
import type { EvaluationResult } from '../../iam/index.js';
import type { TechniqueRule } from '../../rules/index.js';
import type { EdgeSet } from '../edges.js';
import type { Principal } from '../facts/index.js';
import type { EdgeAttrs, Provenance } from '../schema.js';
import type { MadeBlock } from '../made-blocks.js';
import { MergedEdge, type MergedEdgeData } from '../merged-edge.js';
import { TargetBlock, type HopTemplate, type RecordTemplate, type TargetBlockData } from '../target-block.js';
import { hopTemplate, orderedTemplates, SharedTemplates } from './hop-templates.js';
import type { Decided, SharedHopParts } from './decided.js';
import { SharedLists } from './shared-lists.js';
import { sameUpToTrust } from './trust-shape.js';

/** A pair's target as blocks keep it. */
type Target = { arn: string; detail?: Record<string, string>; evidence?: Provenance[] };

/** Blocks a caller's rule keeps open for matching; more distinct decision sets than this are rare, and scanning them is per pair. */
const MAX_OPEN = 4;

/** A block being formed: the decisions its edges share (held during the step only), and its edges so far. */
class Forming {
  readonly positions: number[] = [];

  constructor(
    /** Per decision: its result, action, and the resource when it is not the target's. */
    private readonly results: readonly EvaluationResult[],
    private readonly actions: readonly string[],
    private readonly fixed: ReadonlyArray<string | undefined>,
    /** Undefined when refused: the pairs of these decisions are drawn one by one. */
    readonly data: TargetBlockData | undefined,
    /**
     * A merged edge's grant only: per decision on the target role's own trust, that policy's
     * id and what follows the role's ARN in it; other roles' decisions of the same shape match.
     */
    private readonly trusts?: ReadonlyArray<{ id: string; suffix: string } | undefined>,
  ) {}

  /** The decision set of a merged edge's grant (its template's records in any order). */
  static hop(decided: readonly Decided[], target: string, hop: HopTemplate): Forming {
    return new Forming(
      decided.map((d) => d.result),
      decided.map((d) => d.action),
      decided.map((d) => (d.resource === target ? undefined : d.resource)),
      { ...hop, from: '', identity: { kind: 'escalation' }, targets: [] },
      decided.map((d) => ownTrust(d, target)),
    );
  }

  /** True when these are the block's decisions for this target (a role's own trust: decisions of the same shape). */
  matches(decided: readonly Decided[], target: string): boolean {
    if (decided.length !== this.results.length) return false;
    for (let j = 0; j < decided.length; j++) {
      const d = decided[j]!;
      if (d.action !== this.actions[j] || d.resource !== (this.fixed[j] ?? target)) return false;
      if (d.result === this.results[j]) continue;
      const trust = this.trusts?.[j];
      if (!trust || d.trust === undefined || !isOwn(d.trust, target, trust.suffix) || !sameUpToTrust(this.results[j]!, d.result, trust.id, d.trust)) return false;
    }
    return true;
  }

  /** True when every decision's resource is the target itself, none on its own trust: the block matches any target given the same decision objects. */
  followsTarget(): boolean {
    if (this.trusts) for (const trust of this.trusts) if (trust !== undefined) return false;
    for (const resource of this.fixed) if (resource !== undefined) return false;
    return true;
  }

  push(target: string, detail: Record<string, string> | undefined, evidence: Provenance[] | undefined, position: number): void {
    const data = this.data!;
    if (detail) (data.details ??= new Array<Record<string, string> | null>(data.targets.length).fill(null))[data.targets.length] = detail;
    else if (data.details) data.details.push(null);
    if (evidence?.length) (data.evidence ??= new Array<Provenance[] | null>(data.targets.length).fill(null))[data.targets.length] = evidence;
    else if (data.evidence) data.evidence.push(null);
    data.targets.push(target);
    this.positions.push(position);
  }
}

/** True when `id` is the target's ARN followed by `suffix` (without joining them). */
function isOwn(id: string, target: string, suffix: string): boolean {
  return id.length === target.length + suffix.length && id.startsWith(target) && id.endsWith(suffix);
}

/** The trust policy a decision was asked with, when it is the target role's own and its id extends the role's ARN. */
function ownTrust(d: Decided, target: string): { id: string; suffix: string } | undefined {
  return d.trust !== undefined && d.resource === target && d.trust.startsWith(target) ? { id: d.trust, suffix: d.trust.slice(target.length) } : undefined;
}

/** A merged edge's target as merge() keeps it. */
type MergedTarget = { arn: string; detail?: Record<string, string> };

/** Adds a target to a merged edge through its grant `at`. */
function pushGrant(edge: MergedForming, at: number, target: MergedTarget, through: string | undefined): void {
  const data = edge.data;
  if (target.detail) (data.details ??= new Array<Record<string, string> | null>(data.targets.length).fill(null))[data.targets.length] = target.detail;
  else if (data.details) data.details.push(null);
  data.hop.push(at);
  // Throughs are kept only from the first grant that does not pass through its own target.
  if (!data.throughs && through !== target.arn) data.throughs = [...data.targets];
  data.targets.push(target.arn);
  data.throughs?.push(through ?? null);
  if (!data.hops[at]!.conditional) edge.conditional = false;
}

/** A merged edge being formed: its grants' decision sets and the grants in the order found. */
interface MergedForming {
  position: number;
  conditional: boolean;
  hops: Forming[];
  data: MergedEdgeData;
}

/**
 * What is being formed for one caller of the current rule: blocks open for matching, merged
 * edges by node, and per target group (target-groups.ts) the block its last pair went into.
 */
interface CallerForming {
  open: Forming[];
  merging: Map<string, MergedForming>;
  byGroup?: Map<object, Forming>;
  /** Per target group, the merged edge and grant its last pair went into. */
  hopByGroup?: Map<object, { edge: MergedForming; at: number }>;
  /** Blocks by the object standing for what their edges share (addKeyed). */
  keyed?: Map<object, Forming>;
}

/** The blocks of one technique step. */
export class BlockForming {
  private rule: TechniqueRule | undefined;
  /** Per caller of the current rule (callers interleave where they are found per candidate). */
  private callers = new Map<Principal, CallerForming>();
  private readonly formed: Array<Forming | MergedForming> = [];
  /** Merged edges' templates, one object per content: callers of one policy make equal grants of every role. */
  private templates = new SharedTemplates();

  constructor(private readonly edges: EdgeSet) {}

  /** The last caller begun and its state: a caller-dependent rule asks about one caller's pairs in a row. */
  private lastCaller: Principal | undefined;
  private lastState: CallerForming | undefined;

  private begin(caller: Principal, rule: TechniqueRule): CallerForming {
    if (rule !== this.rule) {
      this.rule = rule;
      this.callers = new Map();
      this.lastCaller = undefined;
    }
    if (this.lastCaller === caller) return this.lastState!;
    let state = this.callers.get(caller);
    if (!state) this.callers.set(caller, (state = { open: [], merging: new Map(), byGroup: undefined, hopByGroup: undefined }));
    this.lastCaller = caller;
    this.lastState = state;
    return state;
  }

  /** True when an unconditional grant already stands for the caller's edge to `node`: the others need no decision (tryEdge's rule). */
  settled(caller: Principal, rule: TechniqueRule, node: string): boolean {
    return this.begin(caller, rule).merging.get(node)?.conditional === false;
  }

  /**
   * Adds a grant to the caller's edge to `node`, one of many targets leading there (the account's
   * admin node). The caller guarantees no other candidate draws that key pair by pair.
   */
  merge(rule: TechniqueRule, identity: Pick<EdgeAttrs, 'kind' | 'access' | 'technique'>, caller: Principal, node: string, target: MergedTarget, decided: readonly Decided[], shared: (decided: readonly Decided[]) => SharedHopParts, through: string | undefined, group?: object): void {
    const state = this.begin(caller, rule);
    const merging = state.merging;
    let edge = merging.get(node);
    if (!edge) {
      edge = { position: this.edges.reserve(), conditional: true, hops: [], data: { from: caller.arn, to: node, identity, hops: [], hop: [], targets: [] } };
      merging.set(node, edge);
      this.formed.push(edge);
    }
    const data = edge.data;
    // Decision sets are few per edge, but a role's own trust makes one per role: look back a few only.
    let at = -1;
    for (let h = edge.hops.length - 1; h >= 0 && h >= edge.hops.length - MAX_OPEN; h--) {
      if (edge.hops[h]!.matches(decided, target.arn)) {
        at = h;
        break;
      }
    }
    if (at < 0) {
      const parts = shared(decided);
      // A merged edge's records are sorted when it is read: its templates need no order.
      // A role's own trust policy is named through the target, so that other roles' grants of the same shape share the template.
      const hop = hopTemplate(
        parts,
        decided.flatMap((d, j) => {
          const trust = ownTrust(d, target.arn);
          return parts.records[j]!.map((record: Provenance): RecordTemplate => (trust && record.policy === trust.id ? { record, varies: d.resource === target.arn, policySuffix: trust.suffix } : { record, varies: d.resource === target.arn }));
        }),
      );
      edge.hops.push(Forming.hop(decided, target.arn, hop));
      data.hops.push(this.templates.shared(hop));
      at = data.hops.length - 1;
    }
    if (group && edge.hops[at]!.followsTarget()) (state.hopByGroup ??= new Map()).set(group, { edge, at });
    pushGrant(edge, at, target, through);
  }

  /**
   * merge() for the next member of a target group whose every decision is the group's (`group`
   * as merge() was given it), to the same node: the grant merge() would find is the one the last
   * member went into while it is still among those merge() looks back at (a grant is made only
   * when none there matches). True when the member is done (added, or the edge already stands
   * unconditionally: settled), false when the caller must decide and merge as usual.
   */
  addToGroupMerge(rule: TechniqueRule, caller: Principal, group: object, node: string, target: MergedTarget, through: string | undefined): boolean {
    const last = this.begin(caller, rule).hopByGroup?.get(group);
    if (!last || last.edge.data.to !== node) return false;
    const edge = last.edge;
    if (!edge.conditional) return true;
    if (last.at < edge.hops.length - MAX_OPEN) return false;
    pushGrant(edge, last.at, target, through);
    return true;
  }

  /**
   * Adds caller → target to the block of the same decisions (made from `shared` when new, once
   * per block). False when the pair must be drawn as an edge. The caller guarantees the pair's
   * edge key is drawn by nothing else: its node is its target, distinct in the candidate list.
   */
  add(rule: TechniqueRule, identity: Pick<EdgeAttrs, 'kind' | 'access' | 'technique'>, caller: Principal, target: Target, decided: readonly Decided[], shared: (decided: readonly Decided[]) => SharedHopParts, group?: object): boolean {
    const state = this.begin(caller, rule);
    const open = state.open;
    let forming: Forming | undefined;
    for (const f of open) {
      if (f.matches(decided, target.arn)) {
        forming = f;
        break;
      }
    }
    if (!forming) {
      forming = this.form(caller, identity, target.arn, decided, shared(decided));
      if (open.length >= MAX_OPEN) open.shift();
      open.push(forming);
      if (forming.data) this.formed.push(forming);
    }
    if (!forming.data) return false;
    if (group && forming.followsTarget()) (state.byGroup ??= new Map()).set(group, forming);
    forming.push(target.arn, target.detail, target.evidence, this.edges.reserve());
    return true;
  }

  /**
   * add() for the next member of a target group whose every decision is the group's (`group`
   * as add() was given it): its decisions are the last member's with its own resource, so the
   * block add() would find is the one the last member went into, while that block is still
   * open (no other can match: one is formed only when none does). False when it is not: the
   * caller then decides and adds as usual.
   */
  addToGroupBlock(rule: TechniqueRule, caller: Principal, group: object, target: Target): boolean {
    const state = this.begin(caller, rule);
    const forming = state.byGroup?.get(group);
    if (!forming || !state.open.includes(forming)) return false;
    forming.push(target.arn, target.detail, target.evidence, this.edges.reserve());
    return true;
  }

  /**
   * Adds caller → target to the caller's block of `key` in the current rule: an object standing
   * for everything the block's edges share but their target and its evidence (one shared trust
   * decision, relations/assume-role.ts), the block's data made by `make` once per caller and
   * key. False when `make` refused it: the pair must be drawn as an edge. The caller guarantees
   * that the pair's edge key is drawn by nothing else and that one key stands for one data.
   */
  addKeyed(rule: TechniqueRule, caller: Principal, key: object, target: Target, make: () => TargetBlockData | undefined): boolean {
    const state = this.begin(caller, rule);
    const keyed = (state.keyed ??= new Map());
    let forming = keyed.get(key);
    if (!forming) {
      forming = new Forming([], [], [], make());
      keyed.set(key, forming);
      if (forming.data) this.formed.push(forming);
    }
    if (!forming.data) return false;
    forming.push(target.arn, target.detail, target.evidence, this.edges.reserve());
    return true;
  }

  private form(caller: Principal, identity: Pick<EdgeAttrs, 'kind' | 'access' | 'technique'>, target: string, decided: readonly Decided[], parts: SharedHopParts): Forming {
    const fixed = decided.map((d) => (d.resource === target ? undefined : d.resource));
    const records = orderedTemplates(decided.flatMap((d, j) => parts.records[j]!.map((record: Provenance) => ({ record, varies: fixed[j] === undefined }))));
    const data: TargetBlockData | undefined = records && { ...hopTemplate(parts, records), from: caller.arn, identity, targets: [] };
    return new Forming(
      decided.map((d) => d.result),
      decided.map((d) => d.action),
      fixed,
      data,
    );
  }

  /** The blocks formed, and each edge's place among the step's edges (for drawing them in the order found). */
  finish(): { blocks: MadeBlock[]; positions: number[][] } {
    this.callers = new Map();
    this.rule = undefined;
    this.lastCaller = this.lastState = undefined;
    this.templates = new SharedTemplates();
    // Blocks of one list (every user of the account, for each conditional administrator) share it.
    const lists = new SharedLists();
    return {
      blocks: this.formed.map((f) => (f instanceof Forming ? new TargetBlock({ ...f.data!, targets: lists.shared(f.data!.targets) }) : new MergedEdge({ ...f.data, targets: lists.shared(f.data.targets) }))),
      positions: this.formed.map((f) => (f instanceof Forming ? f.positions : [f.position])),
    };
  }
}

