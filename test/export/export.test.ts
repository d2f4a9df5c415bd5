/**
 * `blastpath export` of the demo: each format validates against its published schema or
 * documented format, and reads back to exactly the graph's nodes, edges and attributes.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, exportFiles, fileText, type ExportGraph } from '../../src/export/index.js';
import { OPENGRAPH_NAMESPACE } from '../../src/export/opengraph.js';
import { EDGE_KINDS } from '../../src/graph/index.js';
import { loadInputs } from '../../src/load/index.js';
import { buildGraph } from '../../src/graph/index.js';
import { loadRules } from '../../src/rules/index.js';
import { exportInputs } from '../../src/pipeline.js';
import { runCli } from '../cli/helpers.js';
import { decodeGraph, decodeGraphml, decodeOpenGraph, decodeTables, type Decoded } from './decode.js';
import { graphmlSchemaErrors } from './graphml-xsd.js';
import { validateNeo4jImport, validateNeptuneOpenCypher } from './validators.js';

let graph: ExportGraph;
let expected: Decoded;

const files = (format: (typeof EXPORT_FORMATS)[number]) => new Map(exportFiles(format, graph).map((f) => [f.name, fileText(f)]));

beforeAll(async () => {
  graph = await exportInputs({ inputs: ['fixtures/demo'] });
  const built = buildGraph(await loadInputs(['fixtures/demo']), loadRules(), { whatIf: [] });
  expected = decodeGraph(built);
});

describe('BloodHound OpenGraph', () => {
  const schema = (name: string) => JSON.parse(readFileSync(`fixtures/opengraph-schema/opengraph-${name}.json`, 'utf8'));

  it('validates against the published node, edge and metadata schemas', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    for (const name of ['node', 'edge', 'metadata']) ajv.addSchema(schema(name), `${name}.json`);
    // The payload's top level as graph-data.mdx describes it, around the published schemas.
    const validate = ajv.compile({
      type: 'object',
      required: ['graph'],
      additionalProperties: false,
      properties: {
        metadata: { $ref: 'metadata.json' },
        graph: { type: 'object', required: ['nodes', 'edges'], properties: { nodes: { type: 'array', items: { $ref: 'node.json' } }, edges: { type: 'array', items: { $ref: 'edge.json' } } } },
      },
    });
    const payload = JSON.parse(files('opengraph').get('blastpath-opengraph.json')!);
    expect(validate(payload), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    // The schema does reject what BloodHound rejects: a nested object as a property value.
    expect(validate({ graph: { nodes: [{ id: 'X', kinds: ['Blastpath_Role'], properties: { nested: { a: 1 } } }], edges: [] } })).toBe(false);
    // The schema accepts what BloodHound's prose forbids, so check that too: no colon in ids,
    // lower-case property names, edge ends that exist, namespaced kinds.
    const ids = new Set(payload.graph.nodes.map((n: { id: string }) => n.id));
    expect([...ids].filter((id) => String(id).includes(':'))).toEqual([]);
    const names = payload.graph.nodes.flatMap((n: { properties: object }) => Object.keys(n.properties));
    expect(names.filter((k: string) => k !== k.toLowerCase())).toEqual([]);
    expect(payload.graph.edges.filter((e: { start: { value: string }; end: { value: string } }) => !ids.has(e.start.value) || !ids.has(e.end.value))).toEqual([]);
    expect(payload.graph.nodes.flatMap((n: { kinds: string[] }) => n.kinds).filter((k: string) => !k.startsWith(`${OPENGRAPH_NAMESPACE}_`))).toEqual([]);
  });

  it('declares every relationship kind in the extension, traversable ones marked', () => {
    const extension = JSON.parse(files('opengraph').get('blastpath-extension.json')!);
    expect(extension.schema).toMatchObject({ namespace: OPENGRAPH_NAMESPACE, version: expect.stringMatching(/^v\d+\.\d+\.\d+$/) });
    const kinds = new Map(extension.relationship_kinds.map((k: { name: string; is_traversable: boolean }) => [k.name, k.is_traversable]));
    expect(kinds.size).toBe(EDGE_KINDS.length);
    expect(kinds.get('Blastpath_CanAssume')).toBe(true);
    expect(kinds.get('Blastpath_DataAccess')).toBe(false);
    const payload = JSON.parse(files('opengraph').get('blastpath-opengraph.json')!);
    const nodeKinds = new Set(extension.node_kinds.map((k: { name: string }) => k.name));
    expect(payload.graph.edges.filter((e: { kind: string }) => !kinds.has(e.kind))).toEqual([]);
    expect(payload.graph.nodes.flatMap((n: { kinds: string[] }) => n.kinds).filter((k: string) => !nodeKinds.has(k))).toEqual([]);
  });

  it('round-trips: same nodes, edges and attributes', () => {
    expect(decodeOpenGraph(files('opengraph').get('blastpath-opengraph.json')!)).toEqual(expected);
  });
});

describe('Neo4j import CSV', () => {
  it('is a valid neo4j-admin import and round-trips', () => {
    const out = files('neo4j');
    const { errors, nodes, rels } = validateNeo4jImport(out.get('nodes.csv')!, out.get('relationships.csv')!);
    expect(errors).toEqual([]);
    expect(decodeTables(nodes, rels, 'native')).toEqual(expected);
    expect(out.get('schema.cypher')).toMatch(/REQUIRE n\.id IS UNIQUE/);
  });
});

describe('Neptune openCypher CSV', () => {
  it('is a valid openCypher bulk load and round-trips', () => {
    const out = files('neptune');
    const { errors, nodes, rels } = validateNeptuneOpenCypher(out.get('nodes.csv')!, out.get('relationships.csv')!);
    expect(errors).toEqual([]);
    expect(decodeTables(nodes, rels, 'json')).toEqual(expected);
  });
});

describe('GraphML', () => {
  it('declares a key for every data element and round-trips', () => {
    const text = files('graphml').get('blastpath.graphml')!;
    const declared = new Set([...text.matchAll(/<key id="([^"]+)"/g)].map((m) => m[1]));
    const used = new Set([...text.matchAll(/<data key="([^"]+)"/g)].map((m) => m[1]));
    expect([...used].filter((k) => !declared.has(k))).toEqual([]);
    expect(decodeGraphml(text)).toEqual(expected);
  });

  it('validates against the published GraphML 1.0 XML Schema', async () => {
    const text = files('graphml').get('blastpath.graphml')!;
    expect(await graphmlSchemaErrors(text)).toEqual([]);
    // The demo exercises the ids the schema is strict about: ARNs with `/`.
    expect(graph.nodes.some((n) => n.id.includes('/'))).toBe(true);
    // And the validator does reject what the schema forbids: an ARN as an element id, a type
    // GraphML does not have, a data element before the keys are done.
    const arnId = graph.nodes.find((n) => n.id.includes('/'))!.id;
    expect((await graphmlSchemaErrors(text.replace('<node id="n0">', `<node id="${arnId}">`))).join('\n')).toMatch(/NMTOKEN/);
    expect((await graphmlSchemaErrors(text.replace('attr.type="double"', 'attr.type="number"'))).join('\n')).toMatch(/attr\.type/);
    expect(await graphmlSchemaErrors(text.replace('  <graph id=', '  <data key="n_id">x</data>\n  <key id="late"/>\n  <graph id='))).not.toEqual([]);
  }, 60_000);
});

describe('the validators catch what the loaders reject', () => {
  it('neo4j: unknown type, dangling end, bad boolean, line break', () => {
    const nodes = 'id:ID,:LABEL,n:integer,b:boolean\na,X,1,true\nb,X,2,yes\n';
    const rels = ':START_ID,:END_ID,:TYPE,note:string\na,c,REL,"two\nlines"\n';
    const { errors } = validateNeo4jImport(nodes, rels);
    expect(errors.join('\n')).toMatch(/unknown type integer/);
    expect(errors.join('\n')).toMatch(/no node c/);
    expect(errors.join('\n')).toMatch(/"yes" is not a boolean/);
    expect(errors.join('\n')).toMatch(/line break in note/);
  });

  it('neptune: missing relationship :ID, array on a relationship, duplicate node id', () => {
    const nodes = ':ID,:LABEL,age:Int\na,X,1\na,X,x\n';
    const rels = ':START_ID,:END_ID,:TYPE,tags:String[]\na,a,REL,x\n';
    const joined = validateNeptuneOpenCypher(nodes, rels).errors.join('\n');
    expect(joined).toMatch(/:ID column missing/);
    expect(joined).toMatch(/single-valued/);
    expect(joined).toMatch(/duplicate :ID a/);
    expect(joined).toMatch(/"x" is not a int/);
  });
});

describe('blastpath export (CLI)', () => {
  it.each(EXPORT_FORMATS)('%s writes its files into the output directory', async (format) => {
    const dir = await mkdtemp(join(tmpdir(), 'blastpath-export-'));
    const run = await runCli(['export', 'fixtures/demo', '--format', format, '-o', dir]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`exported ${graph.nodes.length} nodes and ${graph.edges.length} edges`);
    const written = (await readdir(dir)).sort();
    expect(written).toEqual(exportFiles(format, graph).map((f) => f.name).sort());
    for (const file of exportFiles(format, graph)) expect(await readFile(join(dir, file.name), 'utf8')).toBe(fileText(file));
  });

  it('rejects an unknown format and a missing --output as usage errors', async () => {
    expect((await runCli(['export', 'fixtures/demo', '--format', 'csv', '-o', '/tmp/x'])).code).toBe(2);
    expect((await runCli(['export', 'fixtures/demo', '--format', 'neo4j'])).code).toBe(2);
  });
});
