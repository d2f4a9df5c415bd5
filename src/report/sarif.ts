/**
 * SARIF 2.1.0 for code-scanning dashboards: one result per finding, filed under the rule that
 * decides it (its root cause's technique or entry point, not merely its first hop), anchored to
 * the input file that holds the account of the policy to fix, fingerprinted by the ticket key so
 * an alert survives a rewritten statement, with the path as a code flow. Coverage gaps become tool
 * notifications, so a dashboard that shows no alert still shows what blastpath could not see.
 */
import type { Finding, Severity } from '../analyze/finding.js';
import { compareStrings } from '../core/hash.js';
import type { GateOutcome, Suppression } from '../gate/types.js';
import type { InputWarning } from '../load/warnings.js';
import { warningLine } from './warnings.js';
import type { ReportContext, RuleDoc } from './context.js';
import { describeGroup, groupGaps, type GapGroup } from '../snapshot/index.js';
import { sortFindings } from './order.js';
import { codeFlows, nodeLocation, statementLocation } from './sarif-flow.js';
import { ticketBook, type FindingTicket } from './ticket.js';

/** Where the SARIF 2.1.0 schema is published; written as `$schema`. */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** SARIF levels: GitHub shows `error` as Error, `warning` as Warning, `note` as Note. */
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };

/**
 * GitHub's `security-severity` bands on its 0–10 scale: critical above 9.0, high 7.0–8.9, medium
 * 4.0–6.9, low below 4.0. A result's value is its score divided by ten, held inside its severity's
 * band, so GitHub shows our severity and orders results of one band by score.
 */
const SECURITY_BANDS: Record<Severity, [number, number]> = { critical: [9.0, 10.0], high: [7.0, 8.9], medium: [4.0, 6.9], low: [0.1, 3.9] };

/** The `security-severity` of a finding: its score on GitHub's scale, inside its severity's band. */
export function securitySeverity(severity: Severity, score: number): string {
  const [low, high] = SECURITY_BANDS[severity];
  return Math.min(high, Math.max(low, Math.round(score) / 10)).toFixed(1);
}

/** The rule a finding is reported under: the technique or entry point of its root cause. */
export function sarifRuleId(f: Finding, ticket: Pick<FindingTicket, 'ruleId'>): string {
  return ticket.ruleId || f.entry.entryPoint;
}

function ruleDescriptor(id: string, doc: RuleDoc | undefined, worst: { severity: Severity; securitySeverity: string }) {
  const references = doc?.references ?? [];
  const markdown = doc ? [`**Fix.** ${doc.remediation}`, ...(references.length ? ['', 'References:', ...references.map((r) => `- ${r}`)] : [])].join('\n') : undefined;
  return {
    id,
    name: id,
    shortDescription: { text: doc?.title ?? id },
    ...(doc ? { fullDescription: { text: doc.description }, help: { text: `Fix: ${doc.remediation}`, markdown } } : {}),
    ...(references[0] ? { helpUri: references[0] } : {}),
    defaultConfiguration: { level: LEVEL[worst.severity] },
    properties: { tags: ['security', doc?.kind ?? 'attack-path'], 'security-severity': worst.securitySeverity },
  };
}

/** Repository-relative files the input came from; GitHub anchors an alert to a file in the repository. */
function fileSources(sources: readonly string[]): string[] {
  const relative = sources.filter((s) => s !== '' && !s.startsWith('/') && !s.startsWith('..') && !/^[a-z][a-z0-9+.-]*:/i.test(s) && !s.includes('\\'));
  return [...new Set(relative)].sort(compareStrings);
}

function message(f: Finding, ticket: FindingTicket): string {
  const hops = f.path.edges.length;
  return `${f.severity} (score ${f.score}): ${ticket.title}, in ${hops} ${hops === 1 ? 'hop' : 'hops'}. Fix: ${ticket.remediation}`;
}

/** Per finding: SARIF's baseline state and suppressions, looked up in sets built once. */
function gateLookup(gate: GateOutcome | undefined) {
  const open = new Set(gate?.baseline?.open ?? []);
  const updated = new Set([...(gate?.baseline?.changed ?? []), ...(gate?.baseline?.worsened ?? [])].map((c) => c.id));
  const suppressed = new Map((gate?.suppressions?.applied ?? []).map((a) => [a.finding, a.suppression]));
  const state = (id: string) => (updated.has(id) ? 'updated' : open.has(id) ? 'unchanged' : 'new');
  return (f: Finding) => gateFields(gate?.baseline ? state(f.id) : undefined, suppressed.get(f.id));
}

function gateFields(baselineState: 'new' | 'unchanged' | 'updated' | undefined, suppression: Suppression | undefined) {
  return {
    ...(baselineState ? { baselineState } : {}),
    ...(suppression ? { suppressions: [{ kind: 'external', status: 'accepted', justification: `${suppression.reason} (expires ${suppression.expires})` }] } : {}),
  };
}

/** The gate's verdict and counts, for dashboards that read run properties. */
function gateSummary(gate: GateOutcome) {
  return {
    ...(gate.failOn ? { failOn: gate.failOn } : {}),
    passed: gate.passed,
    failing: [...gate.failing].sort(compareStrings),
    ...(gate.baseline
      ? {
          baseline: {
            file: gate.baseline.file,
            new: gate.baseline.new.length,
            open: gate.baseline.open.length,
            changed: gate.baseline.changed.length,
            worsened: gate.baseline.worsened.length,
            fixed: gate.baseline.fixed.length,
          },
        }
      : {}),
    ...(gate.suppressions ? { suppressions: { file: gate.suppressions.file, applied: gate.suppressions.applied.length, expired: gate.suppressions.expired.length } } : {}),
  };
}

/** One notification per cause of gaps (most severe first); the JSON report lists every gap. */
function gapNotification(g: GapGroup) {
  return {
    level: 'warning',
    message: { text: `coverage gap: ${describeGroup(g)}` },
    descriptor: { id: 'coverage-gap' },
    properties: { reason: g.reason, count: g.count, services: g.services, accounts: g.accounts, regions: g.regions },
  };
}

/** One notification per input warning, located at the input file. */
function warningNotification(w: InputWarning) {
  return {
    level: 'warning',
    message: { text: `input warning (${w.kind}): ${warningLine(w)}` },
    descriptor: { id: 'input-warning' },
    locations: [{ physicalLocation: { artifactLocation: { uri: w.file } }, logicalLocations: [{ fullyQualifiedName: w.path }] }],
    properties: { kind: w.kind },
  };
}

/** Builds the SARIF log as a plain object. */
export function sarifLog(ctx: ReportContext) {
  const { result, meta, gate } = ctx;
  const findings = sortFindings(result.findings);
  const docs = new Map((ctx.rules ?? []).map((d) => [d.id, d]));
  const book = ticketBook(ctx);
  const tickets = new Map(findings.map((f) => [f.id, book.finding(f)]));
  const ticketOf = (f: Finding) => tickets.get(f.id)!;
  const ruleOf = (f: Finding) => sarifRuleId(f, ticketOf(f));
  const ruleIds = [...new Set(findings.map(ruleOf))].sort(compareStrings);
  // The most severe finding under each rule sets the rule's level and security-severity.
  const worstByRule = new Map<string, { severity: Severity; securitySeverity: string }>();
  for (const f of findings) {
    const id = ruleOf(f);
    const value = securitySeverity(f.severity, f.score);
    const seen = worstByRule.get(id);
    if (!seen || Number(value) > Number(seen.securitySeverity)) worstByRule.set(id, { severity: f.severity, securitySeverity: value });
  }
  const rules = ruleIds.map((id) => ruleDescriptor(id, docs.get(id), worstByRule.get(id) ?? { severity: 'low', securitySeverity: '0.1' }));
  const files = fileSources(meta.snapshot.sources);
  const fileIndex = new Map(files.map((file, i) => [file, i]));
  // A finding is anchored to the file holding the account whose policy must change; failing
  // that, to the first repository file, so every alert still has a place in the repository.
  const anchorOf = (t: FindingTicket) => {
    const own = t.fixAccount ? (meta.snapshot.accountSources?.[t.fixAccount] ?? []).find((file) => fileIndex.has(file)) : undefined;
    return own ?? files[0];
  };
  const gateOf = gateLookup(gate);
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const results = findings.map((f) => {
    const t = ticketOf(f);
    const anchor = anchorOf(t);
    return {
      ruleId: ruleOf(f),
      ruleIndex: ruleIndex.get(ruleOf(f)) ?? 0,
      level: LEVEL[f.severity],
      rank: f.score,
      message: { text: message(f, t) },
      locations: [
        {
          ...(anchor !== undefined ? { physicalLocation: { artifactLocation: { uri: anchor, index: fileIndex.get(anchor) ?? 0 } } } : {}),
          logicalLocations: [...(t.fix?.statements ?? []).map(statementLocation), nodeLocation({ id: f.target.node, label: f.target.label, kind: f.target.kind })],
        },
      ],
      // GitHub matches alerts across runs by primaryLocationLineHash: the ticket key keeps an alert
      // open, not closed and reopened, when only the statement behind the same risk is rewritten.
      partialFingerprints: { 'blastpathFindingId/v1': f.id, 'blastpathTicketKey/v1': t.ticketKey, primaryLocationLineHash: t.ticketKey },
      codeFlows: codeFlows(f),
      ...gateOf(f),
      properties: {
        'security-severity': securitySeverity(f.severity, f.score),
        findingId: f.id,
        ticketKey: t.ticketKey,
        severity: f.severity,
        score: f.score,
        title: t.title,
        remediation: t.remediation,
        ...(t.rootCause ? { rootCause: t.rootCause.id } : {}),
        accounts: t.accounts,
        regions: t.regions,
        entryPoint: f.entry.entryPoint,
        impact: f.target.impact,
        techniques: [...f.techniques],
        ...(f.entry.assumed ? { assumed: true } : {}),
        ...(f.residualConditions.length ? { residualConditions: [...f.residualConditions].sort(compareStrings) } : {}),
      },
    };
  });
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'blastpath', version: meta.toolVersion, semanticVersion: meta.toolVersion, rules } },
        ...(files.length ? { artifacts: files.map((uri) => ({ location: { uri } })) } : {}),
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: [...groupGaps(result.gaps).map(gapNotification), ...(meta.inputWarnings ?? []).map(warningNotification)] }],
        results,
        properties: {
          snapshot: { collectedAt: meta.snapshot.collectedAt, accounts: [...meta.snapshot.accounts].sort(compareStrings) },
          ...(meta.rulesVersion ? { rulesVersion: meta.rulesVersion } : {}),
          ...(gate ? { gate: gateSummary(gate) } : {}),
        },
      },
    ],
  };
}

/** The SARIF log as text: 2-space JSON, one final newline. */
export function renderSarif(ctx: ReportContext): string {
  return `${JSON.stringify(sarifLog(ctx), null, 2)}\n`;
}
