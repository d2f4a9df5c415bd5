/**
 * Ticket-ready words for findings and root causes, shared by every report: a one-line title, the
 * specific fix (the statement to scope, in which policy, what it closes) followed by the general
 * advice of the one rule that decides the path, fitted to the kind of resource it is about, and
 * the routing keys (ticket key, accounts, regions). Built once per report from the result and the
 * rule files' words.
 */
import { rootCauses as groupRootCauses } from '../analyze/choke-points.js';
import { SEVERITIES, type Finding, type PathEdge, type RootCause } from '../analyze/finding.js';
import { capabilityOf, grantKey, ticketKeyOf } from '../analyze/finding-id.js';
import { findingAccounts, findingRegions, homeAccount } from '../analyze/routing.js';
import { accountOfArn } from '../core/arn.js';
import type { ReportContext, RuleDoc } from './context.js';
import { fixOf, hopWords, type Fix } from './fix.js';
import { backticks, nodeLookup, policyWords, statementWords, type NodeLookup, type Quote } from './fix-words.js';

/** What a ticket for one finding carries besides the finding itself. */
export interface FindingTicket {
  ticketKey: string;
  title: string;
  /** The specific fix, then the decisive rule's advice. */
  remediation: string;
  /** The root cause the finding belongs to. */
  rootCause?: RootCause;
  /** The rule that decides the path: the root cause's technique or entry point (SARIF's ruleId). */
  ruleId: string;
  fix?: Fix;
  /**
   * The account of the policy the fix changes (the policy's owner), else of the node the root
   * cause's hop starts from, else the target's: where a ticket or a code-scanning alert belongs.
   */
  fixAccount?: string;
  accounts: string[];
  regions: string[];
}

/** What a ticket for one root cause carries. */
export interface CauseTicket {
  /** What the root cause is: the hop, or the statement. */
  title: string;
  remediation: string;
  ruleId: string;
  fix: Fix;
}

/** Tickets of one report, computed once. */
export interface TicketBook {
  finding(f: Finding): FindingTicket;
  cause(c: RootCause): CauseTicket;
  /** The root causes tickets are built on (the result's, or grouped here for hand-built results). */
  causes: RootCause[];
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The hop of `cause` on the path of `f`: the same edge, or the first one granted by its statement. */
function causeEdge(cause: RootCause, f: Finding): PathEdge | undefined {
  const { hop, statement } = cause;
  if (hop) return f.path.edges.find((e) => e.from === hop.from && e.to === hop.to && e.kind === hop.kind && capabilityOf(e) === capabilityOf(hop));
  if (!statement) return undefined;
  const key = grantKey({ ...statement, conditionKeys: [] });
  return f.path.edges.find((e) => e.provenance.some((p) => grantKey(p) === key));
}

/** The most severe technique on the path (the first of equals), by its rule's severity. */
function worstTechnique(f: Finding, docs: ReadonlyMap<string, RuleDoc>): string | undefined {
  const rank = (id: string) => SEVERITIES.indexOf(docs.get(id)?.severity ?? 'low');
  return [...f.techniques].sort((a, b) => rank(a) - rank(b))[0];
}

/**
 * The rule's advice fitted to the node it applies to on this path: the node its hop reaches, or
 * for an entry point without a hop, the entry itself.
 */
export function adviceFor(ruleId: string, f: Finding, docs: ReadonlyMap<string, RuleDoc>): string | undefined {
  const doc = docs.get(ruleId);
  if (!doc) return undefined;
  const edge = f.path.edges.find((e) => e.technique === ruleId || e.entryPoint === ruleId);
  const nodeId = edge ? edge.to : f.entry.node;
  const kind = f.path.nodes.find((n) => n.id === nodeId)?.kind ?? (edge ? undefined : f.entry.kind);
  return (kind !== undefined ? doc.remediationFor?.[kind] : undefined) ?? doc.remediation;
}

/** The account of the policy a fix changes, or of the hop's start, or the finding's home account. */
function fixAccountOf(f: Finding, fix: Fix | undefined, edge: PathEdge | undefined): string | undefined {
  const accountOfNode = (id: string) => f.path.nodes.find((n) => n.id === id)?.accountId ?? accountOfArn(id);
  const owner = fix?.statements[0]?.policy.split('#')[0];
  return (owner !== undefined ? accountOfNode(owner) : undefined) ?? (edge ? accountOfNode(edge.from) : undefined) ?? homeAccount(f);
}

/** `outside account 999999999999`, `internet`, `ci-legacy`: the entry as a title names it. */
function entryName(f: Finding): string {
  const first = f.path.nodes[0];
  return first?.kind === 'external-account' && first.accountId ? `${f.entry.label} ${first.accountId}` : f.entry.label;
}

/** Builds the tickets of a report; `quote` marks identifiers (backticks unless told otherwise). */
export function ticketBook(ctx: { result: Pick<ReportContext['result'], 'findings' | 'rootCauses'>; rules?: ReportContext['rules'] }, quote: Quote = backticks): TicketBook {
  const { findings } = ctx.result;
  const causes = ctx.result.rootCauses ?? groupRootCauses(findings);
  const docs = new Map((ctx.rules ?? []).map((d) => [d.id, d]));
  const nodes: NodeLookup = nodeLookup(findings);
  const byId = new Map(findings.map((f) => [f.id, f]));
  const causeOf = new Map(causes.flatMap((c) => c.findings.map((id) => [id, c] as const)));
  const causeTickets = new Map<RootCause, CauseTicket | undefined>();
  const findingTickets = new Map<string, FindingTicket>();

  const decisive = (f: Finding, edge: PathEdge | undefined) => edge?.technique ?? edge?.entryPoint ?? worstTechnique(f, docs) ?? f.entry.entryPoint;

  const causeTicket = (c: RootCause): CauseTicket | undefined => {
    if (causeTickets.has(c)) return causeTickets.get(c);
    const member = c.findings.map((id) => byId.get(id)).find((f): f is Finding => f !== undefined && causeEdge(c, f) !== undefined);
    const edge = member && causeEdge(c, member);
    let ticket: CauseTicket | undefined;
    if (member && edge) {
      const fix = fixOf(c, edge, nodes, quote);
      const ruleId = decisive(member, edge);
      const advice = adviceFor(ruleId, member, docs);
      const title = c.statement ? capitalize(`${statementWords(c.statement, quote)} of ${policyWords(c.statement, nodes, quote)}`) : capitalize(hopWords(edge, nodes, quote));
      const open = c.withAlternatives.length;
      const others = open ? ` ${open} of its ${open === 1 ? 'finding has' : 'findings have'} other routes that may stay open.` : '';
      ticket = { title, fix, ruleId, remediation: `${capitalize(fix.text)}.${others}${advice ? ` ${advice}` : ''}` };
    }
    causeTickets.set(c, ticket);
    return ticket;
  };

  return {
    causes,
    cause: (c) => {
      const t = causeTicket(c);
      if (t) return t;
      // A cause none of whose findings is in the result (a filtered view): say what it is from its own fields.
      const title = c.hop ? capitalize(hopWords(c.hop, nodes, quote)) : c.statement ? capitalize(`${statementWords(c.statement, quote)} of ${policyWords(c.statement, nodes, quote)}`) : c.id;
      const fix: Fix = { text: title, statements: [], closes: c.pathsThrough ?? c.findings.length };
      return { title, remediation: title, ruleId: c.hop?.technique ?? c.hop?.entryPoint ?? '', fix };
    },
    finding: (f) => {
      const known = findingTickets.get(f.id);
      if (known) return known;
      const rootCause = causeOf.get(f.id);
      const edge = rootCause && causeEdge(rootCause, f);
      const ruleId = decisive(f, edge);
      const fix = rootCause ? causeTicket(rootCause)?.fix : undefined;
      const advice = adviceFor(ruleId, f, docs);
      const others = f.alternatives > 0 ? ` This path has ${f.alternativesCapped ? 'at least ' : ''}${f.alternatives} other ${f.alternatives === 1 ? 'route' : 'routes'} to the same target, which the fix may leave open.` : '';
      const specific = fix ? `${capitalize(fix.text)}.${others}` : others.trim();
      const title = `${f.target.title}: ${entryName(f)} → ${f.target.label} via ${ruleId}`;
      const fixAccount = fixAccountOf(f, fix, edge);
      const ticket: FindingTicket = {
        ticketKey: ticketKeyOf(f),
        title,
        remediation: [specific, advice ?? ''].filter((s) => s !== '').join(' '),
        ...(rootCause ? { rootCause } : {}),
        ruleId,
        ...(fix ? { fix } : {}),
        ...(fixAccount ? { fixAccount } : {}),
        accounts: findingAccounts(f),
        regions: findingRegions(f),
      };
      findingTickets.set(f.id, ticket);
      return ticket;
    },
  };
}
