/**
 * How the terminal table explains a path: one hop per line, built only from the edge's
 * fields (kind, technique, access, actions, detail), followed by one `via` line per
 * statement or configuration field that makes the hop possible and one line per open
 * condition the hop depends on.
 */
import type { Finding, PathEdge, PathNode } from '../analyze/finding.js';
import type { Provenance } from '../graph/schema.js';
import { compareStrings } from '../core/hash.js';
import { hopRecordText } from './logging-words.js';
import { sortedSet, sortProvenance } from './order.js';
import type { Theme } from './theme.js';
import { phrase, words, type Line, type Word } from './wrap.js';

/** Columns of the path: nodes and hops, their continuations, and the `via` lines. */
const HOP = { indent: 4, hang: 8 };
const VIA = { indent: 8, hang: 12 };

/** How each policy kind is named in a `via` line. */
const POLICY_KIND_WORDS: Record<Provenance['policyKind'], string> = {
  identity: 'policy',
  boundary: 'permissions boundary',
  resource: 'resource policy',
  trust: 'trust policy',
  scp: 'SCP',
  configuration: 'configuration of',
};

/** `label (kind, account, flags)`; the kind is left out when it only repeats the label. */
export function nodeWords(node: PathNode, theme: Theme): Word[] {
  const facts = [node.kind === node.label ? undefined : node.kind, node.accountId, ...sortedSet(node.flags)];
  const shown = facts.filter((f): f is string => f !== undefined);
  const out = words(node.label, theme.node);
  if (shown.length > 0) out.push(...phrase(`(${shown.join(', ')})`));
  return out;
}

/** What names the hop in its bracket: the access level, technique or entry point. */
function edgeHead(edge: PathEdge, theme: Theme): Word[] {
  if (edge.kind === 'data-access') return words(edge.access ?? edge.kind, theme.technique, true);
  const named = edge.technique ?? edge.entryPoint;
  const head = words(edge.kind, theme.edge, true);
  return named ? [...head, ...words(named, theme.technique)] : head;
}

/** The facts inside the bracket: actions, then detail as `key=value`, then the conditional marker. */
function edgeBody(edge: PathEdge, theme: Theme): Word[] {
  const detail = Object.keys(edge.detail ?? {})
    .sort(compareStrings)
    .map((k) => `${k}=${edge.detail?.[k] ?? ''}`);
  const items: Word[] = [...sortedSet(edge.actions), ...detail].map((text) => ({ text }));
  if (edge.conditional) items.push({ text: 'conditional', paint: theme.warn });
  const record = edge.record && hopRecordText(edge.record);
  if (record) items.push({ text: record, paint: edge.record?.status === 'trail' ? theme.dim : theme.warn });
  // Commas are glued on as their own words so they keep the edge color and never start a row.
  return items.flatMap((item, i) => (i < items.length - 1 ? [item, { text: ',', paint: theme.edge, glue: true }] : [item]));
}

/** `──[head: body]──▶ node`: one hop, explained from its fields. */
function hopLine(edge: PathEdge, to: Word[], theme: Theme): Line {
  const body = edgeBody(edge, theme);
  const out: Word[] = [{ text: '──[', paint: theme.edge }, ...edgeHead(edge, theme)];
  if (body.length > 0) out.push({ text: ':', paint: theme.edge, glue: true }, ...body);
  out.push({ text: ']──▶', paint: theme.edge, glue: true }, ...to);
  return { ...HOP, words: out };
}

/** `via policy <id> statement 0 "Sid" for <action> on <resource>; open: <keys>`. */
function viaLine(p: Provenance, theme: Theme): Line {
  const out = words(`via ${POLICY_KIND_WORDS[p.policyKind]}`, theme.dim);
  out.push({ text: p.policy });
  if (p.statementIndex !== undefined) out.push(...phrase(`statement ${p.statementIndex}`));
  if (p.sid !== undefined) out.push({ text: JSON.stringify(p.sid) });
  if (p.field !== undefined) out.push(...phrase(`field ${p.field}`));
  if (p.action !== undefined) out.push({ text: 'for', paint: theme.dim, keep: true }, { text: p.action });
  if (p.resource !== undefined) out.push({ text: 'on', paint: theme.dim, keep: true }, { text: p.resource });
  const keys = sortedSet(p.conditionKeys);
  if (keys.length > 0) out.push({ text: 'open:', paint: theme.warn, keep: true }, ...words(keys.join(', '), theme.warn));
  return { ...VIA, words: out };
}

/** The whole path: the entry node, then each hop with the statements behind it. */
export function pathLines(finding: Finding, theme: Theme): Line[] {
  const { nodes, edges } = finding.path;
  const first = nodes[0];
  const lines: Line[] = first ? [{ ...HOP, words: nodeWords(first, theme) }] : [];
  edges.forEach((edge, i) => {
    // edges[i] ends at nodes[i + 1] by contract; a malformed path still shows the edge's own end.
    const to = nodes[i + 1];
    lines.push(hopLine(edge, to ? nodeWords(to, theme) : words(edge.to, theme.node), theme));
    for (const p of sortProvenance(edge.provenance)) lines.push(viaLine(p, theme));
    for (const clause of sortedSet(edge.residual)) {
      lines.push({ ...VIA, words: [...words('open condition:', theme.warn), ...words(clause)] });
    }
  });
  return lines;
}
