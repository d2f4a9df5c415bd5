/**
 * The score, as docs/scoring.md documents it:
 *   raw   = impact × exposure × confidence × depth × blastRadius × credential
 *   score = round_half_up(min(100, raw))
 * impact: the impact class weight × the sensitivity rule's confidence; exposure: the entry
 * point's; confidence: the product of edge confidences; depth: decay^(k-1) for k ≥ 2 hops from
 * the foothold, not counting the final access; blastRadius: 1 + f × log2(max(1, W)) for the
 * sensitivity-weighted radius W; credential: 1 + g × log10(days) since the entry's long-lived
 * key was created (1 for other entries). `score` is for display (0-100); findings rank by `rawScore`, which no cap hides.
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
  /** Σ weight/100 × confidence over the (jewel, impact) pairs the pivot reaches. */
  weightedRadius: number;
  /** Days since the entry's long-lived access key was created; absent for other entries or when unknown. */
  credentialAgeDays?: number;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Computes the display score, the unclipped score and the factors. */
export function scorePath(rules: ScoringRules, input: ScoreInput): { score: number; rawScore: number; factors: ScoreFactors } {
  const impact = input.impactWeight * input.impactConfidence;
  const confidence = input.edgeConfidences.reduce((a, b) => a * b, 1);
  const depth = input.pivotHops >= 2 ? rules.depthDecay ** (input.pivotHops - 1) : 1;
  const n = Math.max(1, input.reachableCrownJewels);
  const blastRadius = 1 + rules.blastRadiusLog2Factor * Math.log2(Math.max(1, input.weightedRadius));
  const credential = 1 + rules.credentialAgeLog10Factor * Math.log10(Math.max(1, input.credentialAgeDays ?? 1));
  // Fixed to 6 decimals first, so float noise can neither flip a band nor reorder equal paths.
  const raw = Math.round(impact * input.exposure * confidence * depth * blastRadius * credential * 1e6) / 1e6;
  const score = Math.floor(Math.min(100, raw) + 0.5);
  return {
    score,
    rawScore: Math.round(raw * 1000) / 1000,
    factors: {
      impact: round3(impact),
      exposure: input.exposure,
      confidence: round3(confidence),
      depth: round3(depth),
      blastRadius: round3(blastRadius),
      reachableCrownJewels: n,
      weightedRadius: round3(input.weightedRadius),
      credential: round3(credential),
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
