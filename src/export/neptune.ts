/**
 * Amazon Neptune: the openCypher bulk-load CSV format (loader `format: opencypher`): node and
 * relationship files with `:ID`, `:LABEL`, `:START_ID`, `:END_ID`, `:TYPE` and typed columns
 * `name:String|Bool|Double`. Neptune advises against array properties in openCypher graphs and
 * forbids them on relationships, so lists are JSON text here; the documented queries use only
 * scalar properties, so they run unchanged on Neo4j and Neptune.
 */
import type { ExportFile } from './files.js';
import { csvRecord, oneLine } from './csv.js';
import { EDGE_PROPERTIES, NODE_PROPERTIES, relationshipType, valuesOf, type ExportGraph, type PropertyType, type PropertyValue } from './model.js';
import { nodeLabels } from './neo4j.js';

const NEPTUNE_TYPE = { string: 'String', 'string[]': 'String', boolean: 'Bool', double: 'Double' } as const satisfies Record<PropertyType, string>;

/** A property value as the Neptune loader reads it; lists as JSON arrays. */
export function neptuneValue(value: PropertyValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return JSON.stringify(value);
  return typeof value === 'string' ? oneLine(value) : String(value);
}

/** `id:ID` (the node id, also stored as property `id`), `:LABEL`, typed property columns. */
export function neptuneNodeHeader(): string[] {
  return ['id:ID', ':LABEL', ...NODE_PROPERTIES.filter((p) => p.name !== 'id').map((p) => `${p.name}:${NEPTUNE_TYPE[p.type]}`)];
}

/** `:ID` (required while userProvidedEdgeIds is true, the default), ends, type, typed columns. */
export function neptuneRelationshipHeader(): string[] {
  return [':ID', ':START_ID', ':END_ID', ':TYPE', ...EDGE_PROPERTIES.map((p) => `${p.name}:${NEPTUNE_TYPE[p.type]}`)];
}

/** The Neptune export: nodes.csv and relationships.csv. */
export function exportNeptune(graph: ExportGraph): ExportFile[] {
  const nodeProps = NODE_PROPERTIES.filter((p) => p.name !== 'id');
  return [
    {
      name: 'nodes.csv',
      role: 'nodes (Neptune bulk loader, format opencypher)',
      *chunks() {
        yield csvRecord(neptuneNodeHeader());
        for (const node of graph.nodes) yield csvRecord([oneLine(node.id), nodeLabels(node).join(';'), ...valuesOf(nodeProps, node).map(neptuneValue)]);
      },
    },
    {
      name: 'relationships.csv',
      role: 'relationships (Neptune bulk loader, format opencypher)',
      *chunks() {
        yield csvRecord(neptuneRelationshipHeader());
        for (const edge of graph.edges) yield csvRecord([edge.id, oneLine(edge.source), oneLine(edge.target), relationshipType(edge.attrs.kind), ...valuesOf(EDGE_PROPERTIES, edge).map(neptuneValue)]);
      },
    },
  ];
}
