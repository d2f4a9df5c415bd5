/**
 * Neo4j: CSV files for `neo4j-admin database import full` (header fields `name:type`, the
 * `:ID`, `:LABEL`, `:START_ID`, `:END_ID` and `:TYPE` columns, arrays split on `;`), plus a
 * Cypher file with the uniqueness constraint and indexes to run after the import.
 */
import type { ExportFile } from './files.js';
import { csvRecord, oneLine } from './csv.js';
import { EDGE_PROPERTIES, NODE_PROPERTIES, pascalCase, relationshipType, valuesOf, type ExportGraph, type PropertyType, type PropertyValue } from './model.js';

/** The label every exported node carries, besides its kind's. */
export const NODE_LABEL = 'BlastpathNode';
/** Extra labels of entry nodes and crown jewels, so queries can start from an index. */
export const ENTRY_LABEL = 'EntryPoint';
export const JEWEL_LABEL = 'CrownJewel';

/** Neo4j's array delimiter (the import default). */
export const NEO4J_ARRAY_DELIMITER = ';';

const NEO4J_TYPE = { string: 'string', 'string[]': 'string[]', boolean: 'boolean', double: 'double' } as const satisfies Record<PropertyType, string>;

/** A property value as neo4j-admin import reads it for its column type. */
export function neo4jValue(value: PropertyValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.map(oneLine).join(NEO4J_ARRAY_DELIMITER);
  return typeof value === 'string' ? oneLine(value) : String(value);
}

/** `id:ID`, `:LABEL`, then every node property as `name:type`. */
export function neo4jNodeHeader(): string[] {
  return ['id:ID', ':LABEL', ...NODE_PROPERTIES.filter((p) => p.name !== 'id').map((p) => `${p.name}:${NEO4J_TYPE[p.type]}`)];
}

/** `:START_ID`, `:END_ID`, `:TYPE`, then every edge property as `name:type`. */
export function neo4jRelationshipHeader(): string[] {
  return [':START_ID', ':END_ID', ':TYPE', ...EDGE_PROPERTIES.map((p) => `${p.name}:${NEO4J_TYPE[p.type]}`)];
}

/** The labels of one node: the common label, its kind's, and EntryPoint / CrownJewel when they apply. */
export function nodeLabels(node: ExportGraph['nodes'][number]): string[] {
  return [NODE_LABEL, pascalCase(node.attrs.kind), ...(node.entryPoints.length ? [ENTRY_LABEL] : []), ...(node.impacts.length ? [JEWEL_LABEL] : [])];
}

/** The constraint and indexes to create after the import. */
export function neo4jSchemaCypher(): string {
  return [
    '// blastpath: run after `neo4j-admin database import full` (see docs/graph-engines.md).',
    `CREATE CONSTRAINT blastpath_node_id IF NOT EXISTS FOR (n:${NODE_LABEL}) REQUIRE n.id IS UNIQUE;`,
    `CREATE INDEX blastpath_node_kind IF NOT EXISTS FOR (n:${NODE_LABEL}) ON (n.kind);`,
    `CREATE INDEX blastpath_node_account IF NOT EXISTS FOR (n:${NODE_LABEL}) ON (n.accountId);`,
    `CREATE INDEX blastpath_node_label IF NOT EXISTS FOR (n:${NODE_LABEL}) ON (n.label);`,
    `CREATE INDEX blastpath_escalation_technique IF NOT EXISTS FOR ()-[r:${relationshipType('escalation')}]-() ON (r.technique);`,
    `CREATE INDEX blastpath_data_access IF NOT EXISTS FOR ()-[r:${relationshipType('data-access')}]-() ON (r.access);`,
    '',
  ].join('\n');
}

/** The Neo4j export: nodes.csv, relationships.csv and schema.cypher. */
export function exportNeo4j(graph: ExportGraph): ExportFile[] {
  const nodeProps = NODE_PROPERTIES.filter((p) => p.name !== 'id');
  return [
    {
      name: 'nodes.csv',
      role: 'nodes (neo4j-admin import --nodes)',
      *chunks() {
        yield csvRecord(neo4jNodeHeader());
        for (const node of graph.nodes) yield csvRecord([oneLine(node.id), nodeLabels(node).join(';'), ...valuesOf(nodeProps, node).map(neo4jValue)]);
      },
    },
    {
      name: 'relationships.csv',
      role: 'relationships (neo4j-admin import --relationships)',
      *chunks() {
        yield csvRecord(neo4jRelationshipHeader());
        for (const edge of graph.edges) yield csvRecord([oneLine(edge.source), oneLine(edge.target), relationshipType(edge.attrs.kind), ...valuesOf(EDGE_PROPERTIES, edge).map(neo4jValue)]);
      },
    },
    {
      name: 'schema.cypher',
      role: 'constraint and indexes (cypher-shell -f after the import)',
      *chunks() {
        yield neo4jSchemaCypher();
      },
    },
  ];
}
