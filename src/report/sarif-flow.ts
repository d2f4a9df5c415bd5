/**
 * A finding's path as a SARIF code flow: one thread-flow location for the entry, then one per
 * hop whose logical locations name each policy statement (or configuration field) that grants
 * the hop, followed by the node it reaches. Logical, because a snapshot has no source lines.
 */
import type { Finding, PathEdge, PathNode } from '../analyze/finding.js';
import type { Provenance } from '../graph/schema.js';
import { sortedSet, sortProvenance } from './order.js';

/** A SARIF logicalLocation. */
export interface SarifLogicalLocation {
  name: string;
  fullyQualifiedName: string;
  kind: string;
  properties?: Record<string, unknown>;
}

/** The ARN (or synthetic id) of a node as a logical location. */
export function nodeLocation(node: Pick<PathNode, 'id' | 'label' | 'kind'>): SarifLogicalLocation {
  return { name: node.label, fullyQualifiedName: node.id, kind: 'resource', properties: { nodeKind: node.kind } };
}

/** `policy#Sid`, `policy#<hash>` or `policy#<field>`: the statement the way finding ids name it. */
function statementName(p: Provenance): string {
  if (p.sid !== undefined) return p.sid;
  if (p.field !== undefined) return p.field;
  if (p.statementIndex !== undefined) return `statement ${p.statementIndex}`;
  return p.statementHash ?? p.policyKind;
}

/** A policy statement (or configuration field) as a logical location. */
export function statementLocation(p: Provenance): SarifLogicalLocation {
  const named = p.sid ?? p.statementHash ?? p.field;
  const properties = {
    policyKind: p.policyKind,
    ...(p.statementIndex !== undefined ? { statementIndex: p.statementIndex } : {}),
    ...(p.sid !== undefined ? { sid: p.sid } : {}),
    ...(p.statementHash !== undefined ? { statementHash: p.statementHash } : {}),
    ...(p.action !== undefined ? { action: p.action } : {}),
    ...(p.resource !== undefined ? { resource: p.resource } : {}),
    ...(p.field !== undefined ? { field: p.field } : {}),
    ...(p.conditionKeys.length > 0 ? { conditionKeys: sortedSet(p.conditionKeys) } : {}),
  };
  return {
    name: statementName(p),
    fullyQualifiedName: named === undefined ? p.policy : `${p.policy}#${named}`,
    kind: p.policyKind === 'configuration' ? 'configuration' : 'policyStatement',
    properties,
  };
}

/** `escalation sts-assume-role: vendor-model-monitoring → research-notebook`. */
export function hopText(edge: PathEdge, from: string, to: string): string {
  const capability = edge.access ?? edge.technique ?? edge.entryPoint;
  const head = capability ? `${edge.kind} ${capability}` : edge.kind;
  const conditional = edge.conditional ? ' (conditional)' : '';
  return `${head}: ${from} → ${to}${conditional}`;
}

/** The SARIF `codeFlows` of a finding: a single thread flow from entry to target. */
export function codeFlows(f: Finding) {
  const nodes = f.path.nodes;
  const label = (i: number, fallback: string) => nodes[i]?.label ?? fallback;
  const entry = nodes[0] ?? { id: f.entry.node, label: f.entry.label, kind: f.entry.kind };
  const first = {
    location: { message: { text: `entry: ${f.entry.title} (${f.entry.entryPoint})` }, logicalLocations: [nodeLocation(entry)] },
    kinds: ['entry'],
  };
  const hops = f.path.edges.map((edge, i) => {
    const to = nodes[i + 1] ?? { id: edge.to, label: edge.to, kind: f.target.kind };
    return {
      location: {
        message: { text: hopText(edge, label(i, edge.from), label(i + 1, edge.to)) },
        logicalLocations: [...sortProvenance(edge.provenance).map(statementLocation), nodeLocation(to)],
      },
      kinds: [edge.kind],
      properties: {
        ...(edge.technique ? { technique: edge.technique } : {}),
        actions: sortedSet(edge.actions),
        conditional: edge.conditional,
        ...(edge.residual?.length ? { residual: sortedSet(edge.residual) } : {}),
      },
    };
  });
  return [{ message: { text: `${f.entry.label} → ${f.target.label}` }, threadFlows: [{ locations: [first, ...hops] }] }];
}
