/**
 * The EdgeBlock the technique step makes (blocks.ts has the contract): one caller, one
 * technique, one set of decisions, many targets. What every edge shares is stored once, the
 * provenance records once as templates in their final order (only `resource` follows the
 * target), and per edge only the target and, when it has one, the target's own detail. Plain
 * data only (strings, numbers, records): a block keeps no fact alive, and `blockFromData`
 * (made-blocks.ts) rebuilds it from what a worker thread sends (structured clone).
 */
import { compareStrings } from '../core/hash.js';
import type { BlockShared, EdgeBlock } from './blocks.js';
import { provenanceKey } from './edges.js';
import type { EdgeAttrs, Provenance } from './schema.js';

/**
 * One provenance record of every edge; `varies` when its `resource` is the edge's target;
 * `policySuffix` when its policy is the target's own (a role's trust policy: the target's ARN
 * followed by this suffix), in a merged edge's templates only.
 */
export interface RecordTemplate {
  record: Provenance;
  varies: boolean;
  policySuffix?: string;
}

/** What every edge of one set of decisions shares, as plain data; only the target's own parts vary. */
export interface HopTemplate {
  conditional: boolean;
  confidence: number;
  /** Sorted and unique. */
  actions: string[];
  /** In the order ProvenanceKeys.sort gives every edge of the template (checked when it is formed). */
  records: RecordTemplate[];
  residual?: string[];
  /** The rule's service, when it names one (the first field of an edge's detail). */
  service?: string;
  /** Values the attack chose (the last fields of an edge's detail). */
  chosen?: Record<string, string>;
}

/** Everything a block is made of, as plain data (what a worker would send back). */
export interface TargetBlockData extends HopTemplate {
  from: string;
  /** The edge's identity as the rule fixes it (kind, access?, technique), in the pair edge's key order. */
  identity: Pick<EdgeAttrs, 'kind' | 'access' | 'technique'>;
  targets: string[];
  /** Per target, its own detail (a re-roled workload) or null, when any target has one. */
  details?: Array<Record<string, string> | null>;
  /** Per target, the configuration records proving its link (a function's role) or null, when any target has them. */
  evidence?: Array<Provenance[] | null>;
}

/** Records sorted by key, each content once (ProvenanceKeys.sort, without its cache). */
export function sortedUnique(list: Provenance[]): Provenance[] {
  if (list.length < 2) return list;
  const keyed = list.map((p) => ({ key: provenanceKey(p), p }));
  keyed.sort((a, b) => compareStrings(a.key, b.key));
  const out: Provenance[] = [];
  for (let i = 0; i < keyed.length; i++) if (i === 0 || keyed[i]!.key !== keyed[i - 1]!.key) out.push(keyed[i]!.p);
  return out;
}

/**
 * The attributes attrsOf and EdgeSet.putOwned give a pair edge of these decisions, field for
 * field, in the same key order (kind, access?, technique, actions, provenance, conditional,
 * confidence, residual?, detail?, through?).
 */
export function hopAttrs(identity: Pick<EdgeAttrs, 'kind' | 'access' | 'technique'>, hop: HopTemplate, target: string, own: Record<string, string> | undefined, through: string | undefined): EdgeAttrs {
  const provenance = hop.records.map((t) => (t.policySuffix !== undefined ? { ...t.record, policy: target + t.policySuffix, ...(t.varies ? { resource: target } : {}) } : t.varies ? { ...t.record, resource: target } : t.record));
  const attrs: EdgeAttrs = { ...identity, actions: [...hop.actions], provenance, conditional: hop.conditional, confidence: hop.confidence };
  if (hop.residual) attrs.residual = [...hop.residual];
  if (hop.service !== undefined || own || hop.chosen) {
    const detail = { ...(hop.service !== undefined ? { service: hop.service } : {}), ...own, ...hop.chosen };
    if (Object.keys(detail).length) attrs.detail = detail;
  }
  if (through !== undefined) attrs.through = through;
  return attrs;
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

  attrsAt(i: number): EdgeAttrs {
    const d = this.data;
    const attrs = hopAttrs(d.identity, d, d.targets[i]!, d.details?.[i] ?? undefined, undefined);
    // A target's own records sort among the templates' by key, as the pair edge's do.
    const evidence = d.evidence?.[i];
    if (evidence) attrs.provenance = sortedUnique([...attrs.provenance, ...evidence]);
    return attrs;
  }
}
