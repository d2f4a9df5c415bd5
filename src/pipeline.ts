/**
 * The whole product on one screen: acquire a snapshot -> build the graph -> analyze -> gate ->
 * report. Plain values flow forward; nothing flows back. The CLI is the only caller that
 * prints or exits.
 */
import { analyze, onlyWhatIf, whatIfSummary, type AnalysisResult, type CoverageGap } from './analyze/index.js';
import { applyGate, type GateOptions, type GateOutcome } from './gate/index.js';
import { catalogVersion } from './iam/index.js';
import { exportGraph, type ExportGraph } from './export/index.js';
import { buildGraph, type BuiltGraph } from './graph/index.js';
import { InputError } from './core/errors.js';
import { getHeapStatistics } from 'node:v8';
import { loadInputs, memoryProblem, missingIam, type LoadedInput, type ReadLimits } from './load/index.js';
import { readCredentialFacts } from './identity/index.js';
import { readLoggingFacts, trailsCollected } from './logging/index.js';
import { checkPosture, withPosture } from './posture/index.js';
import { loadReportTools, MARKUP_FORMATS, renderReport, selectFindings, selectionWords, type FindingSelection, type ReportFormat, type ReportMeta, type RuleDoc } from './report/index.js';
import { loadRules, type RuleSet } from './rules/index.js';
import { redactText, type Snapshot } from './snapshot/index.js';
import { TOOL_VERSION } from './version.js';

/** The stages a long run reports, in order. */
export const ANALYSIS_STAGES = ['loading input', 'building graph', 'searching paths', 'ranking', 'rendering'] as const;
export type AnalysisStage = (typeof ANALYSIS_STAGES)[number];

/** Where a run is: a stage, and for path search how many entries are done. */
export interface AnalysisProgress {
  stage: AnalysisStage;
  done?: number;
  total?: number;
}

/** What one analysis run needs. */
export interface AnalysisOptions {
  /** Snapshot files, AWS CLI outputs, or directories of them. */
  inputs: string[];
  format: ReportFormat;
  color: boolean;
  /** Principals or workloads to treat as compromised (`--from`). */
  whatIf?: string[];
  /** With `whatIf`: report every entry's findings too, not only the paths from the compromised principals (`--all-findings`). */
  allFindings?: boolean;
  maxDepth?: number;
  /** A rules directory replacing the bundled one. */
  rulesDir?: string;
  /** False to leave out techniques of confidence `derived` (`--no-derived`). */
  derived?: boolean;
  /** Analysis time (ISO 8601, `--at`): time conditions are decided as of it; default the snapshot's collectedAt. */
  at?: string;
  /** Baseline, suppressions and threshold of the CI gate (see src/gate); no gate when absent. */
  gate?: GateOptions;
  /** Which findings the report shows (`--finding`, `--severity`, `--account`, `--target`, `--entry`, `--top`); the gate sees all. */
  select?: FindingSelection;
  /** Terminal columns of the table; 100 when absent. */
  width?: number;
  /** Table: every shown finding in full (`--details`; implied by `--top`). */
  details?: boolean;
  /** Told when a stage starts (and as path search advances), for progress on stderr. */
  onProgress?: (progress: AnalysisProgress) => void;
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

/** Coverage records that are gaps: every outcome but `ok`, each record as collected. */
function gapsOf(snapshot: Snapshot): CoverageGap[] {
  return snapshot.coverage.filter((record) => record.outcome !== 'ok');
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

/** Refuses input whose graph would not fit in this process's heap (see memoryProblem). */
function requireMemory(loaded: LoadedInput): void {
  const problem = loaded.jsonBytes ? memoryProblem(loaded.jsonBytes, getHeapStatistics().heap_size_limit) : undefined;
  if (problem) throw new InputError(loaded.sources.join(', '), problem);
}

/** What the stages after the graph read from the snapshot, read before the build so the build may let it go. */
interface SnapshotReads {
  gaps: CoverageGap[];
  logging: ReturnType<typeof readLoggingFacts>;
  credentials: ReturnType<typeof readCredentialFacts>;
  collectedAt: string;
  accounts: string[];
}

function readsAfterBuild(snapshot: Snapshot): SnapshotReads {
  return {
    gaps: gapsOf(snapshot),
    logging: readLoggingFacts(snapshot),
    credentials: readCredentialFacts(snapshot),
    collectedAt: snapshot.collectedAt,
    accounts: snapshot.accounts.map((a) => a.accountId),
  };
}

/** Options of analyzeLoaded. */
export interface AnalyzeLoadedOptions extends Omit<AnalysisOptions, 'inputs' | 'format' | 'color' | 'gate' | 'select' | 'width' | 'details'> {
  /**
   * The caller does not read `loaded.snapshot` after this call: the graph build lets the parsed
   * snapshot go once its facts are read, and `loaded.snapshot` becomes an empty snapshot of the
   * same collection time and account ids (no IAM, no resources, no coverage).
   */
  releaseSnapshot?: boolean;
}

/** Graph and analysis of an already loaded snapshot (offline files or live collection). */
export function analyzeLoaded(loaded: LoadedInput, options: AnalyzeLoadedOptions): Analyzed {
  if (!options.allowPartial) requireIam(loaded);
  requireMemory(loaded);
  const progress = options.onProgress;
  progress?.({ stage: 'building graph' });
  const rules = loadRules(options.rulesDir ? { dir: options.rulesDir } : {});
  const reads = readsAfterBuild(loaded.snapshot);
  const input = { snapshot: loaded.snapshot, credentials: loaded.credentials };
  if (options.releaseSnapshot) loaded.snapshot = emptiedSnapshot(loaded.snapshot);
  const built = buildGraph(input, rules, {
    whatIf: options.whatIf ?? [],
    ...(options.derived === false ? { derived: false } : {}),
    ...(options.at ? { at: options.at } : {}),
    ...(options.releaseSnapshot ? { releaseSnapshot: true } : {}),
  });
  return analyzeBuilt({ loaded, rules, built, reads }, options);
}

/** What analyzeBuilt starts from: the snapshot's reads made before the build may let it go. */
export interface BuiltStage {
  loaded: LoadedInput;
  rules: RuleSet;
  built: BuiltGraph;
  reads?: SnapshotReads;
}

/**
 * Search, ranking, posture and report metadata over a built graph (analyzeLoaded's stages after
 * the build; the equivalence tests hand it a graph whose edges are stored another way).
 */
export function analyzeBuilt(stage: BuiltStage, options: Omit<AnalyzeLoadedOptions, 'releaseSnapshot' | 'allowPartial'>): Analyzed {
  const { loaded, rules, built } = stage;
  const reads = stage.reads ?? readsAfterBuild(loaded.snapshot);
  const progress = options.onProgress;
  // `--from` asks what those principals reach: only their paths, unless every finding is asked for too.
  const whatIf = options.whatIf ?? [];
  const searched = whatIf.length && !options.allFindings ? onlyWhatIf(built, rules) : built;
  progress?.({ stage: 'searching paths', done: 0, total: searched.entries.length });
  const { logging } = reads;
  const analysis = analyze(searched, rules, {
    gaps: reads.gaps,
    // Snapshots without CloudTrail (older ones, IAM-only inputs) say nothing about records.
    ...(trailsCollected(logging) ? { logging } : {}),
    credentials: reads.credentials,
    ...(options.maxDepth ? { maxDepth: options.maxDepth } : {}),
    ...(progress ? { onEntry: (done: number, total: number) => progress(done === total ? { stage: 'ranking' } : { stage: 'searching paths', done, total }) } : {}),
  });
  const posture = checkPosture(rules, { built, logging, findings: analysis.findings, identities: analysis.identities ?? [] });
  const result: AnalysisResult = {
    ...analysis,
    posture,
    identities: withPosture(analysis.identities ?? [], posture),
    ...(whatIf.length ? { whatIf: whatIfSummary(whatIf, analysis.findings, rules) } : {}),
  };
  const meta: ReportMeta = {
    toolVersion: TOOL_VERSION,
    catalogVersion: catalogVersion(),
    snapshot: {
      collectedAt: reads.collectedAt,
      accounts: reads.accounts,
      sources: loaded.sources,
      ...(loaded.accountSources ? { accountSources: loaded.accountSources } : {}),
    },
    ...(loaded.warnings?.length ? { inputWarnings: loaded.warnings } : {}),
  };
  return { loaded, rules, built, result, meta };
}

/** What is left of a snapshot its caller released: when and which accounts, nothing collected. */
function emptiedSnapshot(snapshot: Snapshot): Snapshot {
  return {
    schemaVersion: snapshot.schemaVersion,
    collectedAt: snapshot.collectedAt,
    tool: snapshot.tool,
    accounts: snapshot.accounts.map((a) => ({ accountId: a.accountId, partition: a.partition, regions: {} })),
    coverage: [],
  };
}

/** Load -> graph -> export model, for `blastpath export`: the whole graph, no path search. */
export async function exportInputs(options: Pick<AnalysisOptions, 'inputs' | 'whatIf' | 'rulesDir' | 'derived' | 'at' | 'onProgress'>): Promise<ExportGraph> {
  options.onProgress?.({ stage: 'loading input' });
  const loaded = await loadInputs(options.inputs);
  requireMemory(loaded);
  options.onProgress?.({ stage: 'building graph' });
  const rules = loadRules(options.rulesDir ? { dir: options.rulesDir } : {});
  const built = buildGraph(loaded, rules, { whatIf: options.whatIf ?? [], ...(options.derived === false ? { derived: false } : {}), ...(options.at ? { at: options.at } : {}) });
  const meta = { toolVersion: TOOL_VERSION, collectedAt: loaded.snapshot.collectedAt, accounts: loaded.snapshot.accounts.map((a) => a.accountId) };
  return exportGraph({ graph: built.graph, blocks: built.blocks, entries: built.entries, crownJewels: built.crownJewels, meta });
}

/** Load -> graph -> analyze, without rendering. */
export async function analyzeInputs(options: Omit<AnalysisOptions, 'format' | 'color' | 'gate' | 'select' | 'width' | 'details'> & Pick<AnalyzeLoadedOptions, 'releaseSnapshot'>): Promise<Analyzed> {
  options.onProgress?.({ stage: 'loading input' });
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
    ...(r.remediationFor ? { remediationFor: r.remediationFor } : {}),
    ...('severity' in r ? { severity: r.severity } : {}),
    references: r.references,
  });
  return [...rules.techniques.map(doc('technique')), ...rules.entryPoints.map(doc('entry-point'))];
}

/**
 * Gate -> report: the last two stages, shared by every command that analyzes (analyze, scan).
 * The gate decides on every finding; `select` narrows only what the report shows.
 */
export async function renderRun(analyzed: Analyzed, options: Pick<AnalysisOptions, 'format' | 'color' | 'gate' | 'select' | 'onProgress' | 'width' | 'details'>): Promise<AnalysisRun> {
  const { result, meta, rules } = analyzed;
  options.onProgress?.({ stage: 'rendering' });
  const gate = options.gate ? applyGate(result, options.gate) : undefined;
  const shown = selectFindings(result, options.select);
  const tools = await loadReportTools(options.format);
  const report = renderReport(options.format, {
    result: shown,
    meta,
    color: options.color,
    rules: ruleDocs(rules),
    tools,
    ...(shown !== result ? { selectedFrom: result.findings.length, selectionFilters: selectionWords(options.select ?? {}) } : {}),
    ...(gate ? { gate } : {}),
    ...(options.width ? { width: options.width } : {}),
    ...(options.details || options.select?.top !== undefined ? { details: true } : {}),
  });
  // Last line of defence: nothing that looks like a credential leaves the process.
  return { output: redactText(report, { markup: MARKUP_FORMATS.has(options.format) }), result: shown, ...(gate ? { gate } : {}) };
}

/** Runs the offline pipeline end to end. */
export async function runAnalysis(options: AnalysisOptions): Promise<AnalysisRun> {
  // Nothing after the analysis reads the snapshot: the build may let it go.
  return await renderRun(await analyzeInputs({ ...options, releaseSnapshot: true }), options);
}
