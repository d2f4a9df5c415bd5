/**
 * Stable finding ids. An id depends on the entry, the target, the impact and the identity of
 * each hop (its ends, kind and capability, and the policies and statements behind it, named by
 * Sid or content hash): never on ordering, indexes, timestamps or anything off the path.
 */
import { compareStrings, shortHash, stableStringify } from '../core/hash.js';
import type { Provenance } from '../graph/schema.js';
import type { PathEdge } from './finding.js';

/**
 * How a hop names one statement or field: `policy#Sid`, `policy#hash` or `policy#field`. A
 * field's list positions are left out (`containerDefinitions[].environment[].value`): AWS lists
 * come back in any order, and a reordered list is not a changed path.
 */
export function grantKey(p: Provenance): string {
  return `${p.policy}#${p.sid ?? p.statementHash ?? p.field?.replace(/\[\d+\]/g, '[]') ?? ''}`;
}

/** The capability a hop gives: access level, technique or entry point; empty for structural hops. */
export function capabilityOf(edge: Pick<PathEdge, 'access' | 'technique' | 'entryPoint'>): string {
  return edge.access ?? edge.technique ?? edge.entryPoint ?? '';
}

/** The sorted distinct grant keys of a provenance list, as JSON text (an analysis passes GrantKeys's, made once per list). */
export type GrantsText = (list: readonly Provenance[]) => string;

const sortedGrants = (list: readonly Provenance[]) => [...new Set(list.map(grantKey))].sort(compareStrings);

/** Identity of one hop: what makes it possible, independent of statement position. */
export function hopIdentity(edge: PathEdge): [string, string, string, string, string[]] {
  return [edge.from, edge.kind, capabilityOf(edge), edge.to, sortedGrants(edge.provenance)];
}

const json = (text: string) => JSON.stringify(text) ?? 'null';

/**
 * JSON.stringify(hopIdentity(edge)), written from the grants' text: only strings and arrays of
 * them, for which JSON.stringify's bytes are stableStringify's.
 */
export function hopIdentityText(edge: PathEdge, grants: GrantsText = (list) => JSON.stringify(sortedGrants(list))): string {
  return `[${json(edge.from)},${json(edge.kind)},${json(capabilityOf(edge))},${json(edge.to)},${grants(edge.provenance)}]`;
}

/** `bp-` and 16 hex characters: the hash of the entry, entry point, target, impact and each hop's identity. */
export function findingId(input: { entry: string; entryPoint: string; target: string; impact: string; edges: PathEdge[] }, grants?: GrantsText): string {
  const hops = input.edges.map((e) => hopIdentityText(e, grants)).join(',');
  return `bp-${shortHash(`[${json(input.entry)},${json(input.entryPoint)},${json(input.target)},${json(input.impact)},[${hops}]]`)}`;
}

/** What a ticket tracks: the same entry reaching the same target with the same impact, by any route. */
export interface TicketKeyParts {
  entry: string;
  entryPoint: string;
  target: string;
  impact: string;
}

/**
 * `tk-` and 16 hex characters: a hash of entry, entry point, target and impact only. A finding
 * whose route changes (a statement rewritten, another hop) gets a new id but keeps this key, so a
 * ticket, a baseline or a diff sees the same risk by a changed path, not a new one and a fixed one.
 */
export function ticketKey(parts: TicketKeyParts): string {
  return `tk-${shortHash(stableStringify([parts.entry, parts.entryPoint, parts.target, parts.impact]))}`;
}

/** The ticket key of a finding. */
export function ticketKeyOf(f: { entry: { node: string; entryPoint: string }; target: { node: string; impact: string } }): string {
  return ticketKey({ entry: f.entry.node, entryPoint: f.entry.entryPoint, target: f.target.node, impact: f.target.impact });
}
