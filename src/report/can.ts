/**
 * Output of `blastpath can`: a short aligned table for people and a versioned JSON document
 * (`blastpath.can/v1`) for scripts. Same answer, same bytes; no colour, no clock.
 */
import type { AccessLevel, Explanation, ExplainedStatement } from '../iam/index.js';

/** One answered question: what was asked, and the explanation of the decision. */
export interface CanAnswer extends Explanation {
  principal: string;
  /** The action as the catalog spells it. */
  action: string;
  resource: string;
  accessLevels: AccessLevel[];
  catalogVersion: string;
  /** The time the request was decided as of (`--at`, default the snapshot's collectedAt). */
  at?: string;
  /** Ids of facts that change how to read the answer, e.g. `resource-not-in-inputs`. */
  notes: string[];
}

export const CAN_SCHEMA = 'blastpath.can/v1';

/** Formats of `blastpath can`. */
export const CAN_FORMATS = ['table', 'json'] as const;
export type CanFormat = (typeof CAN_FORMATS)[number];

const DENY_WORDS: Record<string, string> = {
  'explicit-deny': 'an explicit Deny applies',
  'no-allow': 'no policy allows it',
  boundary: 'the permissions boundary does not allow it',
  'resource-policy': 'the resource policy does not allow this caller',
  'trust-policy': 'the trust policy does not allow this caller',
  scp: 'a service control policy level does not allow it',
  rcp: 'a resource control policy level does not allow it',
  'session-policy': 'the session policy does not allow it',
  'block-public-access': 'S3 Block Public Access (RestrictPublicBuckets) sets the public bucket policy aside',
};

const NOTE_WORDS: Record<string, string> = {
  'resource-not-in-inputs': 'the resource is not in the inputs: only the caller-side policies were evaluated',
  'session-evaluated-as-role': 'the session was evaluated as its role (no session policies are known)',
};

function statementLine(s: ExplainedStatement): string {
  return `${s.policy} statement ${s.statementIndex}${s.sid ? ` (Sid ${s.sid})` : ''} [${s.policyKind}]`;
}

function rows(label: string, values: string[]): string[] {
  return values.map((value, i) => `  ${(i === 0 ? label : '').padEnd(11)}${value}`);
}

/** The answer as text for a terminal. */
export function renderCanTable(answer: CanAnswer): string {
  const headline =
    answer.decision === 'allowed'
      ? 'allowed'
      : answer.decision === 'conditional'
        ? 'conditional: allowed only if the residual holds'
        : `denied: ${DENY_WORDS[answer.denyReason ?? 'no-allow']}`;
  const lines = [
    `blastpath can: ${headline}`,
    '',
    ...rows('principal', [answer.principal]),
    ...rows('action', [`${answer.action}${answer.accessLevels.length ? ` (${answer.accessLevels.join(', ')})` : ''}`]),
    ...rows('resource', [answer.resource]),
    ...rows('decision', [answer.decision + (answer.denyReason ? ` (${answer.denyReason})` : '')]),
    ...rows('allowed by', answer.allowedBy.map(statementLine)),
    ...rows('denied by', answer.deniedBy.map(statementLine)),
    ...rows('residual', answer.residual),
    ...rows('caller sets', answer.callerSetKeys.length ? [`${answer.callerSetKeys.join(', ')} (the request decides these: pass --context to state them)`] : []),
    ...rows('open', answer.openStatements.map((s) => `${statementLine(s)} ${s.effect}: ${s.clauses.join('; ')}`)),
    ...rows('note', answer.notes.map((n) => NOTE_WORDS[n] ?? n)),
    ...rows('as of', answer.at ? [answer.at] : []),
    ...rows('catalog', [answer.catalogVersion]),
  ];
  return `${lines.join('\n')}\n`;
}

/** The answer as a JSON document with a fixed key order. */
export function renderCanJson(answer: CanAnswer): string {
  const doc = {
    schema: CAN_SCHEMA,
    principal: answer.principal,
    action: answer.action,
    resource: answer.resource,
    decision: answer.decision,
    denyReason: answer.denyReason,
    allowedBy: answer.allowedBy,
    deniedBy: answer.deniedBy,
    residual: answer.residual,
    openStatements: answer.openStatements,
    callerSetKeys: answer.callerSetKeys,
    at: answer.at,
    accessLevels: answer.accessLevels,
    notes: answer.notes,
    catalogVersion: answer.catalogVersion,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The registry of `can` formats: one renderer per format. */
const CAN_RENDERERS = { table: renderCanTable, json: renderCanJson } satisfies Record<CanFormat, (answer: CanAnswer) => string>;

/** Renders an answer in `format`. */
export function renderCan(format: CanFormat, answer: CanAnswer): string {
  return CAN_RENDERERS[format](answer);
}
