/**
 * `assume-role`: can-assume edges between principals of the snapshot. The role's trust policy
 * must allow the caller and, when it only names the caller's account or the caller is in
 * another account, the caller's own policies must allow sts:AssumeRole on the role too. The
 * evaluator decides both; candidate callers come from the trust's names and the grant index.
 */
import { matchesPattern, mayAllowAction, type CompiledPolicy, type EvaluationResult } from '../../../iam/index.js';
import type { TechniqueRule } from '../../../rules/index.js';
import { hopConfidence } from '../../confidence.js';
import { classify, decide, provenanceOf, residualClauses, type Question } from '../../decide.js';
import type { Principal } from '../../facts/index.js';
import { allowsFor, namedAwsPrincipals } from '../../trust-principals.js';
import type { Relation, TechniqueRun } from '../relation.js';
import { ownTrustDecision, repointed, sharedTrustDecision, trustSource } from '../trust-decisions.js';
import { edgeKey } from '../../edges.js';
import type { EdgeAttrs, Provenance } from '../../schema.js';
import type { TargetBlockData } from '../../target-block.js';
import type { SharedHopParts } from '../decided.js';
import { hopTemplate, orderedTemplates } from '../hop-templates.js';

const ASSUME = 'sts:AssumeRole';
/** The request key of sts:AssumeRole with no context of its own (request.ts). */
const ASSUME_KEY = ASSUME.toLowerCase();

/** A role session ARN (`arn:aws:sts::…:assumed-role/role/session`), which names its role whatever the session. */
const STS_SESSION = /^arn:[^:]+:sts::/;

/** True when an Allow statement of the trust for sts:AssumeRole uses NotPrincipal. */
function admitsUnlisted(trust: CompiledPolicy): boolean {
  return allowsFor(trust, ASSUME).some((s) => s.principal?.not === true);
}

/**
 * Principals of the snapshot a role's trust policy could let in. A trust that names an account
 * delegates to that account's IAM, and any caller from another account needs its own allow:
 * those callers come from the grant index (identity policies naming sts:AssumeRole on a pattern
 * that can match the role), not from every principal of the account.
 */
function candidateCallers(run: TechniqueRun, role: Principal): Principal[] {
  const { facts } = run;
  const out = new Set<Principal>();
  // The names below miss what the evaluator still matches: a NotPrincipal that does not exempt
  // the caller admits anyone, and a role session ARN names its role by the role's name alone.
  if (admitsUnlisted(role.trust!)) {
    (facts.principalsByAccount.get(role.accountId) ?? []).forEach((p) => out.add(p));
    facts.grants.principalsFor(ASSUME, role.arn).forEach((p) => out.add(p));
  }
  for (const named of namedAwsPrincipals(role.trust!, ASSUME)) {
    if (named.type === 'arn' && STS_SESSION.test(named.pattern)) {
      (facts.principalsByAccount.get(named.accountId) ?? []).filter((p) => p.kind === 'role').forEach((p) => out.add(p));
      continue;
    }
    if (named.type === 'anyone') {
      (facts.principalsByAccount.get(role.accountId) ?? []).forEach((p) => out.add(p));
      facts.grants.principalsFor(ASSUME, role.arn).forEach((p) => out.add(p));
    } else if (named.type === 'account') {
      facts.grants.principalsFor(ASSUME, role.arn, named.accountId).forEach((p) => out.add(p));
    } else if (!named.pattern.includes('*') && !named.pattern.includes('?')) {
      const exact = facts.principalsByArn.get(named.pattern);
      if (exact) out.add(exact);
    } else {
      (facts.principalsByAccount.get(named.accountId) ?? []).filter((p) => matchesPattern(named.pattern, p.arn, { caseInsensitive: false })).forEach((p) => out.add(p));
    }
  }
  out.delete(role);
  return [...out];
}

/** The question of `caller` assuming `role` under the role's trust. */
function questionOf(caller: Principal, role: Principal): Question {
  return { caller, action: ASSUME, resource: role.arn, resourceAccount: role.accountId, resourcePolicy: role.trust, mode: 'required' };
}

/** The edge of one decision, drawn as a pair; the attributes are made here and handed over (putOwned), not copied. */
function drawPair(run: TechniqueRun, rule: TechniqueRule, caller: Principal, role: Principal, result: EvaluationResult): void {
  const conditional = result.decision === 'conditional';
  const attrs: EdgeAttrs = {
    kind: 'can-assume',
    technique: rule.id,
    actions: [ASSUME],
    provenance: provenanceOf(result, ASSUME, role.arn),
    conditional,
    confidence: hopConfidence(run.rules.scoring, { conditional }),
    ...(conditional ? { residual: residualClauses(result) } : {}),
  };
  run.edges.putOwned(caller.arn, role.arn, attrs, edgeKey(caller.arn, role.arn, attrs));
}

/**
 * What a shared decision's trust records read of it: which statements of its trust it cites,
 * each with its open condition keys (provenanceOf). Decisions are a caller's own: this is what
 * lets callers share one role's records.
 */
function citationsOf(run: TechniqueRun, shared: EvaluationResult): string {
  const from = trustSource(run, shared).source;
  const cited = shared.allowedBy.filter((ref) => ref.policy === from).map((ref) => [ref.index, shared.residual.find((r) => r.statement.policy.id === from.id && r.statement.index === ref.index)?.keys ?? []]);
  return JSON.stringify(cited);
}

/**
 * The records of `role`'s own trust statements a shared decision cites, re-pointed at that
 * role: once per role and citations (`byCitations`, the role's), whichever caller asks.
 */
function trustRecords(run: TechniqueRun, citations: WeakMap<EvaluationResult, string>, byCitations: Map<string, Provenance[]>, shared: EvaluationResult, role: Principal): Provenance[] {
  let cited = citations.get(shared);
  if (cited === undefined) citations.set(shared, (cited = citationsOf(run, shared)));
  let records = byCitations.get(cited);
  if (!records) {
    const id = role.trust!.source.id;
    byCitations.set(cited, (records = provenanceOf(repointed(shared, trustSource(run, shared), role.trust!), ASSUME, role.arn).filter((r) => r.policy === id)));
  }
  return records;
}

/**
 * The block of one caller's edges under one shared decision: everything the pair edge has but
 * its trust records (each target's evidence), the resource left open; undefined when the
 * records' order would depend on the target.
 */
function blockData(run: TechniqueRun, rule: TechniqueRule, caller: Principal, shared: EvaluationResult, role: Principal): TargetBlockData | undefined {
  const trustId = trustSource(run, shared).source.id;
  const records = orderedTemplates(provenanceOf(shared, ASSUME, role.arn).filter((r) => r.policy !== trustId).map((record) => ({ record, varies: true })));
  if (!records) return undefined;
  const conditional = shared.decision === 'conditional';
  const parts: SharedHopParts = { actions: [ASSUME], records: [], conditional, confidence: hopConfidence(run.rules.scoring, { conditional }), ...(conditional ? { residual: residualClauses(shared) } : {}) };
  return { ...hopTemplate(parts, records), from: caller.arn, identity: { kind: 'can-assume', technique: rule.id }, targets: [] };
}

/**
 * A can-assume edge for every caller the trust policy and the caller's policies allow. With
 * blocks, a caller's edges of one shared decision (one per trust shape and class,
 * trust-decisions.ts) are one TargetBlock: they differ by their role and its trust's records,
 * which the block keeps per target as evidence (sorted among the others' when read, as the pair
 * edge's are) and which are made once per role and decision, not per pair.
 */
function draw(run: TechniqueRun, rule: TechniqueRule): void {
  const blocks = run.blocks;
  const citations = new WeakMap<EvaluationResult, string>();
  for (const role of run.facts.principals) {
    if (role.kind !== 'role' || !role.trust) continue;
    const byCitations = new Map<string, Provenance[]>();
    for (const caller of candidateCallers(run, role)) {
      // A caller that names no sts:AssumeRole anywhere can only get in through an explicit
      // trust grant to its own ARN in the same account; anything else needs an identity allow.
      const sameAccount = caller.accountId === role.accountId;
      // An admin already controls its own account: its admin finding stands for this hop.
      if (sameAccount && run.admins.has(caller.arn)) continue;
      if (!sameAccount && !mayAllowAction(caller.identity, ASSUME)) continue;
      // Decided once per trust shape and class of the caller (trust-decisions.ts), as the
      // role takeovers decide their own-trust questions.
      const shared = blocks && sharedTrustDecision(run, caller, ASSUME_KEY, ASSUME, role, () => classify(questionOf(caller, role)));
      if (shared) {
        if (shared.decision === 'denied') continue;
        const target = { arn: role.arn, evidence: trustRecords(run, citations, byCitations, shared, role) };
        if (!blocks!.addKeyed(rule, caller, shared, target, () => blockData(run, rule, caller, shared, role))) drawPair(run, rule, caller, role, repointed(shared, trustSource(run, shared), role.trust));
        continue;
      }
      const result = ownTrustDecision(run, caller, ASSUME_KEY, ASSUME, role, () => classify(questionOf(caller, role)), () => decide(questionOf(caller, role)));
      if (result.decision !== 'denied') drawPair(run, rule, caller, role, result);
    }
  }
}

/** Trust policies decide: the relation draws its own edges rather than checking candidates. */
export const assumeRole: Relation = {
  derive: { by: 'own', draw },
  edge: () => ({ kind: 'can-assume' }),
};
