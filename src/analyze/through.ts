/**
 * A hop that changes another principal and then acts as it (attach AdministratorAccess to role
 * X, then assume X) is one graph edge, caller -> account admin, whose `through` names X: only
 * this caller's change makes X an administrator, so X -> admin is no edge of the graph. A
 * finding shows it as two hops, caller -> X (the permissions the caller uses) and X -> admin
 * (what X then holds, proved by the statement that let the caller change it), so users search
 * and ticket by X.
 */
import type { Adjacency } from './adjacency.js';
import type { PathEdge, PathNode } from './finding.js';

/** Actions by which the caller becomes the changed principal rather than changing it. */
const BECOMING = new Set(['sts:assumerole', 'iam:createaccesskey', 'iam:createloginprofile', 'iam:updateloginprofile', 'iam:createservicespecificcredential']);

/** The two hops one `through` edge stands for. */
function split(edge: PathEdge, through: string, toKind: string): [PathEdge, PathEdge] {
  const { detail, ...rest } = edge;
  const written = edge.provenance.filter((p) => !BECOMING.has((p.action ?? '').toLowerCase()));
  const first: PathEdge = { ...rest, to: through, ...(detail ? { detail } : {}) };
  const second: PathEdge = {
    from: through,
    to: edge.to,
    kind: toKind === 'account-admin' ? 'admin-equivalent' : edge.kind,
    ...(edge.technique ? { technique: edge.technique } : {}),
    actions: [],
    conditional: false,
    confidence: 1,
    provenance: written.length ? written : edge.provenance,
    detail: { changedBy: edge.from },
  };
  return [first, second];
}

/** The path's nodes and edges as a finding shows them: every `through` principal a node of its own. */
export function showThrough(adj: Adjacency, nodes: readonly PathNode[], edges: readonly PathEdge[], graphEdges: readonly number[], nodeOf: (index: number) => PathNode): { nodes: PathNode[]; edges: PathEdge[] } {
  if (!graphEdges.some((e) => adj.edgeAttrs(e).through !== undefined)) return { nodes: [...nodes], edges: [...edges] };
  const outNodes: PathNode[] = [nodes[0]!];
  const outEdges: PathEdge[] = [];
  graphEdges.forEach((e, i) => {
    const through = adj.edgeAttrs(e).through;
    const index = through === undefined ? undefined : adj.nodeIndex.get(through);
    if (index === undefined) {
      outEdges.push(edges[i]!);
      outNodes.push(nodes[i + 1]!);
      return;
    }
    outEdges.push(...split(edges[i]!, through!, nodes[i + 1]!.kind));
    outNodes.push(nodeOf(index), nodes[i + 1]!);
  });
  return { nodes: outNodes, edges: outEdges };
}
