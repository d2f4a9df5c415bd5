/**
 * The causal diff. Paths are matched by entry, entry point, target and impact: present only in
 * the new side = opened, only in the old = closed, in both under a different id = changed
 * route. For each opened or changed path, every hop the old side did not have is explained by
 * the provenance that differs: a statement added or widened, a policy added or attached, a
 * trust policy changed, an endpoint exposed, a configuration link, a new node; when every
 * granting statement already existed, something that blocked the hop went away ("unblocked").
 */
import type { Finding, PathEdge } from '../../analyze/finding.js';
import { SEVERITIES } from '../../analyze/finding.js';
import { capabilityOf, hopIdentity, ticketKeyOf } from '../../analyze/finding-id.js';
import { compareStrings, stableStringify } from '../../core/hash.js';
import type { Provenance } from '../../graph/schema.js';
import type { Cause, DiffSide, HopRef, OpenedPath, PathDiff, WorsenedPath } from './types.js';

/**
 * Nodes that stand for something outside the snapshot (anyone, an AWS service, an outside
 * account by its root ARN, an account's admin): they appear when a policy names them, so they
 * are never reported as added; the statement that names them is.
 */
const SYNTHETIC = /^(internet$|anonymous$|admin:|service:)|^arn:[^:]+:iam::\d{12}:root$/;

/** What pairs a finding across runs: its ticket key (the same entry reaching the same target with the same impact). */
const pathKey = ticketKeyOf;

function hopRef(edge: PathEdge): HopRef {
  const capability = capabilityOf(edge);
  return { from: edge.from, to: edge.to, kind: edge.kind, ...(capability ? { capability } : {}) };
}

function statementFields(p: Provenance): Omit<Cause, 'kind' | 'hop'> {
  return {
    policy: p.policy,
    policyKind: p.policyKind,
    ...(p.sid !== undefined ? { sid: p.sid } : {}),
    ...(p.statementHash !== undefined ? { statementHash: p.statementHash } : {}),
    ...(p.statementIndex !== undefined ? { statementIndex: p.statementIndex } : {}),
    ...(p.field !== undefined ? { field: p.field } : {}),
  };
}

/** Why one statement or field of a new hop is new; undefined when the old side already had it as is. */
function provenanceCause(old: DiffSide, edge: PathEdge, p: Provenance): Cause['kind'] | undefined {
  if (p.policyKind === 'configuration') {
    if (old.fields.has(`${p.policy}#${p.field ?? ''}`)) return undefined;
    return edge.kind === 'exposure' ? 'endpoint-exposed' : 'configuration-changed';
  }
  const policy = old.statements.get(p.policy);
  const existed = policy !== undefined && (p.statementHash !== undefined ? policy.hashes.has(p.statementHash) : p.sid !== undefined && policy.sids.has(p.sid));
  if (existed) {
    const attachable = p.policyKind === 'identity' || p.policyKind === 'boundary';
    // Known attachments are complete only when the old side is a whole graph.
    const attached = old.attachments.get(edge.from)?.has(p.policy) ?? old.basis === 'report';
    return attachable && !attached ? 'policy-attached' : undefined;
  }
  if (edge.kind === 'exposure') return 'endpoint-exposed';
  if (p.policyKind === 'trust') return 'trust-policy-changed';
  // A report knows only the policies on its paths: an unknown policy may well have existed.
  if (!policy) return old.basis === 'graph' ? 'policy-added' : 'statement-added';
  return p.sid !== undefined && policy.sids.has(p.sid) ? 'statement-widened' : 'statement-added';
}

/** The changes that opened one hop the old side did not have. */
function hopCauses(old: DiffSide, edge: PathEdge): Cause[] {
  const hop = hopRef(edge);
  const causes: Cause[] = [];
  for (const node of [edge.from, edge.to]) {
    if (!SYNTHETIC.test(node) && !old.nodes.has(node)) causes.push({ kind: 'node-added', hop, node });
  }
  const seen = new Set<string>();
  for (const p of edge.provenance) {
    const kind = provenanceCause(old, edge, p);
    const fields = statementFields(p);
    const key = stableStringify([kind, fields.policy, fields.sid ?? fields.statementHash ?? fields.field]);
    if (kind === undefined || seen.has(key)) continue;
    seen.add(key);
    causes.push({ kind, hop, ...fields, ...(kind === 'policy-attached' ? { node: edge.from } : {}) });
  }
  return causes.length > 0 ? causes : [{ kind: 'unblocked', hop }];
}

/**
 * Every change along a path: a new entry first, then hop by hop in path order (hops the old
 * side had are skipped), then a new crown jewel. Entries and crown jewels are judged only
 * against a graph side, which knows all of them; a report knows only those with findings.
 */
export function pathCauses(old: DiffSide, finding: Finding): Cause[] {
  const whole = old.basis === 'graph';
  const { entry, target } = finding;
  const newEntry = whole && !SYNTHETIC.test(entry.node) && old.nodes.has(entry.node) && !old.entries.has(`${entry.node}|${entry.entryPoint}`);
  const newJewel = whole && old.nodes.has(target.node) && !old.crownJewels.has(target.node);
  const hops = finding.path.edges.filter((e) => !old.hopIdentities.has(stableStringify(hopIdentity(e)))).flatMap((e) => hopCauses(old, e));
  // A hop into a new crown jewel needs no other explanation when nothing about it changed.
  const explained = newJewel ? hops.filter((c) => !(c.kind === 'unblocked' && c.hop?.to === target.node)) : hops;
  return [
    ...(newEntry ? [{ kind: 'entry-added' as const, node: entry.node, entryPoint: entry.entryPoint }] : []),
    ...explained,
    ...(newJewel ? [{ kind: 'crown-jewel-added' as const, node: target.node }] : []),
  ];
}

function byScoreThenId(a: Finding, b: Finding): number {
  return b.score - a.score || compareStrings(a.id, b.id);
}

/** Compares two sides. */
export function diffSides(old: DiffSide, next: DiffSide): PathDiff {
  const oldIds = new Set(old.findings.map((f) => f.id));
  const newIds = new Set(next.findings.map((f) => f.id));
  const oldByKey = new Map(old.findings.map((f) => [pathKey(f), f]));
  const newKeys = new Set(next.findings.map(pathKey));
  const opened: OpenedPath[] = [];
  const changed: OpenedPath[] = [];
  for (const f of [...next.findings].sort(byScoreThenId)) {
    if (oldIds.has(f.id)) continue;
    const before = oldByKey.get(pathKey(f));
    if (before) changed.push({ finding: f, previousId: before.id, causes: pathCauses(old, f) });
    else opened.push({ finding: f, causes: pathCauses(old, f) });
  }
  const closed = old.findings.filter((f) => !newIds.has(f.id) && !newKeys.has(pathKey(f))).sort(byScoreThenId);
  const oldById = new Map(old.findings.map((f) => [f.id, f]));
  const worsened: WorsenedPath[] = [];
  for (const f of [...next.findings].sort(byScoreThenId)) {
    const before = oldById.get(f.id) ?? oldByKey.get(pathKey(f));
    if (before && SEVERITIES.indexOf(f.severity) < SEVERITIES.indexOf(before.severity)) {
      worsened.push({ finding: f, previousId: before.id, previousSeverity: before.severity, previousScore: before.score });
    }
  }
  return {
    old: { source: old.source, basis: old.basis, findings: old.findings.length },
    new: { source: next.source, basis: next.basis, findings: next.findings.length },
    opened,
    changed,
    closed,
    unchanged: next.findings.filter((f) => oldIds.has(f.id)).length,
    worsened,
  };
}
