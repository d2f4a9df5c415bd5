/**
 * Building one side of a diff from what is known about it: every hop of a graph, or only the
 * hops on a report's paths. A hop tells which nodes exist, which statements exist in which
 * policy, which configuration links exist and which policies are attached to its principal.
 */
import type { Finding, PathEdge } from '../../analyze/finding.js';
import { hopIdentity } from '../../analyze/finding-id.js';
import { stableStringify } from '../../core/hash.js';
import type { DiffSide } from './types.js';

/** A hop as the diff reads it: a path edge's identity fields. */
export type HopRecord = Pick<PathEdge, 'from' | 'to' | 'kind' | 'access' | 'technique' | 'entryPoint' | 'provenance'>;

/** A side that knows nothing yet. */
export function emptySide(source: string, basis: DiffSide['basis'], findings: Finding[]): DiffSide {
  return { source, basis, findings, hopIdentities: new Set(), nodes: new Set(), statements: new Map(), fields: new Set(), attachments: new Map(), entries: new Set(), crownJewels: new Set() };
}

/** Records that a statement (by Sid and content hash) exists in a policy. */
export function addStatement(side: DiffSide, policy: string, statement: { sid?: string | undefined; hash?: string | undefined }): void {
  let entry = side.statements.get(policy);
  if (!entry) side.statements.set(policy, (entry = { sids: new Set(), hashes: new Set() }));
  if (statement.sid !== undefined) entry.sids.add(statement.sid);
  if (statement.hash !== undefined) entry.hashes.add(statement.hash);
}

/** Records that a policy is attached to a principal (identity policy or boundary). */
export function addAttachment(side: DiffSide, principal: string, policy: string): void {
  let set = side.attachments.get(principal);
  if (!set) side.attachments.set(principal, (set = new Set()));
  set.add(policy);
}

/** Records one hop and everything its provenance shows. */
export function addHop(side: DiffSide, hop: HopRecord): void {
  side.hopIdentities.add(stableStringify(hopIdentity({ ...hop, actions: [], conditional: false, confidence: 1 })));
  side.nodes.add(hop.from);
  side.nodes.add(hop.to);
  for (const p of hop.provenance) {
    if (p.policyKind === 'configuration') {
      side.fields.add(`${p.policy}#${p.field ?? ''}`);
      continue;
    }
    addStatement(side, p.policy, { sid: p.sid, hash: p.statementHash });
    if (p.policyKind === 'identity' || p.policyKind === 'boundary') addAttachment(side, hop.from, p.policy);
  }
}

/** A side known only through its findings (a JSON report): the hops on their paths. */
export function sideFromFindings(source: string, findings: Finding[]): DiffSide {
  const side = emptySide(source, 'report', findings);
  for (const f of findings) {
    side.entries.add(`${f.entry.node}|${f.entry.entryPoint}`);
    side.crownJewels.add(f.target.node);
    for (const n of f.path.nodes) side.nodes.add(n.id);
    for (const e of f.path.edges) addHop(side, e);
  }
  return side;
}
