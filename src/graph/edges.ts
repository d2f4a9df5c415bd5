/**
 * Edges with deterministic keys. Several statements granting the same capability between the
 * same two nodes merge into one edge that carries all of them. Derivation steps collect their
 * edges in an EdgeSet and return it; buildGraph adds the sets to the graph in one place.
 */
import { compareStrings, stableStringify } from '../core/hash.js';
import type { AttackGraph, EdgeAttrs, NodeAttrs, Provenance } from './schema.js';

/** A node a step contributes: its id and attributes (flags and sensitivity merge). */
export type NodeSpec = readonly [id: string, attrs: NodeAttrs];

/** Adds a node, or merges flags and sensitivity into the existing one. */
export function putNode(graph: AttackGraph, id: string, attrs: NodeAttrs): void {
  if (!graph.hasNode(id)) {
    graph.addNode(id, attrs);
    return;
  }
  const existing = graph.getNodeAttributes(id);
  const union = (a?: string[], b?: string[]) => [...new Set([...(a ?? []), ...(b ?? [])])].sort(compareStrings);
  graph.mergeNodeAttributes(id, {
    ...(attrs.flags || existing.flags ? { flags: union(existing.flags, attrs.flags) } : {}),
    ...(attrs.sensitivity || existing.sensitivity ? { sensitivity: union(existing.sensitivity, attrs.sensitivity) } : {}),
  });
}

/** The identity of an edge: its ends, kind, and what kind of capability it is. */
export function edgeKey(from: string, to: string, attrs: Pick<EdgeAttrs, 'kind' | 'access' | 'technique' | 'entryPoint'>): string {
  return `${from}|${attrs.kind}:${attrs.access ?? attrs.technique ?? attrs.entryPoint ?? ''}|${to}`;
}

/** Provenance fields in the order stableStringify sorts them (byte order of the names). */
const PROVENANCE_FIELDS = ['action', 'conditionKeys', 'field', 'policy', 'policyKind', 'resource', 'sid', 'statementHash', 'statementIndex'] as const;

/**
 * stableStringify of a provenance record, the same bytes, without sorting its keys or
 * recursing: technique steps make a record per edge (hundreds of thousands in a dense
 * account). A record with other fields or values falls back to stableStringify.
 */
export function provenanceKey(p: Provenance): string {
  const record = p as unknown as Record<string, unknown>;
  let out = '{';
  let present = 0;
  for (const name of PROVENANCE_FIELDS) {
    const value = record[name];
    if (value === undefined) continue;
    let text: string;
    if (typeof value === 'string' || typeof value === 'number') text = JSON.stringify(value);
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) text = JSON.stringify(value);
    else return stableStringify(p);
    out += (present ? ',"' : '"') + name + '":' + text;
    present++;
  }
  let own = 0;
  for (const name in record) if (record[name] !== undefined) own++;
  return own === present ? out + '}' : stableStringify(p);
}

/** Canonical text of each provenance record, computed once per record and build (records are never mutated). */
export class ProvenanceKeys {
  private readonly keys = new WeakMap<Provenance, string>();
  private readonly listKeys = new WeakMap<Provenance[], string[]>();

  /** The record's key. */
  of(p: Provenance): string {
    let key = this.keys.get(p);
    if (key === undefined) this.keys.set(p, (key = provenanceKey(p)));
    return key;
  }

  /** Records sorted by key, each content once. */
  sort(list: Provenance[]): Provenance[] {
    // Most edges carry one grant: nothing to deduplicate or order (and no key to serialize).
    if (list.length < 2) return [...list];
    if (list.length <= 8) return this.sortFew(list);
    // Merging re-sorts the edge's existing records: their keys come from the cache. Records with
    // the same key have the same content, so keeping the first of each is deduplication.
    const keyed = list.map((p) => ({ key: this.of(p), p }));
    keyed.sort((a, b) => compareStrings(a.key, b.key));
    const out: Provenance[] = [];
    for (let i = 0; i < keyed.length; i++) if (i === 0 || keyed[i]!.key !== keyed[i - 1]!.key) out.push(keyed[i]!.p);
    return out;
  }

  /**
   * sort() of a few records (a technique edge's two or three grants, by the hundred thousand):
   * insertion in place of a keyed copy and a comparator sort. Equal keys keep the first record,
   * as the stable sort followed by deduplication does.
   */
  private sortFew(list: Provenance[]): Provenance[] {
    const keys: string[] = [];
    const out: Provenance[] = [];
    for (const p of list) {
      const key = this.of(p);
      let at = keys.length;
      while (at > 0 && keys[at - 1]! > key) at--;
      if (at > 0 && keys[at - 1] === key) continue;
      if (at === keys.length) {
        keys.push(key);
        out.push(p);
      } else {
        keys.splice(at, 0, key);
        out.splice(at, 0, p);
      }
    }
    return out;
  }

  /** Attributes with actions and provenance in canonical order. */
  normalize(attrs: EdgeAttrs): EdgeAttrs {
    return {
      ...attrs,
      actions: attrs.actions.length < 2 ? [...attrs.actions] : [...new Set(attrs.actions)].sort(compareStrings),
      provenance: this.sort(attrs.provenance),
    };
  }

  /**
   * Two independent grants of one capability: the hop is unconditional if either is, and as
   * likely as the best; everything else stays as the first one found said it, unless only the
   * second holds unconditionally: then its details (residual, the principal it passes through)
   * are the hop's.
   */
  merge(existing: EdgeAttrs, normalized: EdgeAttrs): EdgeAttrs {
    const first = existing.conditional && !normalized.conditional ? normalized : existing;
    return {
      ...first,
      actions: [...new Set([...existing.actions, ...normalized.actions])].sort(compareStrings),
      provenance: this.mergeSorted(existing.provenance, normalized.provenance),
      conditional: existing.conditional && normalized.conditional,
      confidence: Math.max(existing.confidence, normalized.confidence),
    };
  }

  /**
   * Two lists in `sort` order merged into that order: the same records as sorting their
   * concatenation (ties keep `a`'s). A few new records are inserted by binary search into `a`
   * itself, which belongs to the edge being merged (normalize copies every list it stores):
   * re-sorting an edge's list on every merge is quadratic when one edge gathers a record per
   * user, as a conditional admin's edge to its account's admin node does.
   */
  private mergeSorted(a: Provenance[], b: Provenance[]): Provenance[] {
    if (b.length <= 8) {
      const keys = this.keysOf(a);
      for (const record of b) {
        const key = this.of(record);
        let lo = 0;
        let hi = keys.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (compareStrings(keys[mid]!, key) < 0) lo = mid + 1;
          else hi = mid;
        }
        if (lo === keys.length || keys[lo] !== key) {
          a.splice(lo, 0, record);
          keys.splice(lo, 0, key);
        }
      }
      return a;
    }
    return this.sort([...a, ...b]);
  }

  /**
   * The keys of an edge's sorted list, kept beside it while merges insert into it: a conditional
   * admin's edge to its account's admin node gathers thousands of records, and each binary
   * search would otherwise look up a key per probe. Rebuilt if the list changed length elsewhere.
   */
  private keysOf(list: Provenance[]): string[] {
    let keys = this.listKeys.get(list);
    if (!keys || keys.length !== list.length) this.listKeys.set(list, (keys = list.map((p) => this.of(p))));
    return keys;
  }
}

/** One edge a step found. */
export interface FoundEdge {
  from: string;
  to: string;
  attrs: EdgeAttrs;
}

/** The edges one derivation step found, in the order found, merged per capability as the graph merges them. */
export class EdgeSet implements Iterable<[string, FoundEdge]> {
  private readonly byKey = new Map<string, FoundEdge>();
  /** Places taken among the edges found by edges kept elsewhere (a TargetBlock's). */
  private reserved = 0;

  constructor(private readonly keys: ProvenanceKeys) {}

  /** Adds an edge, or merges it into the one of the same capability; `key` is edgeKey's, when the caller has it. */
  put(from: string, to: string, attrs: EdgeAttrs, key = edgeKey(from, to, attrs)): void {
    this.add(from, to, this.keys.normalize(attrs), key);
  }

  /**
   * put() for an attributes object made for this call and handed over (technique hops, by the
   * hundred thousand): its lists are put in canonical order in it rather than in a copy.
   */
  putOwned(from: string, to: string, attrs: EdgeAttrs, key: string): void {
    attrs.actions = attrs.actions.length < 2 ? [...attrs.actions] : [...new Set(attrs.actions)].sort(compareStrings);
    attrs.provenance = this.keys.sort(attrs.provenance);
    this.add(from, to, attrs, key);
  }

  private add(from: string, to: string, normalized: EdgeAttrs, key: string): void {
    const existing = this.byKey.get(key);
    if (existing) existing.attrs = this.keys.merge(existing.attrs, normalized);
    else this.byKey.set(key, { from, to, attrs: normalized });
  }

  /**
   * Takes an edge another thread drew and normalized (graph/parallel/), as it is; false when the
   * key is already present, which the caller must treat as a broken partition, not merge.
   */
  adopt(key: string, edge: FoundEdge): boolean {
    if (this.byKey.has(key)) return false;
    this.byKey.set(key, edge);
    return true;
  }

  /**
   * The place, in the order edges were found, of an edge kept outside the set (in a block):
   * drawing the set and its blocks by place gives the graph the order of a pair-by-pair step.
   */
  reserve(): number {
    return this.byKey.size + this.reserved++;
  }

  /** Places taken so far: the set's edges and those reserved. */
  get places(): number {
    return this.byKey.size + this.reserved;
  }

  /** The attributes of the edge with this key, if the step found one. */
  get(key: string): EdgeAttrs | undefined {
    return this.byKey.get(key)?.attrs;
  }

  get size(): number {
    return this.byKey.size;
  }

  [Symbol.iterator](): Iterator<[string, FoundEdge]> {
    return this.byKey.entries();
  }
}

/** Adds the edges of each set to the graph, in order; an edge of a capability already drawn merges into it. */
export function addEdges(graph: AttackGraph, sets: readonly EdgeSet[], keys: ProvenanceKeys): void {
  for (const set of sets) {
    for (const [key, { from, to, attrs }] of set) {
      if (!graph.hasEdge(key)) graph.addDirectedEdgeWithKey(key, from, to, attrs);
      else graph.replaceEdgeAttributes(key, keys.merge(graph.getEdgeAttributes(key), attrs));
    }
  }
}
