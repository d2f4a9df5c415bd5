/**
 * Identity cards: for each non-human identity (a role some workload runs as, a role an identity
 * provider or an outside account federates into, a user with an active access key), what its
 * evaluated permissions unlock by capability class, how many workloads share it, the credential
 * that carries it and how long that lives, its weighted blast radius, and the findings whose
 * paths start at or cross it. Capabilities are read from the identity's own edges, which the
 * graph drew from evaluated policies: a class is listed only when some resource of the snapshot
 * is reachable through it (a grant on `*` with nothing to reach shows nothing).
 */
import { compareStrings } from '../core/hash.js';
import type { WorkloadRole } from '../graph/index.js';
import { bedrockKeyCredential, entryCredential, type CredentialFacts, type EntryCredential } from '../identity/index.js';
import { NODE_KIND_ROLES } from '../kinds.js';
import { hopRecord, type LoggingFacts } from '../logging/index.js';
import type { Adjacency } from './adjacency.js';
import type { Radius } from './blast-radius.js';
import type { Finding, IdentityCard, IdentityCapability } from './finding.js';

/** What the cards are built from: the graph's numbered view (every edge, blocks' included), the findings and the credential facts. */
export interface CardInput {
  adj: Adjacency;
  workloadRoles: readonly WorkloadRole[];
  /** Principal ARN -> the Lambda functions it may invoke: tools, though no edge leads to them. */
  toolInvokers?: ReadonlyMap<string, readonly string[]>;
  findings: readonly Finding[];
  blastRadius: (node: number) => Radius;
  credentials: CredentialFacts | undefined;
  /** What the accounts record; without it cards say nothing about logging. */
  logging: LoggingFacts | undefined;
}

/** Capability classes a hop out of an identity unlocks. */
function capabilitiesOf(kind: string, targetKind: string, technique: string | undefined): IdentityCapability[] {
  if (kind === 'admin-equivalent') return ['model', 'data', 'tools', 'identity'];
  if (kind === 'invoke') return targetKind === 'lambda-function' ? ['tools'] : ['model'];
  if (kind === 'data-access') return ['data'];
  if (kind === 'can-assume') return ['identity'];
  if (kind === 'escalation') {
    if (targetKind === 'credential') return ['data'];
    if (targetKind === 'account-admin' || targetKind === 'user' || technique?.startsWith('iam-') || technique?.startsWith('sts-')) return ['identity'];
    // Passing a role into compute, changing a function's code, running a command: tool execution.
    return ['tools'];
  }
  return [];
}

/** The identities that get a card: roles workloads run as or outsiders federate into, users with active access or Bedrock API keys. */
function cardHolders(input: CardInput): Map<string, Map<string, string>> {
  const workloads = new Map<string, Map<string, string>>();
  const add = (id: string) => workloads.get(id) ?? workloads.set(id, new Map()).get(id)!;
  const { adj } = input;
  const hasNode = (id: string) => adj.nodeIndex.has(id);
  for (const w of input.workloadRoles) if (hasNode(w.role)) add(w.role).set(w.workload, w.kind);
  // Outsiders' trust hops, read from the outsiders' own edges (the cards are sorted by id at the end).
  adj.nodeAttrs.forEach((attrs, node) => {
    if (NODE_KIND_ROLES[attrs.kind] !== 'outsider') return;
    for (let i = adj.outStart[node]!; i < adj.outStart[node + 1]!; i++) {
      const edge = adj.outEdges[i]!;
      if (adj.edgeHead(edge).kind === 'can-assume') add(adj.nodeIds[adj.edgeTarget[edge]!]!);
    }
  });
  for (const [user, keys] of input.credentials?.keysByUser ?? []) if (keys.some((k) => k.active) && hasNode(user)) add(user);
  for (const [user, keys] of input.credentials?.bedrockKeysByUser ?? []) if (keys.some((k) => k.active) && hasNode(user)) add(user);
  return workloads;
}

/** How the identity's credential is handed out: its keys, or the session its trust opens. */
function credentialOf(input: CardInput, id: string, kind: string): EntryCredential | undefined {
  if (!input.credentials) return undefined;
  if (kind === 'user') return entryCredential(input.credentials, 'iam-user-access-key', { keyHolder: id });
  const federated = federatedByOidc(input.adj, input.adj.nodeIndex.get(id)!);
  return entryCredential(input.credentials, federated ? 'oidc-trust-without-subject' : 'role-trusts-anyone', { sessionRole: id });
}

/** Does an identity provider's trust hop lead into this node? */
function federatedByOidc(adj: Adjacency, node: number): boolean {
  for (let i = adj.inStart[node]!; i < adj.inStart[node + 1]!; i++) {
    const edge = adj.inEdges[i]!;
    if (adj.edgeHead(edge).kind === 'can-assume' && adj.nodeAttrs[adj.edgeSource[edge]!]!.kind === 'oidc-provider') return true;
  }
  return false;
}

/** One card per identity, sorted by id. */
export function identityCards(input: CardInput): IdentityCard[] {
  const { adj } = input;
  const onPath = new Map<string, Set<string>>();
  for (const f of input.findings) for (const n of f.path.nodes) onPath.get(n.id)?.add(f.id) ?? onPath.set(n.id, new Set([f.id]));
  const cards: IdentityCard[] = [];
  for (const [id, workloads] of cardHolders(input)) {
    const index = adj.nodeIndex.get(id);
    if (index === undefined) continue;
    const attrs = adj.nodeAttrs[index]!;
    const reach: Record<IdentityCapability, Set<string>> = { model: new Set(), data: new Set(), tools: new Set(), identity: new Set() };
    // Who did what: does each action the identity can take leave a record naming it?
    const records = { trail: 0, 'event-history': 0, none: 0, unknown: 0 };
    for (let i = adj.outStart[index]!; i < adj.outStart[index + 1]!; i++) {
      const edge = adj.outEdges[i]!;
      const e = adj.edgeHead(edge);
      const target = adj.edgeTarget[edge]!;
      for (const capability of capabilitiesOf(e.kind, adj.nodeAttrs[target]!.kind, e.technique)) reach[capability].add(adj.nodeIds[target]!);
      if (input.logging) {
        const { status } = hopRecord(input.logging, { edge: adj.edgeAttrsOnce(edge), from: attrs, to: adj.nodeAttrs[target]!, toId: adj.nodeIds[target]! });
        if (status !== 'no-call') records[status]++;
      }
    }
    // Invoking a function (an agent's tool, a helper) is tool execution even where no path follows.
    for (const fn of input.toolInvokers?.get(id) ?? []) reach.tools.add(fn);
    const findings = [...(onPath.get(id) ?? [])].sort(compareStrings);
    // Measured for identities on a path, where findings already measured it (memoized): a
    // breadth-first walk from each of tens of thousands of roles would cost more than the search.
    const radius = findings.length ? input.blastRadius(index) : undefined;
    const credential = credentialOf(input, id, attrs.kind);
    const bedrockApiKeys = attrs.kind === 'user' && input.credentials?.bedrockKeysByUser.get(id)?.some((k) => k.active) ? bedrockKeyCredential(input.credentials, id) : undefined;
    cards.push({
      id,
      label: attrs.label,
      kind: attrs.kind,
      ...(attrs.accountId ? { accountId: attrs.accountId } : {}),
      workloads: [...workloads.keys()].sort(compareStrings),
      workloadKinds: [...new Set(workloads.values())].sort(compareStrings),
      capabilities: (Object.keys(reach) as IdentityCapability[]).filter((c) => reach[c].size > 0),
      reaches: Object.fromEntries(Object.entries(reach).map(([c, set]) => [c, [...set].sort(compareStrings)])) as Record<IdentityCapability, string[]>,
      ...(credential ? { credential } : {}),
      ...(bedrockApiKeys ? { bedrockApiKeys } : {}),
      ...(input.logging ? { logging: { recorded: records.trail, eventHistoryOnly: records['event-history'], unrecorded: records.none, unknown: records.unknown } } : {}),
      ...(radius ? { radius: { crownJewels: radius.count, weighted: Math.round(radius.weighted * 1000) / 1000 } } : {}),
      findings,
      posture: [],
    });
  }
  return cards.sort((a, b) => compareStrings(a.id, b.id));
}
