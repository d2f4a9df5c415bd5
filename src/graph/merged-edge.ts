/**
 * One edge many grants merge into, kept as its grants (an EdgeBlock of one edge): a conditional
 * administrator's technique edge to its account's admin node carries one provenance record per
 * user or role it could take over (thousands at 2,000 principals). The technique step keeps the
 * decision sets once and per grant only its target, the principal it passes through and its
 * own detail; the merged attributes, records included, are made when the edge is read, exactly
 * as ProvenanceKeys.merge would have made them grant by grant.
 */
import { compareStrings } from '../core/hash.js';
import type { BlockShared, EdgeBlock } from './blocks.js';
import type { EdgeAttrs, Provenance } from './schema.js';
import { hopAttrs, sortedUnique, type HopTemplate } from './target-block.js';

/** A merged edge as plain data (what a worker would send back). */
export interface MergedEdgeData {
  from: string;
  to: string;
  identity: Pick<EdgeAttrs, 'kind' | 'access' | 'technique'>;
  /** The decision sets of its grants (records in any order: the edge's are sorted when read). */
  hops: HopTemplate[];
  /** Per grant, in the order found: its decision set (an index into `hops`) and the target its records name. */
  hop: number[];
  targets: string[];
  /**
   * Per grant, the principal it passes through (null for none); absent while every grant passes
   * through its own target, as a takeover of each role or user on the way to the admin node does:
   * a conditional administrator's edge there gathers a grant per principal of its account.
   */
  throughs?: Array<string | null>;
  /** Per grant, the target's own detail or null, when any grant has one. */
  details?: Array<Record<string, string> | null>;
}

/** A merged edge over its plain data. */
export class MergedEdge implements EdgeBlock {
  readonly shared: BlockShared;
  readonly size = 1;

  constructor(readonly data: MergedEdgeData) {
    // Unconditional if any grant is; as likely as the best (ProvenanceKeys.merge).
    const used = data.hop.map((h) => data.hops[h]!);
    this.shared = { ...data.identity, conditional: used.every((h) => h.conditional), confidence: Math.max(...used.map((h) => h.confidence)) };
  }

  get from(): string {
    return this.data.from;
  }

  targetAt(): string {
    return this.data.to;
  }

  /** The grants merged in the order found: the first grant's fields unless a later one alone holds unconditionally. */
  attrsAt(): EdgeAttrs {
    const d = this.data;
    const records: Provenance[] = [];
    let merged: EdgeAttrs | undefined;
    for (let k = 0; k < d.hop.length; k++) {
      const attrs = hopAttrs(d.identity, d.hops[d.hop[k]!]!, d.targets[k]!, d.details?.[k] ?? undefined, d.throughs ? (d.throughs[k] ?? undefined) : d.targets[k]!);
      for (const record of attrs.provenance) records.push(record);
      if (!merged) {
        merged = attrs;
        continue;
      }
      const first = merged.conditional && !attrs.conditional ? attrs : merged;
      merged = {
        ...first,
        actions: [...new Set([...merged.actions, ...attrs.actions])].sort(compareStrings),
        provenance: first.provenance,
        conditional: merged.conditional && attrs.conditional,
        confidence: Math.max(merged.confidence, attrs.confidence),
      };
    }
    merged!.provenance = sortedUnique(records);
    return merged!;
  }
}
