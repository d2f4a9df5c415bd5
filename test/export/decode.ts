/**
 * Reads each export format back into blastpath's own node and edge attributes, for the
 * round-trip tests: export -> parse -> the same nodes, edges and attributes as the graph.
 */
import { XMLParser } from 'fast-xml-parser';
import { stableStringify } from '../../src/core/hash.js';
import { EDGE_PROPERTIES, NODE_PROPERTIES } from '../../src/export/index.js';
import type { PropertyType } from '../../src/export/model.js';
import { forEachEdge } from '../../src/graph/edge-view.js';
import type { BuiltGraph, EdgeAttrs, NodeAttrs } from '../../src/graph/index.js';
import type { ParsedTable } from './validators.js';

type Flat = Record<string, unknown>;

/** Canonical text of a graph: sorted node and edge records. */
export interface Decoded {
  nodes: string[];
  edges: string[];
}

const specType = (specs: ReadonlyArray<{ name: string; type: PropertyType }>) => new Map(specs.map((s) => [s.name, s.type]));
const NODE_TYPES = specType(NODE_PROPERTIES);
const EDGE_TYPES = specType(EDGE_PROPERTIES);

function nodeAttrs(p: Flat): NodeAttrs {
  return {
    kind: p.kind as NodeAttrs['kind'],
    label: p.label as string,
    ...(p.accountId !== undefined ? { accountId: p.accountId as string } : {}),
    ...(p.region !== undefined ? { region: p.region as string } : {}),
    ...(p.tags !== undefined ? { tags: JSON.parse(p.tags as string) } : {}),
    ...(p.sensitivity !== undefined ? { sensitivity: p.sensitivity as string[] } : {}),
    ...(p.flags !== undefined ? { flags: p.flags as string[] } : {}),
  };
}

function edgeAttrs(p: Flat): EdgeAttrs {
  return {
    kind: p.kind as EdgeAttrs['kind'],
    ...(p.access !== undefined ? { access: p.access as EdgeAttrs['access'] } : {}),
    ...(p.technique !== undefined ? { technique: p.technique as string } : {}),
    ...(p.entryPoint !== undefined ? { entryPoint: p.entryPoint as string } : {}),
    ...(p.exposure !== undefined ? { exposure: p.exposure as string } : {}),
    actions: (p.actions as string[] | undefined) ?? [],
    provenance: JSON.parse(p.provenance as string),
    conditional: p.conditional as boolean,
    confidence: p.confidence as number,
    ...(p.residual !== undefined ? { residual: JSON.parse(p.residual as string) } : {}),
    ...(p.detail !== undefined ? { detail: JSON.parse(p.detail as string) } : {}),
  };
}

/** Attributes with empty optional lists dropped: the exports write an empty list as no value. */
function canonicalNode(id: string, a: NodeAttrs): string {
  const { sensitivity, flags, tags, ...rest } = a;
  return stableStringify({ id, ...rest, ...(sensitivity?.length ? { sensitivity } : {}), ...(flags?.length ? { flags } : {}), ...(tags && Object.keys(tags).length ? { tags } : {}) });
}

function canonicalEdge(source: string, target: string, a: EdgeAttrs): string {
  const { residual, ...rest } = a;
  return stableStringify({ source, target, ...rest, ...(residual?.length ? { residual } : {}) });
}

/** The canonical text of the attack graph itself. */
export function decodeGraph(built: Pick<BuiltGraph, 'graph' | 'blocks'>): Decoded {
  const nodes: string[] = [];
  const edges: string[] = [];
  built.graph.forEachNode((id, a) => nodes.push(canonicalNode(id, a)));
  forEachEdge(built, (_k, a, s, t) => edges.push(canonicalEdge(s, t, a)));
  return { nodes: nodes.sort(), edges: edges.sort() };
}

function typed(type: PropertyType | undefined, raw: string, arrays: 'native' | 'json'): unknown {
  if (type === 'boolean') return raw === 'true';
  if (type === 'double') return Number(raw);
  if (type === 'string[]') return arrays === 'json' ? JSON.parse(raw) : raw.split(';');
  return raw;
}

function fromTable(t: ParsedTable, types: Map<string, PropertyType>, arrays: 'native' | 'json'): Array<{ system: Record<string, string>; props: Flat }> {
  return t.rows.map((row) => {
    const system: Record<string, string> = {};
    const props: Flat = {};
    row.forEach((field, i) => {
      const col = t.columns[i]!;
      if (col.system) system[col.type] = field.value;
      if (col.name && field.value !== '') props[col.name] = typed(types.get(col.name), field.value, arrays);
    });
    return { system, props };
  });
}

/** Decodes parsed node and relationship tables (Neo4j: native arrays; Neptune: JSON lists). */
export function decodeTables(nodes: ParsedTable, rels: ParsedTable, arrays: 'native' | 'json'): Decoded {
  return {
    nodes: fromTable(nodes, NODE_TYPES, arrays).map(({ system, props }) => canonicalNode(system.ID!, nodeAttrs(props))).sort(),
    edges: fromTable(rels, EDGE_TYPES, arrays).map(({ system, props }) => canonicalEdge(system.START_ID!, system.END_ID!, edgeAttrs(props))).sort(),
  };
}

/** Decodes the OpenGraph payload (lower-case property names, hashed ids resolved through blastpathid). */
export function decodeOpenGraph(text: string): Decoded {
  const doc = JSON.parse(text) as { graph: { nodes: Array<{ id: string; properties: Flat }>; edges: Array<{ start: { value: string }; end: { value: string }; properties: Flat }> } };
  const byLower = (specs: ReadonlyArray<{ name: string }>) => new Map(specs.map((s) => [s.name.toLowerCase(), s.name]));
  const rename = (p: Flat, names: Map<string, string>) => Object.fromEntries(Object.entries(p).flatMap(([k, v]) => (names.has(k) ? [[names.get(k)!, v]] : [])));
  const idOf = new Map(doc.graph.nodes.map((n) => [n.id, n.properties.blastpathid as string]));
  return {
    nodes: doc.graph.nodes.map((n) => canonicalNode(n.properties.blastpathid as string, nodeAttrs(rename(n.properties, byLower(NODE_PROPERTIES))))).sort(),
    edges: doc.graph.edges.map((e) => canonicalEdge(idOf.get(e.start.value)!, idOf.get(e.end.value)!, edgeAttrs(rename(e.properties, byLower(EDGE_PROPERTIES))))).sort(),
  };
}

/** Decodes GraphML through its <key> declarations. */
export function decodeGraphml(text: string): Decoded {
  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', textNodeName: 'text', parseTagValue: false, isArray: (name, _path, _leaf, isAttribute) => !isAttribute && ['key', 'node', 'edge', 'data'].includes(name) }).parse(text);
  const root = xml.graphml;
  const keys = new Map<string, { name: string; type: string }>((root.key as Array<Record<string, string>>).map((k) => [k.id!, { name: k['attr.name']!, type: k['attr.type']! }]));
  const props = (item: { data?: Array<{ key: string; text?: string }> }, types: Map<string, PropertyType>): Flat =>
    Object.fromEntries((item.data ?? []).map((d) => {
      const key = keys.get(d.key)!;
      return [key.name, typed(types.get(key.name), d.text ?? '', 'json')];
    }));
  const graph = root.graph;
  // Elements carry GraphML's canonical ids; blastpath's node id is the `id` data.
  const nodes = (graph.node as Array<{ id: string; data?: Array<{ key: string; text?: string }> }>).map((n) => ({ xmlId: n.id, props: props(n, NODE_TYPES) }));
  const idOf = new Map(nodes.map((n) => [n.xmlId, n.props.id as string]));
  return {
    nodes: nodes.map((n) => canonicalNode(n.props.id as string, nodeAttrs(n.props))).sort(),
    edges: (graph.edge as Array<{ source: string; target: string; data?: Array<{ key: string; text?: string }> }>).map((e) => canonicalEdge(idOf.get(e.source)!, idOf.get(e.target)!, edgeAttrs(props(e, EDGE_TYPES)))).sort(),
  };
}
