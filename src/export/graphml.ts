/**
 * GraphML (graphml.graphdrawing.org): one directed graph, every property declared as a <key>
 * with its GraphML type (string, boolean, double); lists are JSON text, as GraphML has no list
 * type. Reads into Gephi, yEd, NetworkX, igraph, graphology and Neptune's GraphML converter.
 * The schema types every id as xs:NMTOKEN, which forbids the `/` of ARNs (and the `~` of
 * repeated edge ids), so elements take GraphML's canonical ids (`n<i>`, `e<i>`, declared with
 * parse.nodeids / parse.edgeids) and blastpath's own ids travel as the `id` and `edgeId` data.
 */
import type { ExportFile } from './files.js';
import { EDGE_PROPERTIES, NODE_PROPERTIES, valuesOf, type PropertySpec, type PropertyType, type PropertyValue } from './model.js';
import type { ExportGraph } from './model.js';

const GRAPHML_TYPE = { string: 'string', 'string[]': 'string', boolean: 'boolean', double: 'double' } as const satisfies Record<PropertyType, string>;

/** Text safe in XML content and attributes; characters XML 1.0 forbids become U+FFFD. */
export function xmlText(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function graphmlValue(value: PropertyValue): string {
  return Array.isArray(value) ? JSON.stringify(value) : String(value);
}

/** The key id of a property: `n_` or `e_` and its name, so node and edge keys never collide. */
export function keyId(domain: 'node' | 'edge', name: string): string {
  return `${domain === 'node' ? 'n' : 'e'}_${name}`;
}

function keys<T>(domain: 'node' | 'edge', specs: ReadonlyArray<PropertySpec<T>>): string[] {
  return specs.map((p) => `  <key id="${keyId(domain, p.name)}" for="${domain}" attr.name="${p.name}" attr.type="${GRAPHML_TYPE[p.type]}"/>`);
}

function data<T>(domain: 'node' | 'edge', specs: ReadonlyArray<PropertySpec<T>>, item: T): string {
  return valuesOf(specs, item)
    .map((value, i) => (value === undefined ? '' : `<data key="${keyId(domain, specs[i]!.name)}">${xmlText(graphmlValue(value))}</data>`))
    .join('');
}

function endId(canonical: ReadonlyMap<string, string>, node: string): string {
  const id = canonical.get(node);
  // The export model only holds edges between its own nodes; a miss is a bug, not bad input.
  if (id === undefined) throw new Error(`graphml: edge end ${node} is not an exported node`);
  return id;
}

/** The GraphML export: one file. */
export function exportGraphml(graph: ExportGraph): ExportFile[] {
  return [
    {
      name: 'blastpath.graphml',
      role: 'the whole graph as GraphML',
      *chunks() {
        yield '<?xml version="1.0" encoding="UTF-8"?>\n';
        yield '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n';
        yield `${[...keys('node', NODE_PROPERTIES), ...keys('edge', EDGE_PROPERTIES)].join('\n')}\n`;
        yield `  <graph id="blastpath" edgedefault="directed" parse.nodeids="canonical" parse.edgeids="canonical" parse.order="nodesfirst" parse.nodes="${graph.nodes.length}" parse.edges="${graph.edges.length}">\n`;
        // Canonical ids: a node's is `n` and the number of nodes before it, likewise for edges.
        const canonical = new Map(graph.nodes.map((node, i) => [node.id, `n${i}`]));
        for (const [i, node] of graph.nodes.entries()) yield `    <node id="n${i}">${data('node', NODE_PROPERTIES, node)}</node>\n`;
        for (const [i, edge] of graph.edges.entries()) yield `    <edge id="e${i}" source="${endId(canonical, edge.source)}" target="${endId(canonical, edge.target)}">${data('edge', EDGE_PROPERTIES, edge)}</edge>\n`;
        yield '  </graph>\n</graphml>\n';
      },
    },
  ];
}
