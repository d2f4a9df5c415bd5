/**
 * The whole product on one screen: acquire a snapshot -> build the graph -> analyze ->
 * report. Plain values flow forward; nothing flows back. The CLI is the only caller that
 * prints or exits.
 */
import { analyze, type AnalysisResult, type CoverageGap } from './analyze/index.js';
import { buildGraph } from './graph/index.js';
import { loadInputs } from './load/index.js';
import { renderReport, type ReportFormat } from './report/index.js';
import { loadRules } from './rules/index.js';
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
}

/** The rendered report and the result behind it. */
export interface AnalysisRun {
  output: string;
  result: AnalysisResult;
}

/** Coverage records that are gaps: every outcome but `ok`. */
function gapsOf(snapshot: Snapshot): CoverageGap[] {
  return snapshot.coverage
    .filter((record) => record.outcome !== 'ok')
    .map(({ accountId, region, service, operation, resource, outcome, message }) => ({
      accountId,
      service,
      operation,
      outcome,
      ...(region ? { region } : {}),
      ...(resource ? { resource } : {}),
      ...(message ? { message } : {}),
    }));
}

/** Runs the offline pipeline end to end. */
export async function runAnalysis(options: AnalysisOptions): Promise<AnalysisRun> {
  const loaded = await loadInputs(options.inputs);
  const rules = loadRules(options.rulesDir ? { dir: options.rulesDir } : {});
  const built = buildGraph(loaded, rules, { whatIf: options.whatIf ?? [] });
  const result = analyze(built, rules, { gaps: gapsOf(loaded.snapshot), ...(options.maxDepth ? { maxDepth: options.maxDepth } : {}) });
  const report = renderReport(options.format, {
    result,
    color: options.color,
    meta: {
      toolVersion: TOOL_VERSION,
      snapshot: {
        collectedAt: loaded.snapshot.collectedAt,
        accounts: loaded.snapshot.accounts.map((a) => a.accountId),
        sources: loaded.sources,
      },
    },
  });
  // Last line of defence: nothing that looks like a credential leaves the process.
  return { output: redactText(report), result };
}
