/**
 * The last parts of the JSON document: `rootCauses` (one ticket per choke point) and `gate` (the
 * CI verdict). Like json.ts, every projection lists every field of its source type,
 * so tsc fails when a contract type gains a field the document does not carry.
 */
import type { RootCause, StatementIdentity } from '../analyze/finding.js';
import { sortRootCauses } from '../analyze/choke-points.js';
import { compareStrings } from '../core/hash.js';
import type { GateOutcome, Suppression } from '../gate/types.js';
import type { AllKeys } from './context.js';
import { sortedSet } from './order.js';
import type { TicketBook } from './ticket.js';

function statementJson(s: StatementIdentity) {
  return { policy: s.policy, policyKind: s.policyKind, sid: s.sid, statementHash: s.statementHash, field: s.field } satisfies AllKeys<StatementIdentity>;
}

function rootCauseJson(c: RootCause, tickets: TicketBook) {
  const hop = c.hop;
  const ticket = tickets.cause(c);
  return {
    id: c.id,
    title: ticket.title,
    kind: c.kind,
    hop: hop && {
      from: hop.from,
      to: hop.to,
      kind: hop.kind,
      access: hop.access,
      technique: hop.technique,
      entryPoint: hop.entryPoint,
      provenance: hop.provenance.map(statementJson),
    } satisfies AllKeys<NonNullable<RootCause['hop']>>,
    statement: c.statement && statementJson(c.statement),
    findings: sortedSet(c.findings),
    severity: c.severity,
    withAlternatives: sortedSet(c.withAlternatives),
    pathsThrough: c.pathsThrough,
    ruleId: ticket.ruleId || undefined,
    remediation: ticket.remediation,
  } satisfies Record<keyof RootCause | 'title' | 'ruleId' | 'remediation', unknown>;
}

function suppressionJson(s: Suppression) {
  return { index: s.index, by: s.match.by, value: s.match.value, reason: s.reason, expires: s.expires };
}

/** The `gate` object: the verdict, the baseline split and the suppressions, sets sorted. */
export function gateJson(g: GateOutcome) {
  return {
    failOn: g.failOn,
    passed: g.passed,
    failing: sortedSet(g.failing),
    baseline: g.baseline && {
      file: g.baseline.file,
      new: sortedSet(g.baseline.new),
      open: sortedSet(g.baseline.open),
      changed: [...g.baseline.changed].sort((a, b) => compareStrings(a.id, b.id)).map((c) => ({ id: c.id, previousId: c.previousId })),
      worsened: [...g.baseline.worsened]
        .sort((a, b) => compareStrings(a.id, b.id))
        .map((w) => ({ id: w.id, previousId: w.previousId, previousSeverity: w.previousSeverity, severity: w.severity })),
      fixed: [...g.baseline.fixed].sort((a, b) => compareStrings(a.id, b.id)).map((e) => ({ id: e.id, severity: e.severity, entry: e.entry, entryPoint: e.entryPoint, target: e.target, impact: e.impact })),
    },
    suppressions: g.suppressions && {
      file: g.suppressions.file,
      applied: [...g.suppressions.applied].sort((a, b) => compareStrings(a.finding, b.finding)).map((a) => ({ finding: a.finding, suppression: suppressionJson(a.suppression) })),
      expired: [...g.suppressions.expired].sort((a, b) => a.index - b.index).map(suppressionJson),
    },
  } satisfies AllKeys<GateOutcome>;
}

/** The `rootCauses` array in its documented order. */
export function rootCausesJson(causes: readonly RootCause[], tickets: TicketBook) {
  return sortRootCauses(causes).map((c) => rootCauseJson(c, tickets));
}
