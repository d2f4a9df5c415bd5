/**
 * The decisions of one caller and target, as the technique step hands them to edge blocks:
 * types only, so that blocks (block-forming.ts) and the checks (requirements.ts) share them
 * without importing each other.
 */
import type { EvaluationResult } from '../../iam/index.js';
import type { Provenance } from '../schema.js';

/**
 * One required action's decision, and the resource it was asked about; `trust`, the id of the
 * role's own trust policy when it was asked with it (a merged edge's grants of different roles
 * may then share a template, trust-shape.ts).
 */
export type Decided = { action: string; resource: string; result: EvaluationResult; trust?: string };

/** What attrsOf gives every target of one list of decisions: all but the target's own detail and evidence (edge blocks, block-forming.ts). */
export interface SharedHopParts {
  actions: string[];
  /** Per decision, its provenance records (built for the resource it was asked about). */
  records: Provenance[][];
  conditional: boolean;
  confidence: number;
  residual?: string[];
  service?: string;
  chosen?: Record<string, string>;
}
