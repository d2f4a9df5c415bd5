/**
 * The EdgeBlock the technique step makes (blocks.ts has the contract): one caller, one
 * technique, one set of decisions, many targets. What every edge shares is stored once, the
 * provenance records once as templates in their final order (only `resource` follows the
 * target), and per edge only the target and, when it has one, the target's own detail. Plain
 * data only (strings, numbers, records): a block keeps no fact alive, and `blockFromData`
 * rebuilds it from what a worker thread sends (structured clone).
 */
import type { BlockShared, EdgeBlock } from './blocks.js';
import type { EdgeAttrs, Provenance } from './schema.js';

/** One provenance record of every edge; `varies` when its `resource` is the edge's target. */
export interface RecordTemplate {
  record: Provenance;
  varies: boolean;
}

/** Everything a block is made of, as plain data (what a worker would send back). */
export interface TargetBlockData {
  from: string;
  /** The edge's identity as the rule fixes it (kind, access?, technique), in the pair edge's key order. */
  identity: Pick<EdgeAttrs, 'kind' | 'access' | 'technique'>;
  conditional: boolean;
  confidence: number;
  /** Sorted and unique. */
  actions: string[];
  /** In the order ProvenanceKeys.sort gives every edge of the block (checked when the block is formed). */
  records: RecordTemplate[];
  residual?: string[];
  /** The rule's service, when it names one (the first field of an edge's detail). */
  service?: string;
  /** Values the attack chose (the last fields of an edge's detail). */
  chosen?: Record<string, string>;
  targets: string[];
  /** Per target, its own detail (a re-roled workload) or null, when any target has one. */
  details?: Array<Record<string, string> | null>;
}

/** An EdgeBlock over its plain data. */
export class TargetBlock implements EdgeBlock {
  readonly shared: BlockShared;

  constructor(readonly data: TargetBlockData) {
    const { identity, conditional, confidence } = data;
    this.shared = { ...identity, conditional, confidence };
  }

  get from(): string {
    return this.data.from;
  }

  get size(): number {
    return this.data.targets.length;
  }

  targetAt(i: number): string {
    return this.data.targets[i]!;
  }

  /** The attributes attrsOf and EdgeSet.putOwned give the pair edge, field for field, in the same key order. */
  attrsAt(i: number): EdgeAttrs {
    const d = this.data;
    const target = d.targets[i]!;
    const provenance = d.records.map((t) => (t.varies ? { ...t.record, resource: target } : t.record));
    const attrs: EdgeAttrs = { ...d.identity, actions: [...d.actions], provenance, conditional: d.conditional, confidence: d.confidence };
    if (d.residual) attrs.residual = [...d.residual];
    const own = d.details?.[i] ?? undefined;
    if (d.service !== undefined || own || d.chosen) {
      const detail = { ...(d.service !== undefined ? { service: d.service } : {}), ...own, ...d.chosen };
      if (Object.keys(detail).length) attrs.detail = detail;
    }
    return attrs;
  }
}

/** Rebuilds a block from its data (as sent between threads). */
export function blockFromData(data: TargetBlockData): TargetBlock {
  return new TargetBlock(data);
}
