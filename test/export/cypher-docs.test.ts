/**
 * docs/graph-engines.md: every Cypher query parses with Neo4j's own Cypher linter
 * (@neo4j-cypher/language-support) against the labels, relationship types and property keys
 * of the exported demo, so a renamed column or label breaks this test, not a user's query; and
 * the export holds what the queries look for: every finding's path, from an entry node to a
 * crown jewel, within the six hops the queries expand.
 */
import { readFileSync } from 'node:fs';
import { lintCypherQuery, testData, type DbSchema } from '@neo4j-cypher/language-support';
import { beforeAll, describe, expect, it } from 'vitest';
import { EDGE_PROPERTIES, exportFiles, fileText, NODE_PROPERTIES, type ExportGraph } from '../../src/export/index.js';
import { analyzeInputs, exportInputs } from '../../src/pipeline.js';
import type { Finding } from '../../src/analyze/finding.js';
import { validateNeo4jImport, type ParsedTable } from './validators.js';

const doc = readFileSync('docs/graph-engines.md', 'utf8');

/** The ```cypher blocks of one `## ` section. */
function queries(section: string): string[] {
  const start = doc.indexOf(`## ${section}`);
  const end = doc.indexOf('\n## ', start + 1);
  const text = doc.slice(start, end < 0 ? undefined : end);
  return [...text.matchAll(/```cypher\n([^]*?)```/g)].map((m) => m[1]!.trim());
}

const builtIns = { functions: testData.mockSchema.functions, procedures: testData.mockSchema.procedures, parameters: { entry: 'arn', target: 'arn', principal: 'arn' } };

function problems(query: string, schema: DbSchema): string[] {
  return lintCypherQuery(query, schema).diagnostics.map((d) => (typeof d.message === 'string' ? d.message : d.message.value));
}

let graph: ExportGraph;
let nodes: ParsedTable;
let rels: ParsedTable;
let neo4jSchema: DbSchema;
let findings: Finding[];

const column = (t: ParsedTable, type: string) => t.columns.findIndex((c) => c.system && c.type === type);

beforeAll(async () => {
  graph = await exportInputs({ inputs: ['fixtures/demo'] });
  findings = (await analyzeInputs({ inputs: ['fixtures/demo'] })).result.findings;
  const out = new Map(exportFiles('neo4j', graph).map((f) => [f.name, fileText(f)]));
  ({ nodes, rels } = validateNeo4jImport(out.get('nodes.csv')!, out.get('relationships.csv')!));
  neo4jSchema = {
    ...builtIns,
    labels: [...new Set(nodes.rows.flatMap((r) => r[column(nodes, 'LABEL')]!.value.split(';')))],
    relationshipTypes: [...new Set(rels.rows.map((r) => r[column(rels, 'TYPE')]!.value))],
    propertyKeys: [...new Set([...nodes.columns, ...rels.columns].filter((c) => c.name).map((c) => c.name))],
  };
}, 60_000);

// The linter's parser takes seconds to warm up on a busy machine.
describe('docs/graph-engines.md', { timeout: 60_000 }, () => {
  it('has Neo4j/Neptune queries that lint clean against the exported labels, types and properties', () => {
    const list = queries('Queries for Neo4j and Neptune');
    expect(list.length).toBeGreaterThanOrEqual(3);
    for (const query of list) expect(problems(query, neo4jSchema), query).toEqual([]);
  });

  it('uses only scalar properties in those queries, so they run on Neptune (lists are JSON text there)', () => {
    const lists = [...NODE_PROPERTIES, ...EDGE_PROPERTIES].filter((p) => p.type === 'string[]').map((p) => p.name);
    for (const query of queries('Queries for Neo4j and Neptune')) {
      expect(lists.filter((name) => new RegExp(`\\.${name}\\b`).test(query)), query).toEqual([]);
    }
  });

  it('has BloodHound queries that lint clean against the OpenGraph kinds and properties', () => {
    const files = new Map(exportFiles('opengraph', graph).map((f) => [f.name, fileText(f)]));
    const payload = JSON.parse(files.get('blastpath-opengraph.json')!);
    const schema: DbSchema = {
      ...builtIns,
      labels: [...new Set<string>(payload.graph.nodes.flatMap((n: { kinds: string[] }) => n.kinds))],
      relationshipTypes: JSON.parse(files.get('blastpath-extension.json')!).relationship_kinds.map((k: { name: string }) => k.name),
      propertyKeys: [...new Set<string>(payload.graph.nodes.flatMap((n: { properties: object }) => Object.keys(n.properties)))],
    };
    const list = queries('Queries for BloodHound');
    expect(list.length).toBeGreaterThanOrEqual(2);
    for (const query of list) expect(problems(query, schema), query).toEqual([]);
  });

  it('the schema file lints clean, and the linter does catch a misspelt property or label', () => {
    const schemaFile = fileText(exportFiles('neo4j', graph).find((f) => f.name === 'schema.cypher')!);
    for (const statement of schemaFile.split(';').map((s) => s.replace(/^\/\/.*$/gm, '').trim()).filter(Boolean)) {
      expect(problems(statement, neo4jSchema), statement).toEqual([]);
    }
    expect(problems('MATCH (n:BlastpathNode {isCrownJewl: true}) RETURN n', neo4jSchema).join()).toMatch(/isCrownJewl/);
    expect(problems('MATCH (n:CrownJewels) RETURN n', neo4jSchema).join()).toMatch(/CrownJewels/);
  });

  it('documents every exported property', () => {
    for (const p of [...NODE_PROPERTIES, ...EDGE_PROPERTIES]) expect(doc, p.name).toContain(`| \`${p.name}\` | ${p.type} |`);
  });

  it('finds every finding in the export: its path runs from an isEntry node to an isCrownJewel node in at most six hops', () => {
    const prop = (name: string) => nodes.columns.findIndex((c) => c.name === name);
    const byId = new Map(nodes.rows.map((r) => [r[column(nodes, 'ID')]!.value, r]));
    const hops = new Set(rels.rows.map((r) => `${r[column(rels, 'START_ID')]!.value}|${r[column(rels, 'END_ID')]!.value}|${r[column(rels, 'TYPE')]!.value}`));
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(byId.get(f.entry.node)?.[prop('isEntry')]?.value, f.id).toBe('true');
      expect(byId.get(f.entry.node)?.[prop('entryPoints')]?.value.split(';'), f.id).toContain(f.entry.entryPoint);
      expect(byId.get(f.target.node)?.[prop('isCrownJewel')]?.value, f.id).toBe('true');
      expect(f.path.edges.length).toBeLessThanOrEqual(6);
      for (const e of f.path.edges) expect(hops.has(`${e.from}|${e.to}|${e.kind.toUpperCase().replace(/-/g, '_')}`), `${f.id} ${e.from} -> ${e.to}`).toBe(true);
    }
  });
});
