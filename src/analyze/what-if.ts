/**
 * The answer to `--from`: which crown jewels the principals declared compromised reach. With
 * `--from` the report holds only paths that start at those principals (the question asked),
 * so the reached jewels are listed once, best finding first, beside the findings.
 */
import { compareStrings } from '../core/hash.js';
import type { RuleSet } from '../rules/index.js';
import type { BuiltGraph } from '../graph/index.js';
import type { Finding, WhatIfJewel, WhatIfSummary } from './finding.js';

/** Entry-point rules whose entries are declared compromised principals (the what-if detector). */
export function whatIfEntryPoints(rules: RuleSet): Set<string> {
  return new Set(rules.entryPoints.filter((r) => r.detector === 'what-if').map((r) => r.id));
}

/** The graph with only the declared-compromised entries: their paths are the question `--from` asks. */
export function onlyWhatIf(built: BuiltGraph, rules: RuleSet): BuiltGraph {
  const ids = whatIfEntryPoints(rules);
  return { ...built, entries: built.entries.filter((e) => ids.has(e.entryPoint)) };
}

/** The crown jewels the what-if findings reach, in the order of their best finding (findings come ranked). */
export function whatIfSummary(from: readonly string[], findings: readonly Finding[], rules: RuleSet): WhatIfSummary {
  const ids = whatIfEntryPoints(rules);
  const byNode = new Map<string, WhatIfJewel>();
  for (const f of findings) {
    if (!ids.has(f.entry.entryPoint)) continue;
    const seen = byNode.get(f.target.node);
    if (seen) {
      if (!seen.impacts.includes(f.target.impact)) seen.impacts.push(f.target.impact);
      continue;
    }
    byNode.set(f.target.node, { node: f.target.node, label: f.target.label, kind: f.target.kind, impacts: [f.target.impact], severity: f.severity, score: f.score });
  }
  const reached = [...byNode.values()].map((j) => ({ ...j, impacts: [...j.impacts].sort(compareStrings) }));
  return { from: [...from].sort(compareStrings), reached };
}
