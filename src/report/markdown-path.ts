/**
 * Markdown pieces shared by the PR-comment report and the diff: one finding as a heading, its
 * path as a numbered list (one hop per item, with the statements that grant it), and the fix
 * (the remediation of each technique and of the entry point on the path).
 */
import { hopRecordText } from './logging-words.js';
import type { Finding, PathEdge, PathNode } from '../analyze/finding.js';
import type { Provenance } from '../graph/schema.js';
import type { RuleDoc } from './context.js';
import { adviceFor, type FindingTicket } from './ticket.js';
import { sortProvenance } from './order.js';

/** Inline code that cannot be broken by a backtick inside. */
export function mdCode(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/** Text safe inside a table cell: no pipes, no line breaks, no raw HTML. */
export function mdCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ').replace(/</g, '&lt;');
}

/** Prose from rule files and AWS: no raw HTML. */
export function mdText(text: string): string {
  return text.replace(/</g, '&lt;').trim();
}

const POLICY_WORDS: Record<string, string> = {
  identity: 'policy',
  boundary: 'permissions boundary',
  resource: 'resource policy',
  trust: 'trust policy',
  scp: 'SCP',
  configuration: 'configuration of',
};

/** `policy <id> statement "Sid"` or `configuration of <arn> field Role`. */
export function viaText(p: Provenance): string {
  const words = [POLICY_WORDS[p.policyKind] ?? p.policyKind, mdCode(p.policy)];
  if (p.sid !== undefined) words.push('statement', mdCode(p.sid));
  else if (p.statementIndex !== undefined) words.push(`statement ${p.statementIndex}`);
  if (p.field !== undefined) words.push('field', mdCode(p.field));
  return words.join(' ');
}

/** `acme-chat-api` (lambda-function, 111111111111) */
export function nodeText(node: Pick<PathNode, 'label' | 'kind' | 'accountId'>): string {
  const facts = [node.kind === node.label ? undefined : node.kind, node.accountId].filter((x): x is string => x !== undefined);
  return `**${mdCell(node.label)}**${facts.length ? ` (${facts.join(', ')})` : ''}`;
}

function hopHead(edge: PathEdge): string {
  const capability = edge.access ?? edge.technique ?? edge.entryPoint;
  return `${edge.kind}${capability ? ` ${mdCode(capability)}` : ''}${edge.conditional ? ' (conditional)' : ''}`;
}

/** The path as a numbered list: the entry, then one item per hop with its `via` lines. */
export function pathList(f: Finding): string[] {
  const nodes = f.path.nodes;
  const entry = nodes[0];
  const lines = [`1. ${entry ? nodeText(entry) : mdCode(f.entry.node)}: ${mdText(f.entry.title)} (${mdCode(f.entry.entryPoint)})`];
  f.path.edges.forEach((edge, i) => {
    const to = nodes[i + 1];
    lines.push(`${i + 2}. ${hopHead(edge)} → ${to ? nodeText(to) : mdCode(edge.to)}`);
    // One line per statement: a statement cited for several actions is named once.
    for (const via of new Set(sortProvenance(edge.provenance).map(viaText))) lines.push(`   - via ${via}`);
    for (const clause of edge.residual ?? []) lines.push(`   - holds only if ${mdCode(clause)}`);
    const record = edge.record && hopRecordText(edge.record);
    if (record) lines.push(`   - ${mdText(record)}`);
  });
  return lines;
}

/**
 * The fix: the specific change that closes the root cause (when the ticket has one), then the
 * advice of the rule that decides the path, fitted to its resource, then the entry point's own
 * advice when that is another rule. Plumbing hops (assuming a role, running as one) add nothing.
 */
export function fixList(f: Finding, docs: ReadonlyMap<string, RuleDoc>, ticket?: Pick<FindingTicket, 'ruleId' | 'fix'>): string[] {
  const ruleId = ticket?.ruleId ?? f.techniques[0] ?? f.entry.entryPoint;
  const advice = (id: string) => {
    const doc = docs.get(id);
    return doc ? `- **${mdText(doc.title)}** (${mdCode(id)}): ${mdText(adviceFor(id, f, docs) ?? doc.remediation)}` : `- ${mdCode(id)}`;
  };
  const specific = ticket?.fix ? [`- ${mdText(ticket.fix.text.charAt(0).toUpperCase() + ticket.fix.text.slice(1))}.`] : [];
  return [...specific, ...[...new Set([ruleId, f.entry.entryPoint])].map(advice)];
}

/** `critical 100 · internet → acme-training-data-pii` */
export function findingTitle(f: Finding): string {
  return `${f.severity.toUpperCase()} ${f.score} · ${mdCell(f.entry.label)} → ${mdCell(f.target.label)}`;
}
