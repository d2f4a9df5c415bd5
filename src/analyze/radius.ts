/**
 * `blastpath radius`: everything one node reaches (an entry, a workload, an identity, or the
 * user behind a credential), with the best path to each (crown jewel, impact), the jewels an
 * account takeover adds, the weighted radius the ranking uses, and the smallest set of
 * statements whose removal cuts all of it. Runs the same search as the analysis, from one node.
 */
import { compareStrings } from '../core/hash.js';
import { isOutsider } from '../kinds.js';
import { outEdges } from '../graph/edge-view.js';
import type { BuiltGraph, EntryRecord, NodeKind } from '../graph/index.js';
import type { RuleSet } from '../rules/index.js';
import { buildAdjacency } from './adjacency.js';
import type { PathEdge, StatementIdentity } from './finding.js';
import { minimumStatementCut, type CutProblem } from './min-cut.js';
import { bestPaths, type Hit, type SearchSpace } from './search.js';
import { searchSpace } from './space.js';
import { statementIdentities } from './statements.js';
import { hopOf } from './hop.js';

/** One (crown jewel, impact) the source reaches. */
export interface RadiusItem {
  node: string;
  label: string;
  kind: NodeKind;
  accountId?: string;
  access: string;
  impact: string;
  impactTitle: string;
  /** Impact class weight / 100 × sensitivity rule confidence: the item's share of the weighted radius. */
  weight: number;
  sensitivity: string[];
  /** The account-admin node it is reached through, for jewels an account takeover reaches. */
  viaAdmin?: string;
  /** The best path's hops (empty for jewels reached through an account takeover). */
  path: PathEdge[];
  /** Product of the path's confidences with the per-hop decay. */
  value: number;
}

/** A statement to remove, named as finding ids name statements, with its position for locating it. */
export type CutStatement = StatementIdentity & { statementIndex?: number };

/** The radius of one node. */
export interface RadiusResult {
  from: { node: string; label: string; kind: NodeKind; accountId?: string };
  maxDepth: number;
  reached: RadiusItem[];
  count: number;
  weighted: number;
  /** The smallest statement set whose removal empties the radius; `complete` false when some reach needs no statement. */
  cut: { statements: CutStatement[]; complete: boolean };
}

/** Entry records to search from `node`: one per entry point of a synthetic node's front doors. */
function entriesFrom(built: BuiltGraph, node: string): EntryRecord[] {
  const kind = built.graph.getNodeAttribute(node, 'kind');
  // The search lets an outsider leave only through its own entry points' edges (search.ts).
  if (!isOutsider(kind)) return [{ node, entryPoint: 'radius' }];
  const points = new Set(outEdges(built, node).flatMap((e) => e.attrs.entryPoint ?? []));
  return [...points].sort(compareStrings).map((entryPoint) => ({ node, entryPoint }));
}

/** Computes the radius of `node` (a node id of the graph). */
export function radiusOf(built: BuiltGraph, rules: RuleSet, node: string, options: { maxDepth?: number } = {}): RadiusResult {
  const adj = buildAdjacency(built);
  const maxDepth = options.maxDepth ?? rules.scoring.search.maxDepth;
  const space = searchSpace(adj, built.crownJewels, maxDepth, rules.scoring.depthDecay);
  const hits = new Map<string, Hit>();
  for (const entry of entriesFrom(built, node)) {
    for (const [key, hit] of bestPaths(space, entry)) if (!hits.has(key) || hit.value > hits.get(key)!.value) hits.set(key, hit);
  }
  const classes = rules.scoring.impactClasses;
  const item = (jewel: string, access: string, viaAdmin?: string, hit?: Hit): RadiusItem | undefined => {
    const impact = built.crownJewels.get(jewel)?.impacts.get(access as never);
    if (!impact) return undefined;
    const attrs = built.graph.getNodeAttributes(jewel);
    return {
      node: jewel,
      label: attrs.label,
      kind: attrs.kind,
      ...(attrs.accountId ? { accountId: attrs.accountId } : {}),
      access,
      impact: impact.impact,
      impactTitle: classes[impact.impact]?.title ?? impact.impact,
      weight: Math.round(((classes[impact.impact]?.weight ?? 0) / 100) * impact.confidence * 1000) / 1000,
      sensitivity: [...(attrs.sensitivity ?? [])].sort(compareStrings),
      ...(viaAdmin ? { viaAdmin } : {}),
      path: (hit?.edges ?? []).map((e) => hopOf(adj.nodeIds[adj.edgeSource[e]!]!, adj.nodeIds[adj.edgeTarget[e]!]!, adj.edgeAttrs(e))),
      value: Math.round((hit?.value ?? 0) * 1e6) / 1e6,
    };
  };
  const reached = new Map<string, RadiusItem>();
  for (const [key, hit] of hits) {
    const found = item(adj.nodeIds[hit.jewel]!, hit.access, undefined, hit);
    if (found) reached.set(key, found);
  }
  // An account takeover reaches every crown jewel of the account.
  for (const admin of [...reached.values()].filter((r) => r.kind === 'account-admin')) {
    for (const jewel of built.crownJewels.values()) {
      if (built.graph.getNodeAttribute(jewel.node, 'accountId') !== admin.accountId) continue;
      for (const access of jewel.impacts.keys()) {
        const key = `${jewel.node}|${access}`;
        const found = !reached.has(key) && item(jewel.node, access, admin.node);
        if (found) reached.set(key, found);
      }
    }
  }
  const items = [...reached.values()].sort((a, b) => compareStrings(a.accountId ?? '', b.accountId ?? '') || compareStrings(a.impact, b.impact) || compareStrings(a.node, b.node) || compareStrings(a.access, b.access));
  const attrs = built.graph.getNodeAttributes(node);
  return {
    from: { node, label: attrs.label, kind: attrs.kind, ...(attrs.accountId ? { accountId: attrs.accountId } : {}) },
    maxDepth,
    reached: items,
    count: items.length,
    weighted: Math.round(items.reduce((sum, r) => sum + r.weight, 0) * 1000) / 1000,
    cut: cutOf(space, node, [...new Set([...hits.values()].map((h) => h.jewel))]),
  };
}

/** The cut problem over what the source reaches within the depth cap, solved. */
function cutOf(space: SearchSpace, node: string, targets: number[]): RadiusResult['cut'] {
  const { adj, maxDepth } = space;
  const source = adj.nodeIndex.get(node)!;
  const depth = new Map<number, number>([[source, 0]]);
  const queue = [source];
  const hops: CutProblem['hops'] = [];
  for (let head = 0; head < queue.length; head++) {
    const at = queue[head]!;
    if (depth.get(at)! >= maxDepth) continue;
    for (let i = adj.outStart[at]!; i < adj.outStart[at + 1]!; i++) {
      const e = adj.outEdges[i]!;
      const to = adj.edgeTarget[e]!;
      hops.push({ from: at, to, edge: adj.edgeAttrsOnce(e) });
      if (!depth.has(to)) {
        depth.set(to, depth.get(at)! + 1);
        queue.push(to);
      }
    }
  }
  const { statements, complete } = minimumStatementCut({ nodes: adj.nodeIds.length, hops, source, targets });
  const identities = statementIdentities(hops.map((h) => h.edge));
  return { statements: statements.map((key) => identities.get(key)!), complete };
}
