/**
 * The CI decision. A finding fails the gate when its severity is at or above `failOn`, no active
 * suppression covers it, and it is new or worse than the baseline says. The baseline knows a
 * finding by its id, or by its ticket key (same entry, entry point, target and impact) when only
 * the route changed; everything else about the run (new, still open, changed, worsened, fixed,
 * suppressed, expired) is counted for the report.
 */
import { SEVERITIES, type AnalysisResult, type Finding, type Severity } from '../analyze/finding.js';
import { ticketKey, ticketKeyOf } from '../analyze/finding-id.js';
import { compareStrings } from '../core/hash.js';
import { isActive, matcher } from './suppressions.js';
import type { AppliedSuppression, BaselineEntry, GateOptions, GateOutcome } from './types.js';

/** True when `severity` is `threshold` or more severe. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}

/** The baseline entry of a finding: by id, else by ticket key (the most severe, then the smallest id). */
function baselineLookup(entries: readonly BaselineEntry[]): (f: Finding) => BaselineEntry | undefined {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const byKey = new Map<string, BaselineEntry>();
  for (const e of [...entries].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || compareStrings(a.id, b.id))) {
    const key = ticketKey(e);
    if (!byKey.has(key)) byKey.set(key, e);
  }
  return (f) => byId.get(f.id) ?? byKey.get(ticketKeyOf(f));
}

/** True when `severity` is more severe than `than`. */
function moreSevere(severity: Severity, than: Severity): boolean {
  return SEVERITIES.indexOf(severity) < SEVERITIES.indexOf(than);
}

/** Judges an analysis result against the baseline, the suppressions and the severity threshold. */
export function applyGate(result: Pick<AnalysisResult, 'findings'>, options: GateOptions): GateOutcome {
  const findings = [...result.findings].sort((a, b) => compareStrings(a.id, b.id));
  const known = baselineLookup(options.baseline?.findings ?? []);
  const previous = new Map(findings.flatMap((f) => {
    const e = known(f);
    return e ? [[f.id, e] as const] : [];
  }));
  const presentIds = new Set(findings.map((f) => f.id));
  const presentKeys = new Set(findings.map(ticketKeyOf));
  const worsened = findings.flatMap((f) => {
    const e = previous.get(f.id);
    return e && moreSevere(f.severity, e.severity) ? [{ id: f.id, previousId: e.id, previousSeverity: e.severity, severity: f.severity }] : [];
  });
  const worse = new Set(worsened.map((w) => w.id));

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
  const gated = (f: Finding) => !previous.has(f.id) || worse.has(f.id);
  const failing = failOn === undefined ? [] : findings.filter((f) => atLeast(f.severity, failOn) && gated(f) && !suppressed.has(f.id)).map((f) => f.id);
  return {
    ...(failOn ? { failOn } : {}),
    ...(options.baseline
      ? {
          baseline: {
            file: options.baseline.file,
            new: findings.filter((f) => !previous.has(f.id)).map((f) => f.id),
            open: findings.filter((f) => previous.get(f.id)?.id === f.id).map((f) => f.id),
            changed: findings.flatMap((f) => {
              const e = previous.get(f.id);
              return e && e.id !== f.id ? [{ id: f.id, previousId: e.id }] : [];
            }),
            worsened,
            fixed: [...new Map(options.baseline.findings.filter((e) => !presentIds.has(e.id) && !presentKeys.has(ticketKey(e))).map((e) => [e.id, e])).values()].sort((a, b) => compareStrings(a.id, b.id)),
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
