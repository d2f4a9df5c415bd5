/**
 * What the CI gate reads and decides: a baseline of known findings, suppressions that expire,
 * the severity that fails the build, and the outcome reporters summarize and the CLI turns into
 * an exit code.
 */
import type { Severity } from '../analyze/finding.js';

/** One finding a baseline accepts as known; the fields besides `id` are for people reading it. */
export interface BaselineEntry {
  id: string;
  severity: Severity;
  entry: string;
  entryPoint: string;
  target: string;
  impact: string;
}

/** A baseline file, parsed; `file` is where it came from, for messages and reports. */
export interface Baseline {
  file: string;
  findings: BaselineEntry[];
}

/** What a suppression matches: one finding id, a technique or entry-point id, or a node ARN pattern. */
export type SuppressionMatch = { by: 'finding'; value: string } | { by: 'technique'; value: string } | { by: 'node'; value: string };

/** One suppression from `.blastpath.yaml`: what it matches, why, and until when. */
export interface Suppression {
  /** Position in the file's `suppressions` list, from 0; names it in messages. */
  index: number;
  match: SuppressionMatch;
  reason: string;
  /** Last day (YYYY-MM-DD, UTC) on which it still suppresses. */
  expires: string;
}

/** A suppressions file, parsed. */
export interface SuppressionFile {
  file: string;
  suppressions: Suppression[];
}

/** Everything the gate needs besides the findings; `today` is injectable so tests are deterministic. */
export interface GateOptions {
  /** Fail when a finding at or above this severity is neither baselined nor suppressed. */
  failOn?: Severity;
  baseline?: Baseline;
  suppressions?: SuppressionFile;
  /** The date suppressions are judged on, YYYY-MM-DD (UTC). */
  today: string;
}

/** A suppression that matched a finding. */
export interface AppliedSuppression {
  finding: string;
  suppression: Suppression;
}

/** The gate's decision and the counts reports show. */
export interface GateOutcome {
  failOn?: Severity;
  /** Present when a baseline was given: findings split by whether the baseline knew them. */
  baseline?: {
    file: string;
    /** Ids of findings the baseline does not list. */
    new: string[];
    /** Ids of findings the baseline lists and that are still there. */
    open: string[];
    /**
     * Findings the baseline knows by ticket key (same entry, entry point, target and impact)
     * under another id: the same risk by a changed route. Neither new nor fixed.
     */
    changed: Array<{ id: string; previousId: string }>;
    /** Known findings (open or changed) whose severity is above the baseline's: they gate like new ones. */
    worsened: Array<{ id: string; previousId: string; previousSeverity: Severity; severity: Severity }>;
    /** Baseline entries whose finding is gone: neither its id nor its ticket key is present. */
    fixed: BaselineEntry[];
  };
  /** Present when a suppressions file was read. */
  suppressions?: {
    file: string;
    /** Findings an active suppression covers, with the first suppression (in file order) that does. */
    applied: AppliedSuppression[];
    /** Suppressions past their `expires` date: they suppress nothing and should be renewed or removed. */
    expired: Suppression[];
  };
  /**
   * Ids of findings at or above `failOn` that are new (unknown to the baseline by id and ticket
   * key) or worsened (known, but more severe than the baseline says), and not suppressed.
   */
  failing: string[];
  /** False exactly when `failing` is not empty. */
  passed: boolean;
}
