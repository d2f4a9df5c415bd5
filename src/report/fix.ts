/**
 * The specific fix of a root cause: which statement or field to change, in which policy, and how
 * many paths that closes. A hop is closed by taking away one of the permissions it needs, so the
 * fix names the grants of a single requirement (one action, or one configuration field), chosen
 * by how fixable they are for that kind of hop: the configuration of an exposed workload, the
 * caller's own identity statement for an escalation, the trust policy for a same-account assume.
 */
import type { PathEdge, RootCause } from '../analyze/finding.js';
import { capabilityOf, grantKey } from '../analyze/finding-id.js';
import { accountOfArn } from '../core/arn.js';
import { compareStrings } from '../core/hash.js';
import type { Provenance } from '../graph/schema.js';
import { isAwsManaged, nodeWords, policyWords, statementWords, type NodeLookup, type Quote } from './fix-words.js';

/** What to change to close a root cause, in words and as the statements it names. */
export interface Fix {
  /** `scope statement X of inline policy Y on role Z: closes 3 paths`. */
  text: string;
  /** The statements and fields the text names (all of them must change). */
  statements: Provenance[];
  /** Findings whose best path the change closes. */
  closes: number;
}

type GrantClass = 'configuration' | 'resource' | 'trust' | 'identity' | 'managed' | 'boundary' | 'scp';

/** Which grants to change first, per kind of hop: the first class present wins. */
const WORKLOAD_ORDER: GrantClass[] = ['configuration', 'resource', 'trust', 'identity', 'managed', 'boundary', 'scp'];
const TRUST_ORDER: GrantClass[] = ['trust', 'identity', 'resource', 'configuration', 'managed', 'boundary', 'scp'];
const CALLER_ORDER: GrantClass[] = ['identity', 'resource', 'trust', 'configuration', 'managed', 'boundary', 'scp'];

function grantClass(p: Provenance): GrantClass {
  if (p.policyKind === 'identity') return isAwsManaged(p.policy) ? 'managed' : 'identity';
  return p.policyKind;
}

/**
 * The order for a hop. Exposures and configuration links are closed where the workload is
 * configured; a same-account assume can be allowed by the trust policy alone, so the trust goes
 * first there; every other hop by the caller's own permissions.
 */
function orderFor(edge: PathEdge): GrantClass[] {
  if (edge.kind === 'exposure' || edge.kind === 'runs-as' || edge.kind === 'holds-credential') return WORKLOAD_ORDER;
  const from = accountOfArn(edge.from);
  if (edge.kind === 'can-assume' && from !== undefined && from === accountOfArn(edge.to)) return TRUST_ORDER;
  return CALLER_ORDER;
}

/** The grants of one requirement: a configuration field, or the statements of one side granting one action. */
function requirementKey(p: Provenance): string {
  if (p.field !== undefined) return `field ${p.policy}#${p.field}`;
  const side = p.policyKind === 'resource' || p.policyKind === 'trust' ? 'resource' : 'principal';
  return `${side} ${p.action ?? grantKey(p)}`;
}

/** The statements to change for a hop: every grant of its most fixable requirement. */
export function statementsToChange(edge: PathEdge): Provenance[] {
  const order = orderFor(edge);
  const groups = new Map<string, Map<string, Provenance>>();
  for (const p of edge.provenance) {
    const key = requirementKey(p);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = new Map()));
    group.set(grantKey(p), p);
  }
  const ranked = [...groups.entries()].map(([key, grants]) => ({
    key,
    grants: [...grants.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, p]) => p),
    rank: Math.min(...[...grants.values()].map((p) => order.indexOf(grantClass(p)))),
  }));
  ranked.sort((a, b) => a.rank - b.rank || a.grants.length - b.grants.length || compareStrings(a.key, b.key));
  return ranked[0]?.grants ?? [];
}

/** One grant as an instruction: `scope statement X of ...`, `detach AWS managed policy Y from role Z`. */
function changeWords(edge: PathEdge, p: Provenance, nodes: NodeLookup, quote: Quote): string {
  const where = `${statementWords(p, quote)} of ${policyWords(p, nodes, quote)}`;
  switch (grantClass(p)) {
    case 'managed':
      return `detach ${policyWords(p, nodes, quote)} from ${nodeWords(edge.from, nodes, quote)}`;
    case 'configuration':
      return edge.kind === 'holds-credential' ? `remove the credential in ${where}` : `change ${where}`;
    case 'trust':
      return `narrow ${where}`;
    case 'boundary':
    case 'scp':
      return `tighten ${where}`;
    default:
      return `scope ${where}`;
  }
}

/** `escalation iam-put-role-policy-self: role x → admin of y`. */
export function hopWords(edge: Pick<PathEdge, 'from' | 'to' | 'kind' | 'access' | 'technique' | 'entryPoint'>, nodes: NodeLookup, quote: Quote): string {
  const capability = capabilityOf(edge);
  return `${edge.kind}${capability ? ` ${capability}` : ''}: ${nodeWords(edge.from, nodes, quote)} → ${nodeWords(edge.to, nodes, quote)}`;
}

function closesWords(closes: number): string {
  return `closes ${closes} ${closes === 1 ? 'path' : 'paths'}`;
}

/**
 * The fix of a root cause, read off `edge` (the cause's hop on one of its findings' paths): the
 * cause's own statement when it is a statement cause, else the hop's most fixable grants.
 */
export function fixOf(cause: RootCause, edge: PathEdge, nodes: NodeLookup, quote: Quote): Fix {
  const statement = cause.statement;
  const statements = statement ? edge.provenance.filter((p) => grantKey(p) === grantKey({ ...statement, conditionKeys: [] })).slice(0, 1) : statementsToChange(edge);
  const change = statements.length ? statements.map((p) => changeWords(edge, p, nodes, quote)).join(' and ') : `close the hop ${hopWords(edge, nodes, quote)}`;
  const closes = cause.pathsThrough ?? cause.findings.length;
  return { text: `${change}: ${closesWords(closes)}`, statements, closes };
}
