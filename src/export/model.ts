/**
 * The exported graph, declared once for every engine format: nodes and edges in a stable order
 * with stable ids, and the typed properties each carries (provenance included). Formats only
 * choose how to spell a type and a value; which properties exist, and what they mean, is here.
 */
import { compareStrings, shortHash, stableStringify } from '../core/hash.js';
import { forEachEdge } from '../graph/edge-view.js';
import type { AttackGraph, CrownJewel, EdgeBlock, EdgeAttrs, EntryRecord, NodeAttrs } from '../graph/index.js';

/** Property types every format can spell (lists become arrays where the engine has them, JSON text where not). */
export type PropertyType = 'string' | 'string[]' | 'boolean' | 'double';

/** A property value of one of the types above. */
export type PropertyValue = string | string[] | boolean | number;

/** One exported property: its name, type, meaning and how to read it. */
export interface PropertySpec<T> {
  name: string;
  type: PropertyType;
  doc: string;
  get(item: T): PropertyValue | undefined;
}

/** A node with what analysis knows about it besides its attributes. */
export interface ExportNode {
  id: string;
  attrs: NodeAttrs;
  /** Entry-point rule ids that start paths at this node. */
  entryPoints: string[];
  /** `access=impact` pairs when the node is a crown jewel, e.g. `read=C-DATA-EXFIL`. */
  impacts: string[];
}

/** An edge with its stable id. */
export interface ExportEdge {
  id: string;
  source: string;
  target: string;
  attrs: EdgeAttrs;
}

/** The whole graph, ordered: nodes by id, edges by id. */
export interface ExportGraph {
  nodes: ExportNode[];
  edges: ExportEdge[];
  meta: { toolVersion: string; collectedAt: string; accounts: string[] };
}

const json = (value: unknown) => (value === undefined ? undefined : stableStringify(value));
const list = (values: readonly string[] | undefined) => (values && values.length ? [...values] : undefined);

/** Node properties, in column order. */
export const NODE_PROPERTIES: ReadonlyArray<PropertySpec<ExportNode>> = [
  { name: 'id', type: 'string', doc: 'blastpath node id: the ARN, or a synthetic id such as `internet` or `admin:<account>`', get: (n) => n.id },
  { name: 'kind', type: 'string', doc: 'node kind (docs/graph.md)', get: (n) => n.attrs.kind },
  { name: 'label', type: 'string', doc: 'short human name', get: (n) => n.attrs.label },
  { name: 'accountId', type: 'string', doc: 'AWS account id', get: (n) => n.attrs.accountId },
  { name: 'region', type: 'string', doc: 'AWS region of regional resources', get: (n) => n.attrs.region },
  { name: 'isEntry', type: 'boolean', doc: 'true when an entry-point rule starts paths here', get: (n) => n.entryPoints.length > 0 },
  { name: 'entryPoints', type: 'string[]', doc: 'entry-point rule ids starting paths here', get: (n) => list(n.entryPoints) },
  { name: 'isCrownJewel', type: 'boolean', doc: 'true when a sensitivity rule made this a crown jewel', get: (n) => n.impacts.length > 0 },
  { name: 'impacts', type: 'string[]', doc: '`access=impact-class` pairs of a crown jewel', get: (n) => list(n.impacts) },
  { name: 'sensitivity', type: 'string[]', doc: 'sensitivity rule ids the resource matched', get: (n) => list(n.attrs.sensitivity) },
  { name: 'flags', type: 'string[]', doc: 'facts that change how a path reads, e.g. `direct-internet-access`', get: (n) => list(n.attrs.flags) },
  { name: 'tags', type: 'string', doc: 'resource tags as a JSON object', get: (n) => (n.attrs.tags && Object.keys(n.attrs.tags).length ? json(n.attrs.tags) : undefined) },
];

/** Edge properties, in column order. */
export const EDGE_PROPERTIES: ReadonlyArray<PropertySpec<ExportEdge>> = [
  { name: 'edgeId', type: 'string', doc: 'stable edge id (`e-` and a hash of ends, kind and capability)', get: (e) => e.id },
  { name: 'kind', type: 'string', doc: 'edge kind (docs/graph.md)', get: (e) => e.attrs.kind },
  { name: 'access', type: 'string', doc: 'data-access level: read, write, decrypt, delete, policy-change', get: (e) => e.attrs.access },
  { name: 'technique', type: 'string', doc: 'technique id from rules/techniques', get: (e) => e.attrs.technique },
  { name: 'entryPoint', type: 'string', doc: 'entry-point rule id of an exposure edge', get: (e) => e.attrs.entryPoint },
  { name: 'exposure', type: 'string', doc: "exposure class of an outsider's first hop when it is not its rule's own (rules/scoring.yaml)", get: (e) => e.attrs.exposure },
  { name: 'actions', type: 'string[]', doc: 'IAM actions whose evaluation allowed the hop', get: (e) => list(e.attrs.actions) },
  { name: 'conditional', type: 'boolean', doc: 'true when the hop holds only under a condition left open', get: (e) => e.attrs.conditional },
  { name: 'confidence', type: 'double', doc: 'confidence of the hop in (0, 1]', get: (e) => e.attrs.confidence },
  { name: 'residual', type: 'string', doc: 'open conditions as a JSON array of strings', get: (e) => (e.attrs.residual?.length ? json(e.attrs.residual) : undefined) },
  { name: 'policies', type: 'string[]', doc: 'ids of the policies and configurations granting the hop', get: (e) => list([...new Set(e.attrs.provenance.map((p) => p.policy))].sort(compareStrings)) },
  { name: 'provenance', type: 'string', doc: 'the granting statements as a JSON array (policy, policyKind, statementIndex, sid, statementHash, action, resource, conditionKeys, field)', get: (e) => json(e.attrs.provenance) },
  { name: 'detail', type: 'string', doc: 'extra structured facts as a JSON object', get: (e) => json(e.attrs.detail) },
];

/** `lambda-function` -> `LambdaFunction`: a kind as a node label. */
export function pascalCase(kind: string): string {
  return kind
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** `can-assume` -> `CAN_ASSUME`: an edge kind as a relationship type. */
export function relationshipType(kind: string): string {
  return kind.toUpperCase().replace(/-/g, '_');
}

function edgeIdentity(source: string, target: string, attrs: EdgeAttrs): string {
  return stableStringify([source, target, attrs.kind, attrs.access ?? '', attrs.technique ?? '', attrs.entryPoint ?? '']);
}

/** Reads the attack graph, its entries and crown jewels into the ordered export model. */
export function exportGraph(input: { graph: AttackGraph; blocks: readonly EdgeBlock[]; entries: readonly EntryRecord[]; crownJewels: ReadonlyMap<string, CrownJewel>; meta: ExportGraph['meta'] }): ExportGraph {
  const entryPoints = new Map<string, string[]>();
  for (const entry of input.entries) entryPoints.set(entry.node, [...(entryPoints.get(entry.node) ?? []), entry.entryPoint]);
  const nodes: ExportNode[] = [];
  input.graph.forEachNode((id, attrs) => {
    const jewel = input.crownJewels.get(id);
    const impacts = jewel ? [...jewel.impacts].map(([access, v]) => `${access}=${v.impact}`).sort(compareStrings) : [];
    nodes.push({ id, attrs, entryPoints: [...new Set(entryPoints.get(id) ?? [])].sort(compareStrings), impacts });
  });
  nodes.sort((a, b) => compareStrings(a.id, b.id));
  const edges: ExportEdge[] = [];
  // Block edges are exported as the pairs they stand for: same ids, same bytes.
  forEachEdge(input, (_key, attrs, source, target) => {
    edges.push({ id: `e-${shortHash(edgeIdentity(source, target, attrs))}`, source, target, attrs });
  });
  edges.sort((a, b) => compareStrings(a.id, b.id) || compareStrings(stableStringify(a.attrs), stableStringify(b.attrs)));
  // Two edges with the same ends, kind and capability are rare (a multigraph allows them): number the repeats.
  for (let i = 1, n = 1; i < edges.length; i++) {
    if (edges[i]!.id === edges[i - 1]!.id.replace(/~\d+$/, '')) edges[i]!.id = `${edges[i]!.id}~${++n}`;
    else n = 1;
  }
  return { nodes, edges, meta: input.meta };
}

/** The values of `specs` for `item`, in order (undefined where absent). */
export function valuesOf<T>(specs: ReadonlyArray<PropertySpec<T>>, item: T): Array<PropertyValue | undefined> {
  return specs.map((spec) => spec.get(item));
}
