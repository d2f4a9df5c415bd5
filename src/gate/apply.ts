/**
 * The CI decision. A finding fails the gate when its severity is at or above `failOn` and
 * neither the baseline lists it nor an active suppression covers it; everything else about the
 * run (new, still open, fixed, suppressed, expired) is counted for the report.
 */
import { SEVERITIES, type AnalysisResult, type Severity } from '../analyze/finding.js';
import { compareStrings } from '../core/hash.js';
import { isActive, matcher } from './suppressions.js';
import type { AppliedSuppression, GateOptions, GateOutcome } from './types.js';

/** True when `severity` is `threshold` or more severe. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}

/** Judges an analysis result against the baseline, the suppressions and the severity threshold. */
export function applyGate(result: Pick<AnalysisResult, 'findings'>, options: GateOptions): GateOutcome {
  const findings = [...result.findings].sort((a, b) => compareStrings(a.id, b.id));
  const known = options.baseline ? new Set(options.baseline.findings.map((e) => e.id)) : new Set<string>();
  const present = new Set(findings.map((f) => f.id));

  const all = options.suppressions?.suppressions ?? [];
  const active = all.filter((s) => isActive(s, options.today)).map(matcher);
  const applied: AppliedSuppression[] = [];
  for (const f of findings) {
    // The first matching suppression in file order names the reason, so the choice is stable.
    const by = active.find((m) => m.matches(f));
    if (by) applied.push({ finding: f.id, suppression: by.suppression });
  }
  const suppressed = new Set(applied.map((a) => a.finding));

  const failOn = options.failOn;
  const failing = failOn === undefined ? [] : findings.filter((f) => atLeast(f.severity, failOn) && !known.has(f.id) && !suppressed.has(f.id)).map((f) => f.id);
  return {
    ...(failOn ? { failOn } : {}),
    ...(options.baseline
      ? {
          baseline: {
            file: options.baseline.file,
            new: findings.filter((f) => !known.has(f.id)).map((f) => f.id),
            open: findings.filter((f) => known.has(f.id)).map((f) => f.id),
            fixed: [...new Map(options.baseline.findings.filter((e) => !present.has(e.id)).map((e) => [e.id, e])).values()].sort((a, b) => compareStrings(a.id, b.id)),
          },
        }
      : {}),
    ...(options.suppressions
      ? { suppressions: { file: options.suppressions.file, applied, expired: all.filter((s) => !isActive(s, options.today)) } }
      : {}),
    failing,
    passed: failing.length === 0,
  };
}
