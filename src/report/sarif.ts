/**
 * SARIF 2.1.0 for code-scanning dashboards: one result per finding, its rule the leading
 * technique (or the entry point when the path uses none), the stable finding id as the
 * fingerprint, and the path as a code flow. Coverage gaps become tool notifications, so a
 * dashboard that shows no alert still shows what blastpath could not see.
 */
import type { Finding, Severity } from '../analyze/finding.js';
import { compareStrings } from '../core/hash.js';
import type { GateOutcome, Suppression } from '../gate/types.js';
import type { InputWarning } from '../load/warnings.js';
import { warningLine } from './warnings.js';
import type { ReportContext, RuleDoc } from './context.js';
import { describeGroup, groupGaps, type GapGroup } from '../snapshot/index.js';
import { sortFindings } from './order.js';
import { codeFlows, nodeLocation } from './sarif-flow.js';

/** Where the SARIF 2.1.0 schema is published; written as `$schema`. */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** SARIF levels: GitHub shows `error` as Error, `warning` as Warning, `note` as Note. */
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };

/**
 * `security-severity` on GitHub's 0–10 scale, one value inside each of its bands (critical
 * above 9.0, high 7.0–8.9, medium 4.0–6.9, low below 4.0), so GitHub shows our severity.
 */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };
const SEVERITY_ORDER: Severity[] = ['critical', 'high', 'medium', 'low'];

/** The rule a finding is reported under: its first technique, else its entry point. */
export function sarifRuleId(f: Finding): string {
  return f.techniques[0] ?? f.entry.entryPoint;
}

function ruleDescriptor(id: string, doc: RuleDoc | undefined, severity: Severity) {
  const references = doc?.references ?? [];
  const markdown = doc ? [`**Fix.** ${doc.remediation}`, ...(references.length ? ['', 'References:', ...references.map((r) => `- ${r}`)] : [])].join('\n') : undefined;
  return {
    id,
    name: id,
    shortDescription: { text: doc?.title ?? id },
    ...(doc ? { fullDescription: { text: doc.description }, help: { text: `Fix: ${doc.remediation}`, markdown } } : {}),
    ...(references[0] ? { helpUri: references[0] } : {}),
    defaultConfiguration: { level: LEVEL[severity] },
    properties: { tags: ['security', doc?.kind ?? 'attack-path'], 'security-severity': SECURITY_SEVERITY[severity] },
  };
}

/** Repository-relative files the input came from; GitHub anchors an alert to a file in the repository. */
function fileSources(sources: readonly string[]): string[] {
  const relative = sources.filter((s) => s !== '' && !s.startsWith('/') && !s.startsWith('..') && !/^[a-z][a-z0-9+.-]*:/i.test(s) && !s.includes('\\'));
  return [...new Set(relative)].sort(compareStrings);
}

function message(f: Finding): string {
  const via = f.techniques.length ? ` via ${f.techniques.join(', ')}` : '';
  const hops = f.path.edges.length;
  return `${f.severity} (score ${f.score}): ${f.entry.title} at ${f.entry.label} reaches ${f.target.label}: ${f.target.title} (${f.target.impact}) in ${hops} ${hops === 1 ? 'hop' : 'hops'}${via}.`;
}

/** Per finding: SARIF's baseline state and suppressions, looked up in sets built once. */
function gateLookup(gate: GateOutcome | undefined) {
  const open = new Set(gate?.baseline?.open ?? []);
  const suppressed = new Map((gate?.suppressions?.applied ?? []).map((a) => [a.finding, a.suppression]));
  return (f: Finding) => gateFields(gate?.baseline !== undefined, open.has(f.id), suppressed.get(f.id));
}

function gateFields(hasBaseline: boolean, known: boolean, suppression: Suppression | undefined) {
  return {
    ...(hasBaseline ? { baselineState: known ? 'unchanged' : 'new' } : {}),
    ...(suppression ? { suppressions: [{ kind: 'external', status: 'accepted', justification: `${suppression.reason} (expires ${suppression.expires})` }] } : {}),
  };
}

/** The gate's verdict and counts, for dashboards that read run properties. */
function gateSummary(gate: GateOutcome) {
  return {
    ...(gate.failOn ? { failOn: gate.failOn } : {}),
    passed: gate.passed,
    failing: [...gate.failing].sort(compareStrings),
    ...(gate.baseline ? { baseline: { file: gate.baseline.file, new: gate.baseline.new.length, open: gate.baseline.open.length, fixed: gate.baseline.fixed.length } } : {}),
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
  const ruleIds = [...new Set(findings.map(sarifRuleId))].sort(compareStrings);
  // The most severe finding under each rule sets the rule's security-severity.
  const worstByRule = new Map<string, Severity>();
  for (const f of findings) {
    const id = sarifRuleId(f);
    const seen = worstByRule.get(id);
    if (!seen || SEVERITY_ORDER.indexOf(f.severity) < SEVERITY_ORDER.indexOf(seen)) worstByRule.set(id, f.severity);
  }
  const worst = (id: string) => worstByRule.get(id) ?? 'low';
  const rules = ruleIds.map((id) => ruleDescriptor(id, docs.get(id), worst(id)));
  const files = fileSources(meta.snapshot.sources);
  const anchor = files[0];
  const gateOf = gateLookup(gate);
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const results = findings.map((f) => ({
    ruleId: sarifRuleId(f),
    ruleIndex: ruleIndex.get(sarifRuleId(f)) ?? 0,
    level: LEVEL[f.severity],
    rank: f.score,
    message: { text: message(f) },
    locations: [
      {
        ...(anchor ? { physicalLocation: { artifactLocation: { uri: anchor, index: 0 } } } : {}),
        logicalLocations: [nodeLocation({ id: f.target.node, label: f.target.label, kind: f.target.kind })],
      },
    ],
    // GitHub matches alerts across runs by primaryLocationLineHash; our id is the stable identity.
    partialFingerprints: { 'blastpathFindingId/v1': f.id, primaryLocationLineHash: f.id },
    codeFlows: codeFlows(f),
    ...gateOf(f),
    properties: {
      'security-severity': SECURITY_SEVERITY[f.severity],
      findingId: f.id,
      severity: f.severity,
      score: f.score,
      entryPoint: f.entry.entryPoint,
      impact: f.target.impact,
      techniques: [...f.techniques],
      ...(f.entry.assumed ? { assumed: true } : {}),
      ...(f.residualConditions.length ? { residualConditions: [...f.residualConditions].sort(compareStrings) } : {}),
    },
  }));
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
