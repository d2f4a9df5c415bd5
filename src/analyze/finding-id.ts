/**
 * Stable finding ids. An id depends on the entry, the target, the impact and the identity of
 * each hop (its ends, kind and capability, and the policies and statements behind it, named by
 * Sid or content hash): never on ordering, indexes, timestamps or anything off the path.
 */
import { compareStrings, shortHash, stableStringify } from '../core/hash.js';
import type { Provenance } from '../graph/schema.js';
import type { PathEdge } from './finding.js';

/** How a hop names one statement or field: `policy#Sid`, `policy#hash` or `policy#field`. */
export function grantKey(p: Provenance): string {
  return `${p.policy}#${p.sid ?? p.statementHash ?? p.field ?? ''}`;
}

/** The capability a hop gives: access level, technique or entry point; empty for structural hops. */
export function capabilityOf(edge: Pick<PathEdge, 'access' | 'technique' | 'entryPoint'>): string {
  return edge.access ?? edge.technique ?? edge.entryPoint ?? '';
}

/** Identity of one hop: what makes it possible, independent of statement position. */
export function hopIdentity(edge: PathEdge): unknown {
  const grants = [...new Set(edge.provenance.map(grantKey))].sort(compareStrings);
  return [edge.from, edge.kind, capabilityOf(edge), edge.to, grants];
}

/** `bp-` and 16 hex characters. */
export function findingId(input: { entry: string; entryPoint: string; target: string; impact: string; edges: PathEdge[] }): string {
  return `bp-${shortHash(stableStringify([input.entry, input.entryPoint, input.target, input.impact, input.edges.map(hopIdentity)]))}`;
}
