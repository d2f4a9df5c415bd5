/**
 * One ticket per root cause. Findings are grouped by choke point: the hop, or the single
 * statement, that the most findings' paths pass through. Greedy set cover puts each finding in
 * exactly one group; ties are broken by how fixable the hop is, then by canonical text, so the same findings
 * always give the same groups and a group keeps its id from run to run.
 */
import { compareStrings, shortHash } from '../core/hash.js';
import { BinaryHeap } from '../core/heap.js';
import type { EdgeKind, Provenance } from '../graph/schema.js';
import { SEVERITIES, type Finding, type PathEdge, type RootCause, type StatementIdentity } from './finding.js';
import { grantKey, hopIdentityText } from './finding-id.js';
import { GrantKeys } from './grant-keys.js';

/**
 * Which hop makes the better ticket when two cover as many findings: a technique or an exposure
 * is a grant the path does not need; running as a role is how a workload is built.
 */
const FIX_RANK: Record<EdgeKind, number> = {
  escalation: 0,
  exposure: 1,
  'can-assume': 2,
  'holds-credential': 3,
  'data-access': 4,
  'admin-equivalent': 5,
  invoke: 6,
  'runs-as': 7,
};

interface Candidate {
  /** Canonical text of the hop identity or statement; the group id is its hash. */
  key: string;
  rank: number;
  /** Hops before statements at equal rank: the hop names the statements anyway. */
  isHop: boolean;
  findings: Set<number>;
  /** Covered findings not yet in a group; only ever shrinks. */
  count: number;
  /** The hop, or for a statement candidate the first hop it was seen granting. */
  edge: PathEdge;
  statement?: Provenance;
}

/** What a group says it is: the hop, or the statement. */
function describe(c: Candidate): Pick<RootCause, 'kind' | 'hop' | 'statement'> {
  return c.statement ? { kind: 'statement', statement: statementIdentity(c.statement) } : { kind: 'hop', hop: hopOf(c.edge) };
}

function statementIdentity(p: Provenance): StatementIdentity {
  return {
    policy: p.policy,
    policyKind: p.policyKind,
    ...(p.sid !== undefined ? { sid: p.sid } : p.statementHash !== undefined ? { statementHash: p.statementHash } : {}),
    ...(p.field !== undefined && p.sid === undefined && p.statementHash === undefined ? { field: p.field } : {}),
  };
}

function uniqueStatements(list: readonly Provenance[]): StatementIdentity[] {
  const byKey = new Map(list.map((p) => [grantKey(p), statementIdentity(p)]));
  return [...byKey.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, s]) => s);
}

function hopOf(edge: PathEdge): RootCause['hop'] {
  return {
    from: edge.from,
    to: edge.to,
    kind: edge.kind,
    ...(edge.access ? { access: edge.access } : {}),
    ...(edge.technique ? { technique: edge.technique } : {}),
    ...(edge.entryPoint ? { entryPoint: edge.entryPoint } : {}),
    provenance: uniqueStatements(edge.provenance),
  };
}

/** Every hop and every statement on every path, with the findings it covers. */
function candidatesOf(findings: readonly Finding[], grants: GrantKeys): Candidate[] {
  const byId = new Map<string, Candidate>();
  // Keyed by canonical text; only candidates that become groups are hashed into an id.
  const add = (key: string, rank: number, finding: number, edge: PathEdge, statement?: Provenance) => {
    const found = byId.get(key);
    if (found) {
      found.findings.add(finding);
      if (rank < found.rank) found.rank = rank;
    } else byId.set(key, { key, rank, isHop: statement === undefined, findings: new Set([finding]), count: 0, edge, ...(statement ? { statement } : {}) });
  };
  // Keys hold only strings and arrays, for which JSON.stringify writes the same text as
  // stableStringify, several times faster: this loop runs once per hop of every finding.
  // A list's statements are named once, each distinct one with its first record: findings share
  // hops and hops share lists, and a repeated statement adds nothing the first did not.
  const statementsOf = new WeakMap<readonly Provenance[], Array<{ text: string; p: Provenance }>>();
  const distinctStatements = (list: readonly Provenance[]) => {
    let found = statementsOf.get(list);
    if (found === undefined) {
      const first = new Map<string, Provenance>();
      grants.of(list).forEach((key, i) => {
        const text = JSON.stringify(['statement', key]);
        if (!first.has(text)) first.set(text, list[i]!);
      });
      statementsOf.set(list, (found = [...first].map(([text, p]) => ({ text, p }))));
    }
    return found;
  };
  const grantsText = (list: readonly Provenance[]) => grants.sortedTextOf(list);
  findings.forEach((finding, index) => {
    for (const edge of finding.path.edges) {
      const rank = FIX_RANK[edge.kind] ?? Object.keys(FIX_RANK).length;
      add(`["hop",${hopIdentityText(edge, grantsText)}]`, rank, index, edge);
      for (const { text, p } of distinctStatements(edge.provenance)) add(text, rank, index, edge, p);
    }
  });
  for (const c of byId.values()) c.count = c.findings.size;
  return [...byId.values()];
}

/** A heap entry: a candidate with its uncovered count when pushed (stale once the count drops). */
interface Entry {
  c: Candidate;
  count: number;
}

/** True when `a` is the better choice: covers more, then is more fixable, then a hop, then the smaller key. */
function better(a: Entry, b: Entry): boolean {
  if (a.count !== b.count) return a.count > b.count;
  if (a.c.rank !== b.c.rank) return a.c.rank < b.c.rank;
  if (a.c.isHop !== b.c.isHop) return a.c.isHop;
  return a.c.key < b.c.key;
}

/** Groups findings by root cause; each finding lands in exactly one group. */
export function rootCauses(findings: readonly Finding[], grants = new GrantKeys()): RootCause[] {
  const candidates = candidatesOf(findings, grants);
  const byFinding = findings.map((): Candidate[] => []);
  for (const c of candidates) for (const f of c.findings) byFinding[f]!.push(c);
  const heap = new BinaryHeap(better);
  for (const c of candidates) heap.push({ c, count: c.count });
  const grouped = new Set<number>();
  const causes: RootCause[] = [];
  // Lazy greedy: counts only shrink, so an entry whose count is still current is the true maximum;
  // a stale one goes back with its current count.
  for (let e = heap.pop(); e && grouped.size < findings.length; e = heap.pop()) {
    const c = e.c;
    if (c.count === 0) continue;
    if (e.count !== c.count) {
      heap.push({ c, count: c.count });
      continue;
    }
    const open = [...c.findings].filter((f) => !grouped.has(f));
    for (const f of open) {
      grouped.add(f);
      for (const d of byFinding[f]!) d.count -= 1;
    }
    const members = open.map((f) => findings[f]!);
    causes.push({
      id: `rc-${shortHash(c.key)}`,
      ...describe(c),
      findings: members.map((f) => f.id).sort(compareStrings),
      severity: SEVERITIES.find((s) => members.some((f) => f.severity === s)) ?? 'low',
      // A count the budget cut before finding a second path may still hide one.
      withAlternatives: members.filter((f) => f.alternatives > 0 || f.alternativesCapped).map((f) => f.id).sort(compareStrings),
      pathsThrough: c.findings.size,
    });
  }
  return sortRootCauses(causes);
}

/** Most severe first, then the larger group, then by id. */
export function sortRootCauses(causes: readonly RootCause[]): RootCause[] {
  const rank = (c: RootCause) => SEVERITIES.indexOf(c.severity);
  return [...causes].sort((a, b) => rank(a) - rank(b) || b.findings.length - a.findings.length || compareStrings(a.id, b.id));
}
