/**
 * Stable finding ids. An id depends on the entry, the target, the impact and the identity of
 * each hop (its ends, kind and capability, and the policies and statements behind it, named by
 * Sid or content hash): never on ordering, indexes, timestamps or anything off the path.
 */
import { compareStrings, shortHash, stableStringify } from '../core/hash.js';
import type { PathEdge } from './finding.js';

/** Identity of one hop: what makes it possible, independent of statement position. */
function hopIdentity(edge: PathEdge): unknown {
  const grants = edge.provenance
    .map((p) => `${p.policy}#${p.sid ?? p.statementHash ?? p.field ?? ''}`)
    .sort(compareStrings);
  return [edge.from, edge.kind, edge.access ?? edge.technique ?? edge.entryPoint ?? '', edge.to, [...new Set(grants)]];
}

/** `bp-` and 16 hex characters. */
export function findingId(input: { entry: string; entryPoint: string; target: string; impact: string; edges: PathEdge[] }): string {
  return `bp-${shortHash(stableStringify([input.entry, input.entryPoint, input.target, input.impact, input.edges.map(hopIdentity)]))}`;
}
