/**
 * A hop as every analysis shows it (findings, `radius`, `path`): the edge's ends and the
 * attributes that say what makes it possible. One builder, so the three stay the same shape.
 */
import type { EdgeAttrs } from '../graph/index.js';
import type { PathEdge } from './finding.js';

/** The hop from `from` to `to` over an edge with attributes `a` (no CloudTrail record: findings add it). */
export function hopOf(from: string, to: string, a: EdgeAttrs): PathEdge {
  return {
    from,
    to,
    kind: a.kind,
    ...(a.access ? { access: a.access } : {}),
    ...(a.technique ? { technique: a.technique } : {}),
    ...(a.entryPoint ? { entryPoint: a.entryPoint } : {}),
    actions: a.actions,
    conditional: a.conditional,
    confidence: a.confidence,
    ...(a.residual?.length ? { residual: a.residual } : {}),
    provenance: a.provenance,
    ...(a.detail ? { detail: a.detail } : {}),
  };
}
