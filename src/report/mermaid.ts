/**
 * `--format mermaid`: the same picture as `--format dot`, as a Mermaid flowchart, which GitHub
 * renders in Markdown files, issues and pull-request comments (the Markdown report embeds one
 * per detailed finding).
 */
import type { ReportContext } from './context.js';
import { pictureTitle } from './dot.js';
import { hopLines, nodeLines, pictureFindings, pictureOf, type Picture, type PictureNode } from './picture.js';
import { GROUP_FILL, HOP_LINE, NODE_GROUP, SEVERITY_COLOR, type HopLine, type NodeGroup } from './picture-style.js';

/**
 * Text safe inside a quoted Mermaid label: `#`, `&`, quotes, angle brackets and backticks as
 * Mermaid entity codes. `&` too, because Mermaid decodes HTML entities in labels, so a name
 * holding `&amp;` would otherwise read as `&` (test/report/mermaid-browser.test.ts).
 */
export function mermaidText(text: string): string {
  return text.replace(/#/g, '#35;').replace(/&/g, '#38;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/`/g, '#96;');
}

const OPEN_CLOSE = {
  outside: ['([', '])'],
  principal: ['(', ')'],
  workload: ['[[', ']]'],
  data: ['[(', ')]'],
  control: ['{{', '}}'],
} as const satisfies Record<NodeGroup, readonly [string, string]>;

const ARROW = { solid: '-->', bold: '==>', dashed: '-.->' } as const satisfies Record<HopLine, string>;

function label(lines: readonly string[]): string {
  return `"${lines.map(mermaidText).join('<br/>')}"`;
}

/** The flowchart lines of a picture (without a code fence). */
export function pictureMermaid(picture: Picture, title: string): string {
  // Mermaid ids must be plain words: nodes are numbered in first-appearance order.
  const ids = new Map(picture.nodes.map((node, i) => [node.id, `n${i}`]));
  const nodeLine = (node: PictureNode) => {
    const [open, close] = OPEN_CLOSE[NODE_GROUP[node.kind]];
    return `  ${ids.get(node.id)}${open}${label(nodeLines(node))}${close}`;
  };
  const groups = [...new Set(picture.nodes.map((node) => NODE_GROUP[node.kind]))];
  const targets = picture.nodes.filter((node) => node.role === 'target' && node.severity);
  const lines = [
    `%% ${title.replace(/\n/g, ' ')}`,
    'flowchart LR',
    ...picture.nodes.map(nodeLine),
    ...picture.edges.map((edge) => `  ${ids.get(edge.from)} ${edge.conditional ? '-.->' : ARROW[HOP_LINE[edge.kind]]}|${label(hopLines(edge))}| ${ids.get(edge.to)}`),
    ...groups.map((group) => `  classDef ${group} fill:${GROUP_FILL[group]},stroke:#475569,color:#111827`),
    ...groups.map((group) => `  class ${picture.nodes.filter((n) => NODE_GROUP[n.kind] === group).map((n) => ids.get(n.id)).join(',')} ${group}`),
    ...targets.map((node) => `  style ${ids.get(node.id)} stroke:${SEVERITY_COLOR[node.severity!]},stroke-width:3px`),
  ];
  return `${lines.join('\n')}\n`;
}

/** Renders the Mermaid report. */
export function renderMermaid(ctx: ReportContext): string {
  const { drawn, omitted } = pictureFindings(ctx.result.findings);
  return pictureMermaid(pictureOf(drawn), pictureTitle(drawn, omitted));
}
