/**
 * BloodHound OpenGraph: a data payload (`{metadata, graph: {nodes, edges}}`, checked against
 * the published node and edge JSON schemas) and an extension definition schema that declares
 * the node and relationship kinds and marks which relationships are traversable, so BloodHound
 * builds a structured graph and pathfinds over it. Node ids are hashes of blastpath's ids
 * (BloodHound does not support colons, which ARNs are full of); the id itself is `blastpathid`.
 */
import { EDGE_KINDS, NODE_KINDS, type EdgeKind } from '../graph/index.js';
import { shortHash } from '../core/hash.js';
import type { ExportFile } from './files.js';
import { EDGE_PROPERTIES, NODE_PROPERTIES, pascalCase, type ExportEdge, type ExportGraph, type ExportNode, type PropertyValue } from './model.js';

/** The extension's namespace: every kind is `Blastpath_<Name>`. */
export const OPENGRAPH_NAMESPACE = 'Blastpath';
/** The source kind BloodHound appends to every node of the payload. */
export const OPENGRAPH_SOURCE_KIND = 'Blastpath';

/**
 * Whether BloodHound may path through an edge kind: a hop that hands the attacker control of
 * its end (a role, a workload, an account) is traversable; reading data or invoking a model is
 * an impact at the end of a path, not a foothold.
 */
export const TRAVERSABLE = {
  exposure: true,
  'runs-as': true,
  'can-assume': true,
  'data-access': false,
  invoke: false,
  'holds-credential': true,
  escalation: true,
  'admin-equivalent': true,
} as const satisfies Record<EdgeKind, boolean>;

/** `Blastpath_<PascalCase>`. */
export function openGraphKind(kind: string): string {
  return `${OPENGRAPH_NAMESPACE}_${pascalCase(kind)}`;
}

/** The OpenGraph id of a blastpath node id: no colons, stable, upper case. */
export function openGraphId(id: string): string {
  return `BLASTPATH-${shortHash(id, 24).toUpperCase()}`;
}

/** Property names are lower case in OpenGraph. */
function properties<T>(specs: ReadonlyArray<{ name: string; get(item: T): PropertyValue | undefined }>, item: T): Record<string, PropertyValue> {
  const out: Record<string, PropertyValue> = {};
  for (const spec of specs) {
    const value = spec.get(item);
    if (value !== undefined) out[spec.name.toLowerCase()] = value;
  }
  return out;
}

/** One payload node. */
export function openGraphNode(node: ExportNode): object {
  const { id, ...rest } = properties(NODE_PROPERTIES, node);
  const kinds = [openGraphKind(node.attrs.kind), ...(node.entryPoints.length ? [openGraphKind('entry-point')] : []), ...(node.impacts.length ? [openGraphKind('crown-jewel')] : [])];
  return { id: openGraphId(node.id), kinds, properties: { blastpathid: id!, name: node.attrs.label, displayname: node.attrs.label, ...rest } };
}

/** One payload edge, matched by id. */
export function openGraphEdge(edge: ExportEdge): object {
  return {
    kind: openGraphKind(edge.attrs.kind),
    start: { match_by: 'id', value: openGraphId(edge.source) },
    end: { match_by: 'id', value: openGraphId(edge.target) },
    properties: { ...properties(EDGE_PROPERTIES, edge), traversable: TRAVERSABLE[edge.attrs.kind] },
  };
}

/** The extension definition schema: node kinds, relationship kinds with traversability. */
export function openGraphExtension(toolVersion: string): object {
  const version = /^\d+\.\d+\.\d+$/.test(toolVersion) ? `v${toolVersion}` : 'v0.0.0';
  return {
    schema: { name: 'Blastpath', display_name: 'blastpath attack paths (AWS AI deployments)', version, namespace: OPENGRAPH_NAMESPACE },
    node_kinds: [...NODE_KINDS, 'entry-point', 'crown-jewel'].map((kind) => ({ name: openGraphKind(kind), display_name: `blastpath ${kind}`, description: `blastpath node kind ${kind} (docs/graph.md)` })),
    relationship_kinds: EDGE_KINDS.map((kind) => ({ name: openGraphKind(kind), description: `blastpath edge kind ${kind} (docs/graph.md)`, is_traversable: TRAVERSABLE[kind] })),
  };
}

/** The OpenGraph export: the payload and the extension definition. */
export function exportOpenGraph(graph: ExportGraph): ExportFile[] {
  return [
    {
      name: 'blastpath-opengraph.json',
      role: 'OpenGraph data payload (upload in BloodHound: Administration > File Ingest)',
      *chunks() {
        yield `{"metadata":${JSON.stringify({ source_kind: OPENGRAPH_SOURCE_KIND })},"graph":{"nodes":[\n`;
        let first = true;
        for (const node of graph.nodes) {
          yield `${first ? '' : ',\n'}${JSON.stringify(openGraphNode(node))}`;
          first = false;
        }
        yield '\n],"edges":[\n';
        first = true;
        for (const edge of graph.edges) {
          yield `${first ? '' : ',\n'}${JSON.stringify(openGraphEdge(edge))}`;
          first = false;
        }
        yield '\n]}}\n';
      },
    },
    {
      name: 'blastpath-extension.json',
      role: 'OpenGraph extension definition (install once: OpenGraph Management)',
      *chunks() {
        yield `${JSON.stringify(openGraphExtension(graph.meta.toolVersion), null, 2)}\n`;
      },
    },
  ];
}
