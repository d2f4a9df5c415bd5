/**
 * The graph's one door into the IAM evaluator: builds the request context the snapshot knows
 * for a caller, evaluates, and turns the decision into edge provenance. Keeping this in one
 * place keeps every edge's provenance shaped the same way.
 */
import { evaluate, type CompiledPolicy, type EvaluationResult, type RequestPrincipal } from '../iam/index.js';
import type { Provenance } from './schema.js';
import type { Principal } from './inventory/index.js';

/** A question for the evaluator in graph terms. */
export interface Question {
  caller: Principal | { request: RequestPrincipal; identity: CompiledPolicy[]; boundary?: CompiledPolicy };
  action: string;
  resource: string;
  resourceAccount?: string;
  resourcePolicy?: CompiledPolicy;
  /** `required` for trust policies and KMS key policies. */
  mode?: 'optional' | 'required';
  /** Extra context this question knows (iam:PassedToService, lambda:FunctionUrlAuthType...). */
  context?: Record<string, string[] | null>;
}

/**
 * Condition values the attacker chooses for every request: it talks TLS, so bucket policies'
 * usual "deny unless aws:SecureTransport" statements never make a path conditional.
 */
export const ATTACKER_CHOSEN: Readonly<Record<string, string[]>> = { 'aws:securetransport': ['true'] };

/** Context of a caller outside every account of ours: no principal, account or org of ours. */
export function outsiderContext(): Record<string, string[] | null> {
  return { ...ATTACKER_CHOSEN, 'aws:principalarn': null, 'aws:principalaccount': null, 'aws:principalorgid': null, 'aws:username': null };
}

/** Condition values the snapshot knows about a caller. Unknown keys stay residual. */
export function callerContext(principal: RequestPrincipal): Record<string, string[] | null> {
  if (principal.type === 'anonymous') return outsiderContext();
  if (principal.type !== 'user' && principal.type !== 'role') return { ...ATTACKER_CHOSEN };
  const context: Record<string, string[] | null> = {
    ...ATTACKER_CHOSEN,
    'aws:principalarn': [principal.arn],
    'aws:principalaccount': principal.accountId ? [principal.accountId] : null,
    'aws:principaltype': [principal.type === 'user' ? 'User' : 'AssumedRole'],
    'aws:username': principal.type === 'user' ? [principal.arn.split('/').pop()!] : null,
  };
  for (const [key, value] of Object.entries(principal.tags ?? {})) context[`aws:principaltag/${key.toLowerCase()}`] = [value];
  return context;
}

/** Evaluates a question. */
export function decide(question: Question): EvaluationResult {
  const { caller } = question;
  return evaluate(
    {
      principal: caller.request,
      action: question.action,
      resource: question.resource,
      ...(question.resourceAccount ? { resourceAccount: question.resourceAccount } : {}),
      context: {
        ...callerContext(caller.request),
        ...(question.resourceAccount ? { 'aws:resourceaccount': [question.resourceAccount] } : {}),
        ...question.context,
      },
    },
    {
      identity: caller.identity,
      ...(caller.boundary ? { boundary: caller.boundary } : {}),
      ...(question.resourcePolicy ? { resource: question.resourcePolicy } : {}),
      resourcePolicyMode: question.mode ?? 'optional',
    },
  );
}

/** Provenance of an allowed (or conditional) decision: the statements that granted it. */
export function provenanceOf(result: EvaluationResult, action: string, resource: string): Provenance[] {
  const openKeys = new Map<string, string[]>();
  for (const residual of result.residual) {
    openKeys.set(`${residual.statement.policy.id}#${residual.statement.index}`, residual.keys);
  }
  return result.allowedBy
    .filter((ref) => !ref.policy.id.startsWith('blastpath:'))
    .map((ref) => ({
      policy: ref.policy.id,
      policyKind: ref.policy.kind,
      statementIndex: ref.index,
      ...(ref.sid ? { sid: ref.sid } : {}),
      statementHash: ref.hash,
      action,
      resource,
      conditionKeys: openKeys.get(`${ref.policy.id}#${ref.index}`) ?? [],
    }));
}

/** Condition keys left open by a decision, sorted and unique. */
export function residualKeys(result: EvaluationResult): string[] {
  return [...new Set(result.residual.flatMap((r) => r.keys))].sort();
}

/** Rendered open conditions of a decision (`IpAddress aws:SourceIp 10.0.0.0/8`), sorted. */
export function residualClauses(result: EvaluationResult): string[] {
  const clauses = result.residual.flatMap((r) => r.clauses.map((c) => (r.effect === 'Deny' ? `not (${c})` : c)));
  return [...new Set(clauses)].sort();
}
