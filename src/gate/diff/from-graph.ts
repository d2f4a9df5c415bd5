/**
 * A diff side from a full analysis: every edge of the attack graph, and every statement and
 * attachment of every principal and resource policy in the snapshot (from the graph stage's
 * facts), so "added" really means the statement did not exist anywhere before.
 */
import type { Finding } from '../../analyze/finding.js';
import { forEachEdge } from '../../graph/edge-view.js';
import type { BuiltGraph } from '../../graph/index.js';
import { buildFacts, type LoadedSnapshot } from '../../graph/facts/index.js';
import type { CompiledPolicy } from '../../iam/index.js';
import { addAttachment, addHop, addStatement, emptySide } from './side.js';
import type { DiffSide } from './types.js';

/** What a full analysis knows, as the diff needs it. */
export interface AnalyzedSideInput {
  source: string;
  findings: Finding[];
  built: Pick<BuiltGraph, 'graph' | 'blocks' | 'entries' | 'crownJewels'>;
  /** The loaded snapshot: its facts name every statement and attachment. */
  loaded: LoadedSnapshot;
}

function addPolicy(side: DiffSide, policy: CompiledPolicy | undefined): void {
  if (!policy) return;
  // A policy without statements still exists: an added statement in it is "added", not a new policy.
  if (!side.statements.has(policy.source.id)) side.statements.set(policy.source.id, { sids: new Set(), hashes: new Set() });
  for (const s of policy.statements) addStatement(side, policy.source.id, { sid: s.ref.sid, hash: s.ref.hash });
}

/** Builds the side of an analyzed snapshot. */
export function sideFromGraph(input: AnalyzedSideInput): DiffSide {
  const side = emptySide(input.source, 'graph', input.findings);
  const { graph, entries, crownJewels } = input.built;
  graph.forEachNode((node) => void side.nodes.add(node));
  forEachEdge(input.built, (_key, attrs, from, to) => addHop(side, { ...attrs, from, to }));
  for (const e of entries) side.entries.add(`${e.node}|${e.entryPoint}`);
  for (const jewel of crownJewels.keys()) side.crownJewels.add(jewel);
  // The facts are read again here (the graph does not keep them): a diff is not a hot path.
  const facts = buildFacts(input.loaded);
  for (const p of facts.principals) {
    side.nodes.add(p.arn);
    for (const policy of [...p.identity, ...(p.boundary ? [p.boundary] : [])]) {
      addPolicy(side, policy);
      addAttachment(side, p.arn, policy.source.id);
    }
    addPolicy(side, p.trust);
  }
  for (const r of facts.resources) {
    side.nodes.add(r.arn);
    addPolicy(side, r.policy);
  }
  return side;
}
