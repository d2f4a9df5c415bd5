/**
 * Stage 4: chained paths from every entry point to every crown jewel, one finding per
 * (entry, entry point, target, impact) with its best path, its alternatives, and a score whose
 * factors are part of the output.
 */
import { compareStrings } from '../core/hash.js';
import { isOutsider, NODE_KIND_ROLES } from '../kinds.js';
import type { BuiltGraph, EntryRecord } from '../graph/index.js';
import { entryCredential, type CredentialFacts } from '../identity/index.js';
import { hopRecord, pathLogging, type LoggingFacts } from '../logging/index.js';
import type { RuleSet } from '../rules/index.js';
import { buildAdjacency, type Adjacency } from './adjacency.js';
import { valueBounds } from './bounds.js';
import { rootCauses } from './choke-points.js';
import { countAlternatives, FINDING_EDGE_BUDGET, TOTAL_EDGE_BUDGET, type EdgeBudget } from './alternatives.js';
import { identityCards } from './identity-cards.js';
import { blastRadiusCounter, type Radius } from './blast-radius.js';
import type { AnalysisResult, CoverageGap, Finding, PathEdge, PathNode } from './finding.js';
import { findingId } from './finding-id.js';
import { GrantKeys } from './grant-keys.js';
import { hopOf } from './hop.js';
import { ownerTags } from './routing.js';
import { showThrough } from './through.js';
import { scorePath, severityOf } from './score.js';
import { bestPaths, SearchWorkspace, type Hit } from './search.js';
import { searchSpace, type SearchSpace } from './space.js';

export * from './finding.js';
export { ticketKey, ticketKeyOf, type TicketKeyParts } from './finding-id.js';
export * from './routing.js';
export { onlyWhatIf, whatIfEntryPoints, whatIfSummary } from './what-if.js';

/** Options of one analysis. */
export interface AnalyzeOptions {
  /** Maximum hops in a path; defaults to the scoring rules' search.maxDepth. */
  maxDepth?: number;
  /** Coverage gaps of the input, carried to the result. */
  gaps?: CoverageGap[];
  /** Edge budgets of alternatives counting; tests pass small ones. */
  alternativesBudget?: EdgeBudget;
  /** Told after each entry's search, for progress on long runs. */
  onEntry?: (done: number, total: number) => void;
  /** What the accounts record: each hop then says whether it leaves a record. */
  logging?: LoggingFacts;
  /** Access key ages and session lengths: each entry then carries its credential, scored by lifetime. */
  credentials?: CredentialFacts;
}


function pathNode(adj: Adjacency, index: number): PathNode {
  const attrs = adj.nodeAttrs[index]!;
  return {
    id: adj.nodeIds[index]!,
    kind: attrs.kind,
    label: attrs.label,
    ...(attrs.accountId ? { accountId: attrs.accountId } : {}),
    ...(attrs.region ? { region: attrs.region } : {}),
    ...(attrs.flags?.length ? { flags: attrs.flags } : {}),
  };
}

function pathEdge(adj: Adjacency, edge: number, logging: LoggingFacts | undefined): PathEdge {
  const a = adj.edgeAttrs(edge);
  const [source, target] = [adj.edgeSource[edge]!, adj.edgeTarget[edge]!];
  const record = logging && hopRecord(logging, { edge: a, from: adj.nodeAttrs[source]!, to: adj.nodeAttrs[target]!, toId: adj.nodeIds[target]! });
  return { ...hopOf(adj.nodeIds[source]!, adj.nodeIds[target]!, a), ...(record ? { record } : {}) };
}

/** The exposure class an outsider's first hop carries, if any. */
function firstExposure(adj: Adjacency, edges: readonly number[]): string | undefined {
  return edges.length ? adj.edgeHead(edges[0]!).exposure : undefined;
}

/** What the search found, before ranking: per entry, the best hit per target. */
export interface SearchOutcome {
  space: SearchSpace;
  alternativesCap: number;
  results: Array<{ entry: EntryRecord; hits: Map<string, Hit> }>;
}

/** Stage 4a, path search: best path from every entry to every (crown jewel, impact) it reaches. */
export function searchPaths(built: BuiltGraph, rules: RuleSet, options: AnalyzeOptions = {}): SearchOutcome {
  const adj = buildAdjacency(built);
  const maxDepth = options.maxDepth ?? rules.scoring.search.maxDepth;
  const cap = rules.scoring.search.alternativesCap;
  const classes = exposureClassOf(rules);
  const space = searchSpace(adj, built.crownJewels, maxDepth, rules.scoring.depthDecay, (entry, edge) => classes.weight(adj.edgeHead(edge).exposure ?? classes.ofRule(entry.entryPoint)));
  // Scratch arrays sized to the graph, allocated once: most entries touch a handful of nodes.
  const work = new SearchWorkspace(adj.nodeIds.length, maxDepth, space.keys.length);
  // Many entries, few targets (one dense account): bound the search by what is left to reach.
  const bounds = valueBounds(space, built.entries.length);
  const results: SearchOutcome['results'] = [];
  for (const [i, entry] of built.entries.entries()) {
    const hits = bestPaths(space, entry, work, bounds);
    work.reset();
    if (hits.size) results.push({ entry, hits });
    options.onEntry?.(i + 1, built.entries.length);
  }
  return { space, alternativesCap: cap, results };
}

/**
 * Stage 4b, ranking: scores every hit, assembles and sorts findings, counts each finding's
 * alternatives in report order, groups root causes.
 */
export function rankFindings(built: BuiltGraph, rules: RuleSet, outcome: SearchOutcome, options: AnalyzeOptions = {}): AnalysisResult {
  const { space, alternativesCap: cap } = outcome;
  const { adj, maxDepth } = space;
  const classes = rules.scoring.impactClasses;
  const blastRadius = blastRadiusCounter(space, ({ impact, confidence }) => ((classes[impact]?.weight ?? 0) / 100) * confidence);
  const entryRules = new Map(rules.entryPoints.map((r) => [r.id, r]));
  const grants = new GrantKeys();
  // One PathEdge per graph edge: findings share hops (thousands of them in a dense account), and
  // a hop is a function of its edge alone, so it is made once and shared (nothing mutates it).
  const hops = new Map<number, PathEdge>();
  const hop = (edge: number) => hops.get(edge) ?? hops.set(edge, pathEdge(adj, edge, options.logging)).get(edge)!;
  const ranked: Array<{ finding: Finding; entry: EntryRecord; hit: Hit }> = [];
  for (const { entry, hits } of outcome.results) {
    for (const [, hit] of [...hits.entries()].sort(([a], [b]) => compareStrings(a, b))) {
      ranked.push({ finding: toFinding({ adj, rules, entry, hit, entryRule: entryRules.get(entry.entryPoint), blastRadius, logging: options.logging, credentials: options.credentials, grants, hop }), entry, hit });
    }
  }
  // Ranked by the unclipped score: the 0-100 display value must not hide order.
  ranked.sort((a, b) => (b.finding.rawScore ?? b.finding.score) - (a.finding.rawScore ?? a.finding.score) || compareStrings(a.finding.id, b.finding.id));
  const budget = options.alternativesBudget ?? { perFinding: FINDING_EDGE_BUDGET, total: TOTAL_EDGE_BUDGET };
  const counts = countAlternatives(space, ranked.map(({ entry, hit }) => ({ entry, key: hit.key })), cap, budget);
  let cappedPairs = 0;
  let outOfBudget = 0;
  const findings = ranked.map(({ finding }, i) => {
    const { paths, capped, outOfBudget: cut } = counts[i]!;
    if (capped) cappedPairs++;
    if (cut) outOfBudget++;
    finding.alternatives = Math.max(0, paths - 1);
    finding.alternativesCapped = capped;
    return finding;
  });
  const gaps = [...(options.gaps ?? []), ...built.gaps].sort((a, b) => compareStrings(JSON.stringify(a), JSON.stringify(b)));
  return {
    findings,
    gaps,
    limits: {
      maxDepth,
      alternativesCap: cap,
      alternativesCapped: cappedPairs,
      ...(outOfBudget ? { findingsOutOfBudget: outOfBudget, edgeBudget: budget.perFinding, totalEdgeBudget: budget.total } : {}),
    },
    stats: { nodes: adj.nodeIds.length, edges: adj.edgeCount, entries: built.entries.length, crownJewels: built.crownJewels.size },
    rootCauses: rootCauses(findings, grants),
    notAnalyzed: built.notAnalyzed,
    identities: identityCards({ adj, workloadRoles: built.workloadRoles, ...(built.toolInvokers ? { toolInvokers: built.toolInvokers } : {}), findings, blastRadius, credentials: options.credentials, logging: options.logging }),
  };
}

/** Runs the search and assembles findings. */
export function analyze(built: BuiltGraph, rules: RuleSet, options: AnalyzeOptions = {}): AnalysisResult {
  return rankFindings(built, rules, searchPaths(built, rules, options), options);
}

/** The exposure of an entry whose rule is not in the rule set (a finding read back from elsewhere). */
const UNKNOWN_EXPOSURE = 0.5;
const UNKNOWN_CLASS = 'unknown';

/** Exposure classes by name and the class of each entry-point rule, from the rules. */
function exposureClassOf(rules: RuleSet): { weight: (name: string | undefined) => number; ofRule: (entryPoint: string) => string | undefined } {
  const byRule = new Map(rules.entryPoints.map((r) => [r.id, r.exposure]));
  return {
    weight: (name) => (name === undefined ? UNKNOWN_EXPOSURE : (rules.scoring.exposureClasses[name]?.weight ?? UNKNOWN_EXPOSURE)),
    ofRule: (entryPoint) => byRule.get(entryPoint),
  };
}

interface FindingParts {
  adj: Adjacency;
  rules: RuleSet;
  entry: EntryRecord;
  hit: Hit;
  entryRule: RuleSet['entryPoints'][number] | undefined;
  blastRadius: (node: number) => Radius;
  logging: LoggingFacts | undefined;
  credentials: CredentialFacts | undefined;
  grants: GrantKeys;
  /** The hop of a graph edge, made once per analysis. */
  hop: (edge: number) => PathEdge;
}

/** A finding with its alternatives still uncounted (rankFindings fills them in report order). */
function toFinding({ adj, rules, entry, hit, entryRule, blastRadius, logging, credentials, grants, hop }: FindingParts): Finding {
  const start = adj.nodeIndex.get(entry.node)!;
  const nodes = [start, ...hit.edges.map((e) => adj.edgeTarget[e]!)];
  const edges = hit.edges.map(hop);
  // Principals a hop changes and becomes are nodes of the path as shown (through.ts); the score counts graph hops.
  const shown = showThrough(adj, nodes.map((n) => pathNode(adj, n)), edges, hit.edges, (n) => pathNode(adj, n));
  const synthetic = isOutsider(adj.nodeAttrs[start]!.kind);
  // The foothold is the first node the attacker controls or drives: after the entry edge
  // for synthetic entries, the entry itself otherwise.
  const pivotHops = Math.max(0, edges.length - 1 - (synthetic ? 1 : 0));
  const pivot = nodes.find((n) => NODE_KIND_ROLES[adj.nodeAttrs[n]!.kind] === 'principal') ?? nodes[nodes.length - 2] ?? start;
  // An outsider's first hop says where the attacker stands; other entries say it themselves.
  const exposureClass = (synthetic ? firstExposure(adj, hit.edges) : entry.exposure) ?? entryRule?.exposure;
  const exposure = exposureClass === undefined ? UNKNOWN_EXPOSURE : (rules.scoring.exposureClasses[exposureClass]?.weight ?? UNKNOWN_EXPOSURE);
  const radius = blastRadius(pivot);
  // The credential is the entry's own key, the key a workload holds, or the session its first hop opens.
  const credential = credentials && entryCredential(credentials, entry.entryPoint, { keyHolder: edges[0]?.kind === 'holds-credential' ? edges[0].to : entry.node, sessionRole: edges[0]?.to });
  const { score, rawScore, factors } = scorePath(rules.scoring, {
    impactWeight: rules.scoring.impactClasses[hit.impact]?.weight ?? 0,
    impactConfidence: hit.impactConfidence,
    exposure,
    edgeConfidences: edges.map((e) => e.confidence),
    pivotHops,
    reachableCrownJewels: radius.count,
    weightedRadius: radius.weighted,
    ...(credential?.kind === 'access-key' && credential.ageDays !== undefined ? { credentialAgeDays: credential.ageDays } : {}),
  });
  const target = adj.nodeAttrs[hit.jewel]!;
  const techniques = [...new Set(edges.flatMap((e) => (e.technique ? [e.technique] : [])))];
  // A synthetic entry has no owner; the workload or role it reaches first does.
  const entryOwner = ownerTags(adj.nodeAttrs[synthetic && nodes[1] !== undefined ? nodes[1] : start]!.tags);
  const targetOwner = ownerTags(target.tags);
  return {
    id: findingId({ entry: entry.node, entryPoint: entry.entryPoint, target: adj.nodeIds[hit.jewel]!, impact: hit.impact, edges: shown.edges }, (list) => grants.sortedTextOf(list)),
    severity: severityOf(rules.scoring, score),
    score,
    rawScore,
    factors,
    entry: {
      node: entry.node,
      label: adj.nodeAttrs[start]!.label,
      kind: adj.nodeAttrs[start]!.kind,
      entryPoint: entry.entryPoint,
      title: entryRule?.title ?? entry.entryPoint,
      exposure: exposureClass ?? UNKNOWN_CLASS,
      ...(entry.assumed ? { assumed: true } : {}),
      ...(entryOwner ? { ownerTags: entryOwner } : {}),
      ...(credential ? { credential } : {}),
    },
    target: { node: adj.nodeIds[hit.jewel]!, label: target.label, kind: target.kind, impact: hit.impact, title: rules.scoring.impactClasses[hit.impact]?.title ?? hit.impact, sensitivity: target.sensitivity ?? [], ...(targetOwner ? { ownerTags: targetOwner } : {}) },
    path: shown,
    techniques,
    techniqueRefs: techniques.map((id) => {
      const rule = rules.techniques.find((t) => t.id === id);
      return { id, attack: rule?.attack ?? [], owaspNhi: rule?.owaspNhi ?? [] };
    }),
    alternatives: 0,
    alternativesCapped: false,
    residualConditions: [...new Set(edges.flatMap((e) => e.residual ?? []))].sort(compareStrings),
    ...(logging ? { logging: pathLogging(edges.flatMap((e) => (e.record ? [e.record] : []))) } : {}),
  };
}
