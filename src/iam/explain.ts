/**
 * An evaluation result as an explanation: the decision, the statements that decided it (policy,
 * index, Sid), why a denial happened, and the simplified residual. Plain data for the `can`
 * command's table and JSON; wording stays with the CLI.
 */
import { compareStrings } from '../core/hash.js';
import { renderResidual } from './residual.js';
import { isCallerSetKey } from './request-keys.js';
import type { Decision, DenyReason, EvaluationResult, PolicySource, StatementRef } from './types.js';

/** One deciding statement. */
export interface ExplainedStatement {
  policy: string;
  policyKind: PolicySource['kind'];
  statementIndex: number;
  sid?: string;
  statementHash: string;
}

/** The explanation of one decision. */
export interface Explanation {
  decision: Decision;
  denyReason?: DenyReason;
  allowedBy: ExplainedStatement[];
  deniedBy: ExplainedStatement[];
  /** What must hold for a conditional decision, one conjunct per entry, sorted. */
  residual: string[];
  /**
   * Open keys the caller's request sets (aws:SecureTransport, aws:SourceIp...): the decision is
   * conditional on what the request carries, not on something the snapshot did not show.
   */
  callerSetKeys: string[];
  /** The undecided statements behind the residual, with their open keys and clauses. */
  openStatements: Array<ExplainedStatement & { effect: 'Allow' | 'Deny'; keys: string[]; clauses: string[] }>;
}

function statement(ref: StatementRef): ExplainedStatement {
  return {
    policy: ref.policy.id,
    policyKind: ref.policy.kind,
    statementIndex: ref.index,
    ...(ref.sid !== undefined ? { sid: ref.sid } : {}),
    statementHash: ref.hash,
  };
}

/** Explains an evaluation result. */
export function explainDecision(result: EvaluationResult): Explanation {
  return {
    decision: result.decision,
    ...(result.denyReason ? { denyReason: result.denyReason } : {}),
    allowedBy: result.allowedBy.map(statement),
    deniedBy: result.deniedBy.map(statement),
    residual: renderResidual(result.condition),
    callerSetKeys: [...new Set(result.residual.flatMap((r) => r.keys))].filter(isCallerSetKey).sort(compareStrings),
    openStatements: result.residual.map((r) => ({ ...statement(r.statement), effect: r.effect, keys: r.keys, clauses: r.clauses })),
  };
}
