/**
 * The picture of one or more findings: the union of their paths as one small graph (nodes by
 * id, hops by from, to, kind and capability), with what each hop needs to be read on its own:
 * the capability (technique, access, entry point) and the statement that grants it. DOT,
 * Mermaid, SVG and the HTML report all draw from this model, so they show the same thing.
 */
import type { Finding, PathEdge, PathNode, Severity } from '../analyze/finding.js';
import { SEVERITIES } from '../analyze/finding.js';
import type { EdgeKind, NodeKind, Provenance } from '../graph/index.js';
import { sortProvenance } from './order.js';

/** Where a node stands on the drawn paths. */
export type PictureRole = 'entry' | 'target' | 'step';

/** A node of the picture. */
export interface PictureNode {
  id: string;
  kind: NodeKind;
  label: string;
  accountId?: string;
  role: PictureRole;
  /** For targets: the highest severity among the findings that end here. */
  severity?: Severity;
}

/** A hop of the picture; several findings through the same hop share it. */
export interface PictureEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** Technique, access level or entry-point id; absent for plain hops such as runs-as. */
  capability?: string;
  /** The first statement or configuration field that grants the hop, in words (`inline/deploy "Sid"`). */
  statement?: string;
  /** How many more statements grant it besides `statement`. */
  moreStatements: number;
  conditional: boolean;
}

/** The union of the paths of some findings, in first-appearance order (deterministic). */
export interface Picture {
  nodes: PictureNode[];
  edges: PictureEdge[];
  /** Ids of the findings drawn, in the order given. */
  findings: string[];
}

/** Pictures draw at most this many findings unless the caller selected fewer (`--top`, `--finding`). */
export const PICTURE_DEFAULT_LIMIT = 10;

/** `inline/deploy`, `AdministratorAccess`, `trust-policy`: the part of a policy id a reader recognises. */
export function policyShortName(policy: string): string {
  const hash = policy.indexOf('#');
  if (hash >= 0) return policy.slice(hash + 1);
  const tail = policy.split(/[/:]/).filter(Boolean);
  return tail[tail.length - 1] ?? policy;
}

/** One provenance entry in a few words: policy short name, then Sid, index or field. */
export function statementWords(p: Provenance): string {
  const where = p.sid !== undefined ? ` "${p.sid}"` : p.statementIndex !== undefined ? ` #${p.statementIndex}` : '';
  const field = p.field !== undefined ? ` ${p.field}` : '';
  return `${policyShortName(p.policy)}${where}${field}`;
}

/** The capability a hop exercises: technique, data access level or entry point. */
export function capabilityOf(edge: Pick<PathEdge, 'technique' | 'access' | 'entryPoint'>): string | undefined {
  return edge.technique ?? edge.access ?? edge.entryPoint;
}

function hopKey(edge: PathEdge): string {
  return `${edge.from}\u0000${edge.to}\u0000${edge.kind}\u0000${capabilityOf(edge) ?? ''}`;
}

function worse(a: Severity | undefined, b: Severity): Severity {
  return a === undefined || SEVERITIES.indexOf(b) < SEVERITIES.indexOf(a) ? b : a;
}

/** Builds the picture of the given findings' best paths. */
export function pictureOf(findings: readonly Finding[]): Picture {
  const nodes = new Map<string, PictureNode>();
  const edges = new Map<string, PictureEdge>();
  const addNode = (node: PathNode, role: PictureRole) => {
    const known = nodes.get(node.id);
    // A node that is an entry or target on any drawn path keeps that role over `step`.
    if (known) {
      if (known.role === 'step' && role !== 'step') known.role = role;
      return known;
    }
    const added: PictureNode = { id: node.id, kind: node.kind, label: node.label, role, ...(node.accountId ? { accountId: node.accountId } : {}) };
    nodes.set(node.id, added);
    return added;
  };
  for (const finding of findings) {
    const path = finding.path.nodes;
    path.forEach((node, i) => addNode(node, i === 0 ? 'entry' : i === path.length - 1 ? 'target' : 'step'));
    const target = nodes.get(finding.target.node);
    if (target) target.severity = worse(target.severity, finding.severity);
    for (const edge of finding.path.edges) {
      const key = hopKey(edge);
      if (edges.has(key)) continue;
      const statements = [...new Set(sortProvenance(edge.provenance).map(statementWords))];
      const capability = capabilityOf(edge);
      edges.set(key, {
        from: edge.from,
        to: edge.to,
        kind: edge.kind,
        ...(capability ? { capability } : {}),
        ...(statements[0] ? { statement: statements[0] } : {}),
        moreStatements: Math.max(0, statements.length - 1),
        conditional: edge.conditional,
      });
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()], findings: findings.map((f) => f.id) };
}

/** The findings a picture format draws: all it was given, up to PICTURE_DEFAULT_LIMIT. */
export function pictureFindings(findings: readonly Finding[]): { drawn: Finding[]; omitted: number } {
  const drawn = findings.slice(0, PICTURE_DEFAULT_LIMIT);
  return { drawn, omitted: findings.length - drawn.length };
}

/** The hop's label lines: `escalation iam-passrole-lambda`, then the statement (and `+N`). */
export function hopLines(edge: PictureEdge): string[] {
  const head = `${edge.kind}${edge.capability ? ` ${edge.capability}` : ''}${edge.conditional ? ' (conditional)' : ''}`;
  if (!edge.statement) return [head];
  return [head, `${edge.statement}${edge.moreStatements ? ` +${edge.moreStatements}` : ''}`];
}

/** The node's label lines: its name, then kind and account. */
export function nodeLines(node: PictureNode): string[] {
  const facts = [node.kind === node.label ? undefined : node.kind, node.accountId].filter((x): x is string => x !== undefined);
  return facts.length ? [node.label, facts.join(' · ')] : [node.label];
}
