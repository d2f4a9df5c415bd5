/**
 * Decisions on a role's own trust policy, one per trust shape and resource class, not one per
 * (caller, role) pair (issue 20). Every caller with `sts:AssumeRole`, or able to change a role
 * and then assume it, asks each role of its account under that role's own trust: about 350,000
 * questions at 7,000 principals, on trusts of a few texts (the account root, a service, three
 * named principals).
 *
 * What a decision reads of the role: its ARN (scope, and how each Resource pattern matches it:
 * the resource class, numbered by target-classes.ts, facts and tags included) and its trust.
 * The evaluator reads a trust statement's Principal/NotPrincipal only as how it names the
 * caller (principalMatch, scan.ts) and whether it is a NotPrincipal (and a policy's public-ness
 * under Block Public Access); everything else of the statement (effect, actions, resources,
 * conditions, variables) as written. So the shape of a (caller, role) question is the trust's
 * text without its principals' values, plus how each statement's block names this caller:
 * two roles of one account with equal shapes and classes get the same decision but for the
 * trust statements it cites, which are re-pointed at each role's own (same index; the role's
 * policy id, Sid and hash) and sorted again as the evaluator sorts them (by policy id). A trust
 * naming the role itself, or a caller by ARN, falls out of this: the caller's own match differs.
 * The role's ARN in a condition (aws:PrincipalArn, aws:SourceArn) or a Resource stays in the
 * text, so such trusts share only with the same text.
 */
import { compareStrings } from '../../core/hash.js';
import { isPublicPolicy, principalMatch, type CompiledPolicy, type CompiledStatement, type EvaluationResult, type Residual, type StatementRef } from '../../iam/index.js';
import type { Classified } from './target-classes.js';
import type { Principal } from '../facts/index.js';
import type { TechniqueRun } from './relation.js';
import type { QuestionSlot } from './question-slot.js';
import type { ListNumbers } from './target-numbers.js';

/** Trusts with more statements are decided pair by pair: the shape's number must stay a safe integer. */
const MAX_STATEMENTS = 8;
/** 4^(MAX_STATEMENTS + 1): the room one trust text's match codes take in a shape number. */
const CODES = 4 ** (MAX_STATEMENTS + 1);

/** What a technique run keeps for trust decisions: a number per trust text without principals, and each shared decision's trust. */
interface TrustShapes {
  /** Per trust policy: its text's number, or -1 when it is decided pair by pair. */
  texts: WeakMap<CompiledPolicy, number>;
  ids: Map<string, number>;
  /** Per trust policy: the number of its whole text, principals' values included (equal numbers: equal match codes for every caller); -1 as texts. */
  wholes: WeakMap<CompiledPolicy, number>;
  wholeIds: Map<string, number>;
  /** Per caller, by whole text number: its shape (principalMatch once per caller and distinct trust, not per role). */
  byCaller: WeakMap<Principal, Map<number, number>>;
  /** Per shared decision: the trust it was made with. */
  sources: WeakMap<EvaluationResult, CompiledPolicy>;
}

/** Everything of a statement the evaluator reads but its principals' values, as JSON (the place, Sid and hash are re-pointed). */
function statementText(statement: CompiledStatement): string {
  return JSON.stringify([
    statement.effect,
    statement.notAction,
    statement.actions,
    statement.notResource,
    statement.resources,
    statement.principal ? (statement.principal.not ? 'not' : 'named') : null,
    statement.conditions.map((c) => [c.operator, c.key, c.keyAsWritten ?? null, c.values]),
    statement.variables,
  ]);
}

/** The number of a trust's text without principals' values, once per role; -1 for a trust decided pair by pair. */
function textOf(shapes: TrustShapes, trust: CompiledPolicy): number {
  let id = shapes.texts.get(trust);
  if (id !== undefined) return id;
  if (trust.statements.length > MAX_STATEMENTS) id = -1;
  else {
    // Public-ness is read from the principals (Block Public Access): part of the text.
    const text = `${isPublicPolicy(trust) ? 'public' : 'private'}\u0001${trust.statements.map(statementText).join('\u0001')}`;
    id = shapes.ids.get(text);
    if (id === undefined) shapes.ids.set(text, (id = shapes.ids.size));
  }
  shapes.texts.set(trust, id);
  return id;
}

/**
 * The shape of `caller` asking under `trust`, as one number: the trust's text, and per
 * statement how its Principal/NotPrincipal block names the caller (0 when it has none).
 * Undefined when the trust is decided pair by pair.
 */
export function trustShape(run: TechniqueRun, caller: Principal, trust: CompiledPolicy): number | undefined {
  const shapes = shapesOf(run);
  const whole = wholeOf(shapes, trust);
  if (whole < 0) return undefined;
  // Roles of one account mostly share a few trusts word for word (the account root, a service):
  // the caller's match codes are the same for each, so they are found once per caller and text.
  let known = shapes.byCaller.get(caller);
  if (!known) shapes.byCaller.set(caller, (known = new Map()));
  let shape = known.get(whole);
  if (shape === undefined) known.set(whole, (shape = shapeOf(shapes, caller, trust)));
  return shape;
}

/** trustShape made: the trust's text and, per statement, how its principal block names the caller. */
function shapeOf(shapes: TrustShapes, caller: Principal, trust: CompiledPolicy): number {
  let code = 1;
  for (const statement of trust.statements) code = code * 4 + (statement.principal ? principalMatch(statement, caller.request) : 0);
  return textOf(shapes, trust) * CODES + code;
}

/** The number of a trust's whole text (what textOf reads, and its principals' values), once per role; -1 as textOf. */
function wholeOf(shapes: TrustShapes, trust: CompiledPolicy): number {
  let id = shapes.wholes.get(trust);
  if (id !== undefined) return id;
  const text = textOf(shapes, trust);
  if (text < 0) id = -1;
  else {
    const whole = `${text}\u0001${JSON.stringify(trust.statements.map((s) => s.principal ?? null))}`;
    id = shapes.wholeIds.get(whole);
    if (id === undefined) shapes.wholeIds.set(whole, (id = shapes.wholeIds.size));
  }
  shapes.wholes.set(trust, id);
  return id;
}

function shapesOf(run: TechniqueRun): TrustShapes {
  return run.cached('trust-shapes', (): TrustShapes => ({ texts: new WeakMap(), ids: new Map(), wholes: new WeakMap(), wholeIds: new Map(), byCaller: new WeakMap(), sources: new WeakMap() }));
}

/** As the evaluator orders cited statements (evaluate.ts byPosition): by policy id, then index. */
function byPosition(a: StatementRef, b: StatementRef): number {
  return compareStrings(a.policy.id, b.policy.id) || a.index - b.index;
}

function repointRefs(refs: StatementRef[], from: CompiledPolicy, to: CompiledPolicy): StatementRef[] {
  if (!refs.some((r) => r.policy === from.source)) return refs;
  const out = refs.map((r) => (r.policy === from.source ? to.statements[r.index]!.ref : r));
  return out.length > 1 ? out.sort(byPosition) : out;
}

function repointResidual(residual: Residual[], from: CompiledPolicy, to: CompiledPolicy): Residual[] {
  if (!residual.some((r) => r.statement.policy === from.source)) return residual;
  const out = residual.map((r) => (r.statement.policy === from.source ? { ...r, statement: to.statements[r.statement.index]!.ref } : r));
  return out.length > 1 ? out.sort((a, b) => byPosition(a.statement, b.statement)) : out;
}

/**
 * The decision `result`, made with trust `from`, as it reads with trust `to` of the same
 * shape: `from`'s statements it cites are `to`'s at the same index. The same object when it
 * cites none of them (a denial by the trust).
 */
export function repointed(result: EvaluationResult, from: CompiledPolicy, to: CompiledPolicy): EvaluationResult {
  if (from === to) return result;
  const allowedBy = repointRefs(result.allowedBy, from, to);
  const deniedBy = repointRefs(result.deniedBy, from, to);
  const residual = repointResidual(result.residual, from, to);
  if (allowedBy === result.allowedBy && deniedBy === result.deniedBy && residual === result.residual) return result;
  return { ...result, allowedBy, deniedBy, residual };
}

/**
 * The decision of `caller` assuming `role` under its own trust for one request (`request`, its
 * key; `classify`, the question with the role's trust) as it was made, once per trust shape
 * and resource class of the caller (target-classes.ts): it cites the statements of the trust
 * `trustSource` gives, not necessarily the role's own. Undefined on the reference path, for
 * trusts too long to number, and for a decision made by another path.
 */
export function sharedTrustDecision(run: TechniqueRun, caller: Principal, request: string, action: string, role: Principal, classify: () => Classified): EvaluationResult | undefined {
  const classes = run.targetClasses;
  const trust = role.trust!;
  const shape = classes ? trustShape(run, caller, trust) : undefined;
  if (shape === undefined) return undefined;
  const { sources } = shapesOf(run);
  const shared = classes!.decision(caller, request, shapeSlot(role.accountId, shape), action, role.arn, () => {
    const classified = classify();
    return {
      ...classified,
      decide: () => {
        const result = classified.decide();
        sources.set(result, trust);
        return result;
      },
    };
  });
  return sources.has(shared) ? shared : undefined;
}

/** The question slot of a trust shape in an account: a negative policy number, never a question slot's of request.ts, so shapes get plans of their own. */
function shapeSlot(account: string, shape: number): QuestionSlot {
  return { account, policy: -1 - shape };
}

/** The trust policy a decision of sharedTrustDecision was made with (the statements it cites). */
export function trustSource(run: TechniqueRun, shared: EvaluationResult): CompiledPolicy {
  return shapesOf(run).sources.get(shared)!;
}

/**
 * The decision of `caller` assuming `role` under its own trust for one request (`request`, its
 * key; `classify` and `alone`, the question with the role's trust): made once per trust shape
 * and resource class of the caller (target-classes.ts), re-pointed at the role's trust. Decided
 * alone on the reference path and for trusts too long to number.
 */
export function ownTrustDecision(run: TechniqueRun, caller: Principal, request: string, action: string, role: Principal, classify: () => Classified, alone: () => EvaluationResult): EvaluationResult {
  const shared = sharedTrustDecision(run, caller, request, action, role, classify);
  return shared ? repointed(shared, trustSource(run, shared), role.trust!) : alone();
}

/** One shape's decisions over a list: the roles' numbers under the shape's numbering (null: asked role by role), and the shared decision per number. */
interface ShapeDecisions {
  numbers: ListNumbers | null;
  byNumber: Map<number, EvaluationResult>;
}

/**
 * One caller's own-trust decisions for one request over one candidate list (target groups,
 * target-groups.ts): each role's decision is sharedTrustDecision's, found by the role's
 * account, trust shape and number under that shape's numbering (the list's numbers, shared by
 * callers), so that a role costs a few lookups instead of a question. The role takeovers that
 * assume the role afterwards ask it of every role of a dense account for each caller.
 */
export class ListTrustDecisions {
  /** By account, then by shape and side of AWS managed keys (RCPs), as the shared decisions' plans and numberings are kept (target-classes.ts). */
  private readonly byAccount = new Map<string, Map<number, ShapeDecisions>>();

  constructor(
    private readonly run: TechniqueRun,
    private readonly caller: Principal,
    private readonly action: string,
    private readonly request: string,
    /** The question of the caller assuming a role of the list. */
    private readonly classify: (role: Principal) => Classified,
    /** The list's resources (one object per sequence of ARNs) and length, for its numbers. */
    private readonly owner: object,
    private readonly length: number,
  ) {}

  /** The decision of the list's `i`th role, `role`, as ownTrustDecision gives it; undefined when it is to be asked alone (ownTrustDecision's own fallback). */
  at(i: number, role: Principal): EvaluationResult | undefined {
    const trust = role.trust!;
    const shared = this.sharedAt(i, role, trust);
    return shared && repointed(shared, trustSource(this.run, shared), trust);
  }

  private sharedAt(i: number, role: Principal, trust: CompiledPolicy): EvaluationResult | undefined {
    const { run, caller } = this;
    const classes = run.targetClasses!;
    const shape = trustShape(run, caller, trust);
    if (shape === undefined) return undefined;
    let byShape = this.byAccount.get(role.accountId);
    if (!byShape) this.byAccount.set(role.accountId, (byShape = new Map()));
    // A shape number is a text's number times 4^9 plus match codes: doubled with the side, still a safe integer.
    const key = shape * 2 + (classes.awsManaged(role.arn) ? 1 : 0);
    let decisions = byShape.get(key);
    if (!decisions) {
      const numbering = classes.numberingFor(caller, this.request, shapeSlot(role.accountId, shape), this.action, role.arn, () => this.classify(role));
      byShape.set(key, (decisions = { numbers: numbering ? classes.numbersOf(numbering, this.owner, this.length) : null, byNumber: new Map() }));
    }
    if (!decisions.numbers) return sharedTrustDecision(run, caller, this.request, this.action, role, () => this.classify(role));
    const number = decisions.numbers.at(i, role.arn);
    let shared = decisions.byNumber.get(number);
    if (!shared) {
      // The decision found by the same number through the caller's plan (target-classes.ts): the same object.
      shared = sharedTrustDecision(run, caller, this.request, this.action, role, () => this.classify(role));
      if (shared) decisions.byNumber.set(number, shared);
    }
    return shared;
  }
}
