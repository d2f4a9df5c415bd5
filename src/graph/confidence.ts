/** Per-edge confidence from the scoring rules: each weakening factor multiplies in. */
import type { ScoringRules } from '../rules/index.js';

/** What can weaken a hop. */
export interface HopFactors {
  conditional?: boolean;
  deferred?: boolean;
  derived?: boolean;
  codeBounded?: boolean;
}

/** Confidence in (0, 1] for a hop with these factors. */
export function hopConfidence(scoring: ScoringRules, factors: HopFactors): number {
  const c = scoring.edgeConfidence;
  let value = c.deterministic;
  if (factors.conditional) value *= c.conditional;
  if (factors.deferred) value *= c.deferred;
  if (factors.derived) value *= c.derived;
  if (factors.codeBounded) value *= c.codeBoundedInvoke;
  return Math.round(value * 1e6) / 1e6;
}
