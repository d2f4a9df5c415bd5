/**
 * Output of `blastpath path`: the verdict, then each path hop by hop with the statements behind
 * every hop (the table), or a versioned JSON document (`blastpath.path/v1`).
 */
import type { PathAnswer, QueryPath } from '../analyze/path-query.js';
import { sortProvenance } from './order.js';
import { viaText } from './markdown-path.js';

export const PATH_SCHEMA = 'blastpath.path/v1';

/** The formats `path` writes. */
export const PATH_FORMATS = ['table', 'json'] as const;
export type PathFormat = (typeof PATH_FORMATS)[number];

const VERDICT: Record<PathAnswer['reachability'], string> = {
  reachable: 'REACHABLE',
  conditional: 'REACHABLE ONLY UNDER CONDITIONS',
  unreachable: 'NOT REACHABLE',
};

function pathLines(title: string, path: QueryPath): string[] {
  const lines = [`${title} (${path.edges.length} hop${path.edges.length === 1 ? '' : 's'}, confidence ${path.confidence}${path.conditional ? ', conditional' : ''})`];
  const first = path.nodes[0];
  if (first) lines.push(`  ${first.label} (${[first.kind, first.accountId].filter(Boolean).join(', ')})`);
  path.edges.forEach((edge, i) => {
    const to = path.nodes[i + 1];
    const named = edge.technique ?? edge.access ?? edge.entryPoint;
    const actions = edge.actions.length ? `: ${edge.actions.join(', ')}` : '';
    lines.push(`  ──[${edge.kind}${named ? ` ${named}` : ''}${actions}${edge.conditional ? ', conditional' : ''}]──▶ ${to?.label ?? edge.to} (${[to?.kind, to?.accountId].filter(Boolean).join(', ')})`);
    for (const via of new Set(sortProvenance(edge.provenance).map(viaText))) lines.push(`      via ${via.replace(/`/g, '')}`);
    for (const clause of edge.residual ?? []) lines.push(`      holds only if ${clause}`);
  });
  return lines;
}

/** The answer for people. */
export function renderPathTable(answer: PathAnswer): string {
  const lines = [`${VERDICT[answer.reachability]}: ${answer.from} → ${answer.to}`, ''];
  if (answer.paths.length === 0) lines.push('No path in the graph model joins them.');
  answer.paths.forEach((path, i) => lines.push(...pathLines(i === 0 ? 'Best path' : `Alternative ${i}`, path), ''));
  if (answer.unconditional) lines.push(...pathLines('Best path without open conditions', answer.unconditional), '');
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The answer for scripts. */
export function renderPathJson(answer: PathAnswer): string {
  return `${JSON.stringify({ schema: PATH_SCHEMA, ...answer }, null, 2)}\n`;
}

/** Renders the answer in one of its formats. */
export function renderPath(format: PathFormat, answer: PathAnswer): string {
  return { table: renderPathTable, json: renderPathJson }[format](answer);
}
