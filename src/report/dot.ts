/**
 * `--format dot`: the paths of the top findings (or `--finding ID`) as one Graphviz digraph,
 * left to right, entries as ovals, crown jewels with a border in their severity's colour, hops
 * labelled with their capability and granting statement. Render with `dot -Tsvg`, or use
 * `--format svg` (the same graph laid out by Graphviz compiled to WebAssembly).
 */
import type { Finding } from '../analyze/finding.js';
import type { ReportContext } from './context.js';
import { hopLines, nodeLines, pictureFindings, pictureOf, type Picture, type PictureNode } from './picture.js';
import { GROUP_FILL, HOP_LINE, NODE_GROUP, SEVERITY_COLOR, type NodeGroup } from './picture-style.js';

/** A DOT double-quoted string: backslash and quote escaped, one `\n` per line break. */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

const SHAPE = { outside: 'oval', principal: 'box', workload: 'component', data: 'cylinder', control: 'hexagon' } as const satisfies Record<NodeGroup, string>;

function nodeLine(node: PictureNode): string {
  const group = NODE_GROUP[node.kind];
  const attrs = [
    `label=${dotString(nodeLines(node).join('\n'))}`,
    `shape=${SHAPE[group]}`,
    `fillcolor=${dotString(GROUP_FILL[group])}`,
    ...(node.role === 'target' && node.severity ? [`color=${dotString(SEVERITY_COLOR[node.severity])}`, 'penwidth=2.5'] : []),
    ...(group === 'principal' ? ['style="rounded,filled"'] : []),
  ];
  return `  ${dotString(node.id)} [${attrs.join(', ')}];`;
}

/** The DOT text of a picture; `title` becomes a comment line and the graph's tooltip. */
export function pictureDot(picture: Picture, title: string): string {
  const lines = [
    `// ${title.replace(/\n/g, ' ')}`,
    'digraph blastpath {',
    `  graph [rankdir=LR, fontname="Helvetica", fontsize=10, nodesep=0.35, ranksep=0.5, tooltip=${dotString(title)}];`,
    '  node [fontname="Helvetica", fontsize=10, style=filled, color="#475569"];',
    '  edge [fontname="Helvetica", fontsize=9, color="#334155"];',
    ...picture.nodes.map(nodeLine),
    // Conditional hops are dotted whatever their kind: they hold only if a condition can be met.
    ...picture.edges.map((edge) => `  ${dotString(edge.from)} -> ${dotString(edge.to)} [label=${dotString(hopLines(edge).join('\n'))}, style=${edge.conditional ? 'dotted' : HOP_LINE[edge.kind]}];`),
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

/** A one-line title: how many findings the picture shows, and which when it is one. */
export function pictureTitle(drawn: readonly Finding[], omitted: number): string {
  if (drawn.length === 1) {
    const f = drawn[0]!;
    return `blastpath ${f.id}: ${f.severity} ${f.score} · ${f.entry.label} -> ${f.target.label}`;
  }
  const more = omitted > 0 ? ` (${omitted} more not drawn: use --top N or --finding ID)` : '';
  return `blastpath: paths of ${drawn.length} ${drawn.length === 1 ? 'finding' : 'findings'}${more}`;
}

/** Renders the DOT report. */
export function renderDot(ctx: ReportContext): string {
  const { drawn, omitted } = pictureFindings(ctx.result.findings);
  return pictureDot(pictureOf(drawn), pictureTitle(drawn, omitted));
}
