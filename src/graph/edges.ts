/**
 * Adding nodes and edges with deterministic keys. Several statements granting the same
 * capability between the same two nodes merge into one edge that carries all of them.
 */
import { compareStrings, stableStringify } from '../core/hash.js';
import type { AttackGraph, EdgeAttrs, NodeAttrs, Provenance } from './schema.js';

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

/** Canonical text of each provenance record, computed once per record (records are never mutated). */
const provenanceKeys = new WeakMap<Provenance, string>();

function keyOf(p: Provenance): string {
  let key = provenanceKeys.get(p);
  if (key === undefined) provenanceKeys.set(p, (key = stableStringify(p)));
  return key;
}

function sortProvenance(list: Provenance[]): Provenance[] {
  // Most edges carry one grant: nothing to deduplicate or order (and no key to serialize).
  if (list.length < 2) return [...list];
  // Merging re-sorts the edge's existing records: their keys come from the cache. Records with
  // the same key have the same content, so keeping the first of each is deduplication.
  const keyed = list.map((p) => ({ key: keyOf(p), p }));
  keyed.sort((a, b) => compareStrings(a.key, b.key));
  const out: Provenance[] = [];
  for (let i = 0; i < keyed.length; i++) if (i === 0 || keyed[i]!.key !== keyed[i - 1]!.key) out.push(keyed[i]!.p);
  return out;
}

/**
 * Merges two lists already in sortProvenance order into that order, in one pass: the same
 * result as sorting their concatenation (ties keep `a`'s record), without re-sorting an edge's
 * growing list on every merge (quadratic when one edge gathers a grant per user).
 */
function mergeProvenance(a: Provenance[], b: Provenance[]): Provenance[] {
  // A few new records (the usual merge): binary search and insert each into the edge's own
  // list, which no one else holds (putEdge copies every list it stores).
  if (b.length <= 8) {
    for (const record of b) {
      const key = keyOf(record);
      let lo = 0;
      let hi = a.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compareStrings(keyOf(a[mid]!), key) < 0) lo = mid + 1;
        else hi = mid;
      }
      if (lo === a.length || keyOf(a[lo]!) !== key) a.splice(lo, 0, record);
    }
    return a;
  }
  const out: Provenance[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length) out.push(a[i++]!);
    else if (i >= a.length) out.push(b[j++]!);
    else {
      const order = compareStrings(keyOf(a[i]!), keyOf(b[j]!));
      if (order <= 0) {
        if (order === 0) j++;
        out.push(a[i++]!);
      } else out.push(b[j++]!);
    }
  }
  return out;
}

/** Adds an edge; when the same capability already joins the two nodes, merges into it. `key` is edgeKey's, when the caller has it. */
export function putEdge(graph: AttackGraph, from: string, to: string, attrs: EdgeAttrs, key = edgeKey(from, to, attrs)): void {
  const normalized: EdgeAttrs = {
    ...attrs,
    actions: attrs.actions.length < 2 ? [...attrs.actions] : [...new Set(attrs.actions)].sort(compareStrings),
    provenance: sortProvenance(attrs.provenance),
  };
  if (!graph.hasEdge(key)) {
    graph.addDirectedEdgeWithKey(key, from, to, normalized);
    return;
  }
  const existing = graph.getEdgeAttributes(key);
  // Two independent grants: the hop is unconditional if either is, and as likely as the best.
  graph.replaceEdgeAttributes(key, {
    ...existing,
    actions: [...new Set([...existing.actions, ...normalized.actions])].sort(compareStrings),
    provenance: mergeProvenance(existing.provenance, normalized.provenance),
    conditional: existing.conditional && normalized.conditional,
    confidence: Math.max(existing.confidence, normalized.confidence),
  });
}
