/**
 * What every reporter receives: the analysis result, the facts about the run that the
 * result does not carry, and whether to emit ANSI color (decided by the caller, never here).
 */
import type { AnalysisResult } from '../analyze/finding.js';

/** Facts about the input and the tool that reports show next to the findings. */
export interface ReportMeta {
  toolVersion: string;
  snapshot: {
    /** When the snapshot was collected (input data, not the time of this run). */
    collectedAt: string;
    accounts: string[];
    /** Where the snapshot came from: file names, `live`, profiles. */
    sources: string[];
  };
  /** Version of the rule set the analysis used, when known. */
  rulesVersion?: string;
}

/** Everything a reporter needs; reporters read nothing else (no env, no files, no clock). */
export interface ReportContext {
  result: AnalysisResult;
  meta: ReportMeta;
  /** Emit ANSI color codes; only formats meant for terminals look at it. */
  color: boolean;
}

/** A reporter: a pure function from the context to the full text of the report. */
export type Reporter = (ctx: ReportContext) => string;
