/**
 * The whole product on one screen: acquire a snapshot -> build the graph -> analyze -> gate ->
 * report. Plain values flow forward; nothing flows back. The CLI is the only caller that
 * prints or exits.
 */
import { analyze, type AnalysisResult, type CoverageGap } from './analyze/index.js';
import { applyGate, type GateOptions, type GateOutcome } from './gate/index.js';
import { catalogVersion } from './iam/index.js';
import { buildGraph, type BuiltGraph } from './graph/index.js';
import { InputError } from './core/errors.js';
import { loadInputs, missingIam, type LoadedInput, type ReadLimits } from './load/index.js';
import { renderReport, type ReportFormat, type ReportMeta, type RuleDoc } from './report/index.js';
import { loadRules, type RuleSet } from './rules/index.js';
import { redactText, type Snapshot } from './snapshot/index.js';
import { TOOL_VERSION } from './version.js';

/** What one analysis run needs. */
export interface AnalysisOptions {
  /** Snapshot files, AWS CLI outputs, or directories of them. */
  inputs: string[];
  format: ReportFormat;
  color: boolean;
  /** Principals or workloads to treat as compromised (`--from`). */
  whatIf?: string[];
  maxDepth?: number;
  /** A rules directory replacing the bundled one. */
  rulesDir?: string;
  /** False to leave out techniques of confidence `derived` (`--no-derived`). */
  derived?: boolean;
  /** Baseline, suppressions and threshold of the CI gate (see src/gate); no gate when absent. */
  gate?: GateOptions;
  /** Analyze accounts whose IAM is missing instead of refusing the input (`--allow-partial`). */
  allowPartial?: boolean;
  /** Size limits of input files (default: the load stage's). */
  limits?: ReadLimits;
}

/** The rendered report and the result behind it. */
export interface AnalysisRun {
  output: string;
  result: AnalysisResult;
  /** The gate's decision, when `gate` options were given; the CLI exits 1 when it did not pass. */
  gate?: GateOutcome;
}

/** Coverage records that are gaps: every outcome but `ok`. */
function gapsOf(snapshot: Snapshot): CoverageGap[] {
  return snapshot.coverage
    .filter((record) => record.outcome !== 'ok')
    .map(({ accountId, region, service, operation, resource, outcome, reason, message }) => ({
      accountId,
      service,
      operation,
      outcome,
      ...(region ? { region } : {}),
      ...(resource ? { resource } : {}),
      ...(reason ? { reason } : {}),
      ...(message ? { message } : {}),
    }));
}

/** What the stages up to analysis produced; commands that report, gate or compare start here. */
export interface Analyzed {
  loaded: LoadedInput;
  rules: RuleSet;
  built: BuiltGraph;
  result: AnalysisResult;
  meta: ReportMeta;
}

/**
 * Refuses input with an account whose IAM is missing: with no principals nothing can be
 * reached, and "0 findings" would read as "safe" when it means "not looked at".
 */
function requireIam(loaded: LoadedInput): void {
  const missing = missingIam(loaded.snapshot);
  if (missing.length === 0) return;
  const [first] = missing;
  const accounts = missing.map((m) => m.accountId).join(', ');
  throw new InputError(
    `${loaded.sources.join(', ')}: ${missing.length === 1 ? 'account' : 'accounts'} ${accounts}`,
    `expected IAM data (iam.AuthorizationDetails), which the input lacks${first?.why ? ` (coverage: ${first.why})` : ''}; without it nothing can be analyzed there. Collect again, or pass --allow-partial to analyze what there is`,
  );
}

/** Graph and analysis of an already loaded snapshot (offline files or live collection). */
export function analyzeLoaded(loaded: LoadedInput, options: Omit<AnalysisOptions, 'inputs' | 'format' | 'color' | 'gate'>): Analyzed {
  if (!options.allowPartial) requireIam(loaded);
  const rules = loadRules(options.rulesDir ? { dir: options.rulesDir } : {});
  const built = buildGraph(loaded, rules, { whatIf: options.whatIf ?? [], ...(options.derived === false ? { derived: false } : {}) });
  const result = analyze(built, rules, { gaps: gapsOf(loaded.snapshot), ...(options.maxDepth ? { maxDepth: options.maxDepth } : {}) });
  const meta: ReportMeta = {
    toolVersion: TOOL_VERSION,
    catalogVersion: catalogVersion(),
    snapshot: {
      collectedAt: loaded.snapshot.collectedAt,
      accounts: loaded.snapshot.accounts.map((a) => a.accountId),
      sources: loaded.sources,
    },
    ...(loaded.warnings?.length ? { inputWarnings: loaded.warnings } : {}),
  };
  return { loaded, rules, built, result, meta };
}

/** Load -> graph -> analyze, without rendering. */
export async function analyzeInputs(options: Omit<AnalysisOptions, 'format' | 'color' | 'gate'>): Promise<Analyzed> {
  return analyzeLoaded(await loadInputs(options.inputs, options.limits ? { limits: options.limits } : {}), options);
}

/** What reports say about techniques and entry points: the rule files' own words. */
export function ruleDocs(rules: RuleSet): RuleDoc[] {
  const doc = (kind: RuleDoc['kind']) => (r: RuleSet['techniques'][number] | RuleSet['entryPoints'][number]): RuleDoc => ({
    id: r.id,
    kind,
    title: r.title,
    description: r.description,
    remediation: r.remediation,
    references: r.references,
  });
  return [...rules.techniques.map(doc('technique')), ...rules.entryPoints.map(doc('entry-point'))];
}

/** Gate -> report: the last two stages, shared by every command that analyzes (analyze, scan). */
export function renderRun(analyzed: Analyzed, options: Pick<AnalysisOptions, 'format' | 'color' | 'gate'>): AnalysisRun {
  const { result, meta, rules } = analyzed;
  const gate = options.gate ? applyGate(result, options.gate) : undefined;
  const report = renderReport(options.format, { result, meta, color: options.color, rules: ruleDocs(rules), ...(gate ? { gate } : {}) });
  // Last line of defence: nothing that looks like a credential leaves the process.
  return { output: redactText(report), result, ...(gate ? { gate } : {}) };
}

/** Runs the offline pipeline end to end. */
export async function runAnalysis(options: AnalysisOptions): Promise<AnalysisRun> {
  return renderRun(await analyzeInputs(options), options);
}
