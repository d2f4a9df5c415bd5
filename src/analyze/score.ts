/**
 * The score, as docs/scoring.md documents it:
 *   score = round_half_up(min(100, impact × exposure × confidence × depth × blastRadius))
 * impact: the impact class weight × the sensitivity rule's confidence; exposure: the entry
 * point's; confidence: the product of edge confidences; depth: decay^(k-1) for k ≥ 2 hops from
 * the foothold, not counting the final access; blastRadius: 1 + f × log2(N).
 */
import type { ScoringRules } from '../rules/index.js';
import type { ScoreFactors, Severity } from './finding.js';

/** Inputs of one score. */
export interface ScoreInput {
  impactWeight: number;
  impactConfidence: number;
  exposure: number;
  edgeConfidences: number[];
  /** Hops from the foothold to the last principal (entry edge and final access excluded). */
  pivotHops: number;
  reachableCrownJewels: number;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Computes the score and its factors. */
export function scorePath(rules: ScoringRules, input: ScoreInput): { score: number; factors: ScoreFactors } {
  const impact = input.impactWeight * input.impactConfidence;
  const confidence = input.edgeConfidences.reduce((a, b) => a * b, 1);
  const depth = input.pivotHops >= 2 ? rules.depthDecay ** (input.pivotHops - 1) : 1;
  const n = Math.max(1, input.reachableCrownJewels);
  const blastRadius = 1 + rules.blastRadiusLog2Factor * Math.log2(n);
  const raw = Math.min(100, impact * input.exposure * confidence * depth * blastRadius);
  // Round half up on a value first fixed to 6 decimals, so float noise cannot flip a band.
  const score = Math.floor(Math.round(raw * 1e6) / 1e6 + 0.5);
  return {
    score,
    factors: {
      impact: round3(impact),
      exposure: input.exposure,
      confidence: round3(confidence),
      depth: round3(depth),
      blastRadius: round3(blastRadius),
      reachableCrownJewels: n,
    },
  };
}

/** The severity band of a score. */
export function severityOf(rules: ScoringRules, score: number): Severity {
  if (score >= rules.bands.critical) return 'critical';
  if (score >= rules.bands.high) return 'high';
  if (score >= rules.bands.medium) return 'medium';
  return 'low';
}
