/**
 * The data the HTML report's script filters, pages and draws: one small record per finding
 * (what the table shows, the filter keys, the hops in words, the fix and the DOT text of its
 * path). Built here, in Node, so the page only reads plain JSON.
 */
import type { Finding, RootCause } from '../analyze/finding.js';
import type { GateOutcome } from '../gate/types.js';
import type { RuleDoc } from './context.js';
import { pictureDot } from './dot.js';
import { viaText } from './markdown-path.js';
import { capabilityOf, pictureOf } from './picture.js';
import { scoreLabel, sortedSet, sortProvenance } from './order.js';
import { adviceFor, ticketBook } from './ticket.js';

/** Where a finding stands against the baseline and suppressions. */
export type FindingStatus = 'new' | 'open' | 'suppressed';

/** One hop as the page lists it under the drawing. */
export interface HtmlHop {
  head: string;
  to: string;
  via: string[];
  holdsIf: string[];
}

/** One finding as the page's script sees it. */
export interface HtmlFinding {
  id: string;
  severity: Finding['severity'];
  score: number;
  /** The score as printed: with the unclipped value when the cap hides it. */
  scoreLabel: string;
  entry: string;
  entryKind: string;
  entryPoint: string;
  entryTitle: string;
  target: string;
  impact: string;
  impactTitle: string;
  accounts: string[];
  status: FindingStatus;
  techniques: string[];
  alternatives: string;
  rootCause?: string;
  hops: HtmlHop[];
  fix: Array<{ id: string; title: string; remediation: string }>;
  /** Graphviz DOT of the path; the page lays it out only when the finding is shown. */
  dot: string;
}

/** Everything the page's script reads. */
export interface HtmlData {
  findings: HtmlFinding[];
  /** Whether a baseline was given; without one every finding counts as new. */
  baseline: boolean;
}

/** `viaText` without Markdown backticks: the page shows plain text. */
function plain(text: string): string {
  return text.replace(/`/g, '');
}

function statusOf(id: string, gate: GateOutcome | undefined): FindingStatus {
  if (gate?.suppressions?.applied.some((a) => a.finding === id)) return 'suppressed';
  // Known by id, or by ticket key under a changed route, and not worse: still open.
  const known = [...(gate?.baseline?.open ?? []), ...(gate?.baseline?.changed ?? []).map((c) => c.id)];
  if (known.includes(id) && !gate?.baseline?.worsened.some((w) => w.id === id)) return 'open';
  return 'new';
}

function hops(f: Finding): HtmlHop[] {
  return f.path.edges.map((edge, i) => {
    const capability = capabilityOf(edge);
    const to = f.path.nodes[i + 1];
    return {
      head: `${edge.kind}${capability ? ` ${capability}` : ''}${edge.conditional ? ' (conditional)' : ''}`,
      to: to ? `${to.label} (${[to.kind, to.accountId].filter(Boolean).join(', ')})` : edge.to,
      via: [...new Set(sortProvenance(edge.provenance).map((p) => plain(viaText(p))))],
      holdsIf: edge.residual ?? [],
    };
  });
}

/** Builds the page's data from the findings, their root causes, rule docs and the gate. */
export function htmlData(findings: readonly Finding[], causes: readonly RootCause[], docs: readonly RuleDoc[], gate: GateOutcome | undefined): HtmlData {
  const docById = new Map(docs.map((d) => [d.id, d]));
  const causeOf = new Map(causes.flatMap((c) => c.findings.map((id) => [id, c.id] as const)));
  const tickets = ticketBook({ result: { findings: [...findings], rootCauses: [...causes] }, rules: [...docs] });
  return {
    baseline: gate?.baseline !== undefined,
    findings: findings.map((f) => {
      const cause = causeOf.get(f.id);
      return {
        id: f.id,
        severity: f.severity,
        score: f.score,
        scoreLabel: scoreLabel(f),
        entry: f.entry.label,
        entryKind: f.entry.kind,
        entryPoint: f.entry.entryPoint,
        entryTitle: f.entry.title,
        target: f.target.label,
        impact: f.target.impact,
        impactTitle: f.target.title,
        accounts: sortedSet(f.path.nodes.flatMap((n) => (n.accountId ? [n.accountId] : []))),
        status: statusOf(f.id, gate),
        techniques: f.techniques,
        alternatives: f.alternatives === 0 ? 'none' : `${f.alternatives}${f.alternativesCapped ? '+' : ''} other path${f.alternatives === 1 ? '' : 's'}`,
        ...(cause ? { rootCause: cause } : {}),
        hops: hops(f),
        // The ticket's fix (the change that closes the root cause, then the deciding rule's
        // advice), then the entry point's own advice when that is another rule.
        fix: [...new Set([tickets.finding(f).ruleId, f.entry.entryPoint])].map((id, i) => {
          const doc = docById.get(id);
          return { id, title: doc?.title ?? id, remediation: i === 0 ? plain(tickets.finding(f).remediation) : (adviceFor(id, f, docById) ?? '') };
        }),
        dot: pictureDot(pictureOf([f]), `${f.id}: ${f.entry.label} -> ${f.target.label}`),
      };
    }),
  };
}
