/**
 * The JSON report: a versioned document for ticketing systems and scripts, documented field
 * by field in docs/report-json.md. Same input gives the same bytes: arrays are sorted as
 * documented, keys are written in a fixed order, and nothing about the run (no clock) is added.
 */
import type { CoverageGap, Finding, IdentityCard, NotAnalyzed, PathEdge, PathNode, PostureFinding, TechniqueRef, WhatIfJewel, WhatIfSummary } from '../analyze/finding.js';
import { sortNotAnalyzed } from './not-analyzed.js';
import type { InputWarning } from '../load/warnings.js';
import { groupGaps, reasonOf, type GapGroup } from '../snapshot/index.js';
import { compareStrings } from '../core/hash.js';
import type { AllKeys, ReportContext } from './context.js';
import { gateJson, rootCausesJson } from './json-gate.js';
import { countBySeverity, sortedSet, sortFindings, sortGaps } from './order.js';
import { ProvenanceWriter } from './json-provenance.js';
import { JsonSplices } from './json-splice.js';
import { ticketBook, type TicketBook } from './ticket.js';

/** The `schema` value of the documents; bumped only when a field changes meaning or goes away. */
export const FINDINGS_SCHEMA = 'blastpath.findings/v2';

// Each projection below lists every field of its source type in the documented order (AllKeys).
export type { AllKeys } from './context.js';

/** The ticket fields a finding's JSON carries besides the Finding type's own. */
type TicketFields = 'ticketKey' | 'title' | 'accounts' | 'regions' | 'rootCause' | 'ruleId' | 'remediation';

function sortedRecord(record: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!record) return undefined;
  const keys = Object.keys(record).sort(compareStrings);
  return Object.fromEntries(keys.map((k) => [k, record[k] as string]));
}

function nodeJson(n: PathNode) {
  return { id: n.id, kind: n.kind, label: n.label, accountId: n.accountId, region: n.region, flags: n.flags && sortedSet(n.flags) } satisfies AllKeys<PathNode>;
}

function edgeJson(e: PathEdge, provenance: ProvenanceWriter) {
  return {
    from: e.from,
    to: e.to,
    kind: e.kind,
    access: e.access,
    technique: e.technique,
    entryPoint: e.entryPoint,
    actions: sortedSet(e.actions),
    conditional: e.conditional,
    confidence: e.confidence,
    residual: e.residual && sortedSet(e.residual),
    provenance: provenance.write(e.provenance),
    detail: sortedRecord(e.detail),
    record: e.record && { status: e.record.status, trails: e.record.trails, invocationLogging: e.record.invocationLogging },
  } satisfies AllKeys<PathEdge>;
}

type EdgeJson = ReturnType<typeof edgeJson>;
/** A hop in the document: its provenance, or the placeholder of a long one. */
type HopJson = Omit<EdgeJson, 'provenance'> & { provenance: EdgeJson['provenance'] | string };

/** Provenance lists at least this long are written once and spliced in (json-splice.ts) when the report is text. */
const SPLICED_RECORDS = 32;

/**
 * A hop as the document writes it, once per PathEdge per rendering: the analysis keeps one
 * PathEdge per graph edge, so the findings of a dense account (thousands sharing a few hundred
 * hops) would otherwise build the same hop, its sorted actions and records, once per finding.
 * With `splices`, a long provenance list stands in each finding as its placeholder.
 */
function hopWriter(splices?: JsonSplices): (edge: PathEdge) => HopJson {
  const provenance = new ProvenanceWriter();
  const written = new WeakMap<PathEdge, EdgeJson>();
  return (e) => {
    let json = written.get(e);
    if (json === undefined) written.set(e, (json = edgeJson(e, provenance)));
    // One placeholder per place the hop is written: the splicer counts them.
    return splices && json.provenance.length >= SPLICED_RECORDS ? { ...json, provenance: splices.place(json.provenance) } : json;
  };
}

function findingJson(f: Finding, tickets: TicketBook, hop: (edge: PathEdge) => HopJson) {
  const { factors: x, entry, target } = f;
  const ticket = tickets.finding(f);
  return {
    id: f.id,
    ticketKey: ticket.ticketKey,
    title: ticket.title,
    severity: f.severity,
    score: f.score,
    rawScore: f.rawScore,
    factors: {
      impact: x.impact,
      exposure: x.exposure,
      confidence: x.confidence,
      depth: x.depth,
      blastRadius: x.blastRadius,
      reachableCrownJewels: x.reachableCrownJewels,
      weightedRadius: x.weightedRadius,
      credential: x.credential,
    } satisfies AllKeys<Finding['factors']>,
    entry: {
      node: entry.node,
      label: entry.label,
      kind: entry.kind,
      entryPoint: entry.entryPoint,
      title: entry.title,
      exposure: entry.exposure,
      assumed: entry.assumed,
      ownerTags: sortedRecord(entry.ownerTags),
      credential: entry.credential && credentialJson(entry.credential),
    } satisfies AllKeys<Finding['entry']>,
    target: {
      node: target.node,
      label: target.label,
      kind: target.kind,
      impact: target.impact,
      title: target.title,
      sensitivity: sortedSet(target.sensitivity),
      ownerTags: sortedRecord(target.ownerTags),
    } satisfies AllKeys<Finding['target']>,
    accounts: ticket.accounts,
    regions: ticket.regions,
    rootCause: ticket.rootCause?.id,
    ruleId: ticket.ruleId,
    remediation: ticket.remediation,
    // Path order is the meaning of a path: nodes and edges are never re-sorted.
    path: { nodes: f.path.nodes.map(nodeJson), edges: f.path.edges.map(hop) },
    techniques: [...f.techniques],
    techniqueRefs: f.techniqueRefs?.map((t) => ({ id: t.id, attack: sortedSet(t.attack), owaspNhi: sortedSet(t.owaspNhi) }) satisfies AllKeys<TechniqueRef>),
    alternatives: f.alternatives,
    alternativesCapped: f.alternativesCapped,
    residualConditions: sortedSet(f.residualConditions),
    logging: f.logging,
  } satisfies Record<keyof Finding | TicketFields, unknown>;
}

function postureJson(p: PostureFinding) {
  return {
    id: p.id,
    rule: p.rule,
    title: p.title,
    severity: p.severity,
    accountId: p.accountId,
    subject: p.subject,
    evidence: Object.fromEntries(Object.keys(p.evidence).sort(compareStrings).map((k) => [k, sortedSet(p.evidence[k])])),
    findings: sortedSet(p.findings),
    fix: p.fix,
    remediation: p.remediation,
  } satisfies AllKeys<PostureFinding>;
}

function credentialJson(c: NonNullable<Finding['entry']['credential']>) {
  return {
    kind: c.kind,
    createdAt: c.createdAt,
    lastUsedAt: c.lastUsedAt,
    ageDays: c.ageDays,
    unusedDays: c.unusedDays,
    count: c.count,
    expiresAt: c.expiresAt,
    sessionHours: c.sessionHours,
    windowHours: c.windowHours,
  } satisfies AllKeys<typeof c>;
}

function identityJson(c: IdentityCard) {
  return {
    id: c.id,
    label: c.label,
    kind: c.kind,
    accountId: c.accountId,
    workloads: sortedSet(c.workloads),
    workloadKinds: sortedSet(c.workloadKinds),
    capabilities: [...c.capabilities],
    reaches: { model: sortedSet(c.reaches.model), data: sortedSet(c.reaches.data), tools: sortedSet(c.reaches.tools), identity: sortedSet(c.reaches.identity) },
    credential: c.credential && credentialJson(c.credential),
    bedrockApiKeys: c.bedrockApiKeys && credentialJson(c.bedrockApiKeys),
    logging: c.logging && { recorded: c.logging.recorded, eventHistoryOnly: c.logging.eventHistoryOnly, unrecorded: c.logging.unrecorded, unknown: c.logging.unknown },
    radius: c.radius && { crownJewels: c.radius.crownJewels, weighted: c.radius.weighted },
    findings: sortedSet(c.findings),
    posture: sortedSet(c.posture),
  } satisfies AllKeys<IdentityCard>;
}

function gapJson(g: CoverageGap) {
  return {
    accountId: g.accountId,
    region: g.region,
    service: g.service,
    operation: g.operation,
    resource: g.resource,
    outcome: g.outcome,
    reason: reasonOf(g),
    message: g.message,
  } satisfies AllKeys<CoverageGap>;
}

function notAnalyzedJson(n: NotAnalyzed) {
  return { section: n.section, field: n.field, count: n.count, regions: n.regions, reason: n.reason } satisfies AllKeys<NotAnalyzed>;
}

function gapGroupJson(g: GapGroup) {
  return {
    reason: g.reason,
    count: g.count,
    cause: g.cause,
    distinctCauses: g.distinctCauses,
    services: g.services,
    operations: g.operations,
    accounts: g.accounts,
    regions: g.regions,
    resource: g.resource,
  } satisfies AllKeys<GapGroup>;
}

function whatIfJson(w: WhatIfSummary) {
  return {
    from: sortedSet(w.from),
    // Ranked as the findings are: the best finding's score first.
    reached: w.reached.map((j) => ({ node: j.node, label: j.label, kind: j.kind, impacts: sortedSet(j.impacts), severity: j.severity, score: j.score }) satisfies AllKeys<WhatIfJewel>),
  } satisfies AllKeys<WhatIfSummary>;
}

/**
 * Builds the document as a plain object, keys in their documented order; with `splices`, long
 * provenance lists are placeholders (renderJson's text has them written in).
 */
export function findingsDocument(ctx: ReportContext, splices?: JsonSplices) {
  const { result, meta, gate } = ctx;
  const { findings, gaps, limits, stats } = result;
  const tickets = ticketBook(ctx);
  const hop = hopWriter(splices);
  return {
    schema: FINDINGS_SCHEMA,
    tool: { name: 'blastpath', version: meta.toolVersion, rulesVersion: meta.rulesVersion },
    snapshot: {
      collectedAt: meta.snapshot.collectedAt,
      accounts: sortedSet(meta.snapshot.accounts),
      sources: sortedSet(meta.snapshot.sources),
    },
    summary: { findings: findings.length, bySeverity: countBySeverity(findings), gaps: gaps.length, inputWarnings: meta.inputWarnings?.length ?? 0 },
    // Present when filters narrowed the findings: the count before them, and the filters.
    ...(ctx.selectedFrom !== undefined ? { selection: { total: ctx.selectedFrom, filters: [...(ctx.selectionFilters ?? [])] } } : {}),
    // Present with --from: the compromised principals and every crown jewel they reach.
    ...(result.whatIf ? { whatIf: whatIfJson(result.whatIf) } : {}),
    limits: {
      maxDepth: limits.maxDepth,
      alternativesCap: limits.alternativesCap,
      alternativesCapped: limits.alternativesCapped,
      // Present only when a cut happened, so documents of complete searches keep their bytes.
      findingsOutOfBudget: limits.findingsOutOfBudget || undefined,
      edgeBudget: limits.findingsOutOfBudget ? limits.edgeBudget : undefined,
      totalEdgeBudget: limits.findingsOutOfBudget ? limits.totalEdgeBudget : undefined,
    } satisfies AllKeys<typeof limits>,
    stats: {
      nodes: stats.nodes,
      edges: stats.edges,
      entries: stats.entries,
      crownJewels: stats.crownJewels,
    } satisfies AllKeys<typeof stats>,
    findings: sortFindings(findings).map((f) => findingJson(f, tickets, hop)),
    coverageGaps: sortGaps(gaps).map(gapJson),
    // Present when the analysis says what it did not read (every real run): [] when it read everything.
    ...(result.notAnalyzed ? { collectedNotAnalyzed: sortNotAnalyzed(result.notAnalyzed).map(notAnalyzedJson) } : {}),
    // The gaps grouped by cause, most severe first (what the table shows).
    coverageSummary: groupGaps(gaps).map(gapGroupJson),
    // What looks wrong in the input, in the order sortWarnings gives.
    inputWarnings: (meta.inputWarnings ?? []).map((w) => ({ kind: w.kind, file: w.file, path: w.path, message: w.message }) satisfies AllKeys<InputWarning>),
    // Present when posture rules ran, when identity cards were made, when the analysis grouped findings, and when a gate ran.
    ...(result.posture ? { posture: result.posture.map(postureJson) } : {}),
    ...(result.identities ? { identities: result.identities.map(identityJson) } : {}),
    ...(result.rootCauses ? { rootCauses: rootCausesJson(result.rootCauses, tickets) } : {}),
    ...(gate ? { gate: gateJson(gate) } : {}),
  };
}

/** The JSON document as text: 2-space indent, trailing newline, absent fields omitted. */
export function renderJson(ctx: ReportContext): string {
  // Long provenance lists recur across findings: written once each, then joined in.
  const splices = new JsonSplices();
  // The newline is joined in too: appended after, it would make the text a pair to flatten again.
  return splices.stringify(findingsDocument(ctx, splices), '\n') ?? `${JSON.stringify(findingsDocument(ctx), null, 2)}\n`;
}
