/**
 * Stage 3: snapshot -> typed attack graph. The facts layer reads the snapshot once; then each
 * derivation step takes facts (and what earlier steps decided, as arguments) and returns its
 * nodes, edges or entries; this module assembles the graph from them in one place. Reads only
 * the snapshot (through facts/), the rules and the evaluator.
 */
import { MultiDirectedGraph } from 'graphology';
import { compareStrings } from '../core/hash.js';
import type { CoverageRecord } from '../snapshot/index.js';
import type { RuleSet } from '../rules/index.js';
import { accessEdges, openAccessKey, type OpenAccess } from './access.js';
import { adminEdges } from './admin.js';
import type { EdgeBlock } from './blocks.js';
import { credentialEdges, runsAsEdges } from './configuration.js';
import { addEdges, ProvenanceKeys, putNode, type EdgeSet, type NodeSpec } from './edges.js';
import { detectEntryPoints, type EntryOptions, type EntryRecord } from './entry-points/index.js';
import { buildFacts, type Facts, type LoadedSnapshot, type NotAnalyzed } from './facts/index.js';
import { frontDoorEdges } from './front-doors.js';
import { foundationModelAccounts, modelInvokeEdges } from './foundation-models.js';
import { cardHolders, toolGrants } from './tool-grants.js';
import { clusterAdminEdges, kubernetesBindings } from './kubernetes/index.js';
import { factNodes } from './nodes.js';
import { nodeIds, type AttackGraph, type EdgeAttrs, type NodeAttrs } from './schema.js';
import { findCrownJewels, type CrownJewel } from './sensitivity.js';
import { taskSecretEdges } from './task-secrets.js';
import { TechniqueThreads, workerAvailable } from './parallel/threads.js';
import { techniqueEdges, withoutDerivedTechniques, type TechniqueEdges, type TechniqueScope } from './techniques/index.js';

export * from './schema.js';
export type { BlockShared, EdgeBlock } from './blocks.js';
export type { EntryOptions, EntryRecord } from './entry-points/index.js';
export type { CrownJewel, ImpactAccess } from './sensitivity.js';
export type { LoadedSnapshot, NotAnalyzed } from './facts/index.js';

/** The graph and what the search needs to know about it. */
export interface BuiltGraph {
  /** Every edge stored pair by pair; with `blocks`, the attack graph (read both through edge-view.ts). */
  graph: AttackGraph;
  /** Technique edges stored as blocks (blocks.ts, made by techniques/block-forming.ts); every reader reads them as pairs (edge-view.ts). */
  blocks: readonly EdgeBlock[];
  entries: EntryRecord[];
  crownJewels: Map<string, CrownJewel>;
  /** Gaps found while building (e.g. a managed policy missing from the input). */
  gaps: CoverageRecord[];
  /** Collected data no analysis reads. */
  notAnalyzed: NotAnalyzed[];
  /** Every workload that runs as a role, with or without a node (identity cards count them). */
  workloadRoles: WorkloadRole[];
  /** Principal ARN -> the Lambda functions it may invoke (tool-grants.ts), for principals that may get an identity card only; no edge carries these. */
  toolInvokers?: ReadonlyMap<string, readonly string[]>;
}

/** A workload and the role it runs as. */
export interface WorkloadRole {
  workload: string;
  kind: string;
  role: string;
}

/** Options of one build. */
export interface BuildOptions extends EntryOptions {
  /** False to leave out techniques of confidence `derived` (`--no-derived`). */
  derived?: boolean;
  /** The analysis time (ISO 8601); the snapshot's `collectedAt` when absent. */
  at?: string;
  /**
   * The caller holds no other reference to `input.snapshot` and reads it no more: the build
   * removes it from `input` once the facts are read. About half of a parsed snapshot is text
   * and structure the facts do not keep (at size M, 56 of its 116 MiB).
   */
  releaseSnapshot?: boolean;
  /** False to draw every technique edge pair by pair, forming no block (tests compare both). */
  edgeBlocks?: boolean;
}

/** Builds the attack graph of a loaded snapshot, on this thread. */
export function buildGraph(input: LoadedSnapshot, rules: RuleSet, options: BuildOptions = {}): BuiltGraph {
  // The facts (compiled policies, indexes, memos) die when derive() returns, before the graph is
  // assembled: at size L they are a quarter of the live heap (400 of 1,590 MiB), and the
  // graph's own records come on top of what is alive while it is assembled.
  return built(derive(input, rules, options));
}

/** Options of a build whose technique step may run on several threads. */
export interface ThreadedBuildOptions extends BuildOptions {
  /**
   * Threads drawing technique edges, the main thread included; 1 (no worker) unless asked: on
   * this 2-core machine a second thread measured slower even when idle (docs/performance.md, Both cores).
   */
  workers?: number;
  /** The worker script (tests point at dist/'s, or at one that fails). */
  workerUrl?: URL;
}

/**
 * buildGraph with the technique step shared by `workers` threads when asked: the same graph,
 * byte for byte. Runs on this thread alone when one thread is asked for, or when there is no
 * compiled worker script (running from sources).
 */
export async function buildGraphInThreads(input: LoadedSnapshot, rules: RuleSet, options: ThreadedBuildOptions = {}): Promise<BuiltGraph> {
  const active = activeRules(rules, options);
  const threads = options.workers ?? 1;
  if (threads < 2 || !workerAvailable(options.workerUrl)) return buildGraph(input, rules, options);
  // Only what the facts read: a caller's LoadedSnapshot may carry more (sources, warnings).
  const pool = new TechniqueThreads({ snapshot: input.snapshot, credentials: input.credentials }, active, { threads, blocks: options.edgeBlocks !== false, ...(options.at ? { at: options.at } : {}), ...(options.workerUrl ? { workerUrl: options.workerUrl } : {}) });
  let derived: Derived;
  try {
    derived = derive(input, rules, options, {
      begin: (scope) => pool.begin(scope),
      draw: (facts, rules, scope, keys) => pool.drawHere(facts, rules, scope, keys),
    });
  } catch (error) {
    await pool.stop();
    throw error;
  }
  const techniques = await pool.finish(derived.keys);
  derived.edges[derived.techniqueSlot] = techniques.edges;
  derived.blocks = techniques;
  return built(derived);
}

/** The graph assembled from what the steps derived. */
function built(derived: Derived): BuiltGraph {
  const graph = assemble(derived);
  const { entries, gaps, notAnalyzed, workloadRoles, toolInvokers } = derived;
  return { graph, blocks: derived.blocks.blocks, entries, crownJewels: derived.crownJewels, gaps, notAnalyzed, workloadRoles, ...(toolInvokers ? { toolInvokers } : {}) };
}

/** `--no-derived`: techniques no public research demonstrates yet draw no edge. */
function activeRules(rules: RuleSet, options: BuildOptions): RuleSet {
  return options.derived === false ? withoutDerivedTechniques(rules) : rules;
}

/**
 * How the technique step runs: on this thread (techniqueEdges), or shared with worker threads
 * (parallel/), which start drawing once told what the steps before techniques decided.
 */
interface TechniqueStep {
  begin?(scope: TechniqueScope): void;
  draw(facts: Facts, rules: RuleSet, scope: TechniqueScope, keys: ProvenanceKeys, options: { blocks: boolean }): TechniqueEdges;
}

/** What the derivation steps found: everything the graph is assembled from, and no facts. */
interface Derived extends Omit<BuiltGraph, 'graph' | 'blocks'> {
  nodes: NodeSpec[];
  /** The technique step's edges, its set among `edges` and its blocks. */
  blocks: TechniqueEdges;
  /** Every step's edges in order; assemble() empties each slot once its edges are in the graph. */
  edges: Array<EdgeSet | undefined>;
  keys: ProvenanceKeys;
  /** The technique step's slot in `edges` (the threaded build fills it after derive returns). */
  techniqueSlot: number;
}

/** Runs every derivation step over the snapshot's facts. */
function derive(input: LoadedSnapshot, rules: RuleSet, options: BuildOptions, step: TechniqueStep = { draw: techniqueEdges }): Derived {
  const active = activeRules(rules, options);
  const facts = buildFacts(input, options.at ? { at: options.at } : {});
  if (options.releaseSnapshot) delete (input as Partial<LoadedSnapshot>).snapshot;
  const keys = new ProvenanceKeys();

  const modelAccounts = foundationModelAccounts(facts, active);
  const nodes = factNodes(facts, modelAccounts);
  const crownJewels = findCrownJewels(facts, active, modelAccounts);
  const runsAs = runsAsEdges(facts, keys);
  const taskSecrets = taskSecretEdges(facts, active, crownJewels, keys);
  const credentials = credentialEdges(facts, keys);
  const { edges: admin, admins } = adminEdges(facts, keys);
  const scope: TechniqueScope = { admins, modelAccounts };
  // Worker threads draw techniques while this thread runs the steps that do not depend on them.
  step.begin?.(scope);
  const kubernetes = kubernetesBindings(facts);
  const clusterAdmin = clusterAdminEdges(facts, active, kubernetes, keys);
  const invoke = modelInvokeEdges(facts, active, scope, keys);
  const frontDoors = frontDoorEdges(facts, active, { jewels: crownJewels, modelAccounts }, keys);
  const entryPoints = detectEntryPoints(facts, active, { jewels: crownJewels, options, kubernetes }, keys);
  // A principal's grant to a jewel anyone can already reach adds no path.
  const access = accessEdges(facts, active, { jewels: crownJewels, admins, open: openToAnyone(entryPoints.edges) }, keys);
  // Last, so that with workers this thread joins them once its own steps are done; the graph
  // still adds technique edges after model invocation, as before.
  const techniques = step.draw(facts, active, scope, keys, { blocks: options.edgeBlocks !== false });

  const unique = new Map(entryPoints.entries.map((e) => [`${e.node}|${e.entryPoint}`, e]));
  const entries = [...unique.values()].sort((a, b) => compareStrings(a.node, b.node) || compareStrings(a.entryPoint, b.entryPoint));
  const workloadRoles = [...facts.workloads.values()].flatMap((list) => list.flatMap((w) => (w.role ? [{ workload: w.arn, kind: w.kind, role: w.role.arn }] : [])));
  const edges = [runsAs, taskSecrets, credentials, admin, clusterAdmin, invoke, techniques.edges, frontDoors.edges, ...entryPoints.edges, access];
  const holders = cardHolders(facts, { workloadRoles, edges: edges.filter((set) => set !== techniques.edges) });
  return {
    nodes: [...nodes, ...frontDoors.nodes, ...entryPoints.nodes],
    crownJewels,
    edges,
    blocks: techniques,
    keys,
    techniqueSlot: edges.indexOf(techniques.edges),
    entries,
    gaps: facts.gaps,
    notAnalyzed: facts.notAnalyzed,
    workloadRoles,
    toolInvokers: toolGrants(facts, admins, holders),
  };
}

/** Accesses anyone has without condition: first hops from `anonymous` into a resource, from the internet. */
function openToAnyone(sets: readonly EdgeSet[]): OpenAccess {
  const open = new Set<string>();
  for (const set of sets) {
    for (const [, { from, to, attrs }] of set) {
      // A hop of another class than its rule's (only inside a network) is not open to anyone.
      if (from !== nodeIds.anonymous || attrs.conditional || attrs.exposure !== undefined) continue;
      if (attrs.kind === 'data-access' && attrs.access) open.add(openAccessKey(to, attrs.access));
      if (attrs.kind === 'invoke') open.add(openAccessKey(to, 'invoke'));
    }
  }
  return open;
}

/**
 * The one place the graph is put together: nodes, the crown jewels' evidence, then every step's
 * edges in order. Each step's set is let go once its edges are in the graph (the graph shares
 * their attributes; the sets' maps and wrappers would otherwise live until the build returns).
 */
function assemble(parts: Derived): AttackGraph {
  const graph = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>();
  for (const [id, attrs] of parts.nodes) putNode(graph, id, attrs);
  parts.nodes = [];
  for (const jewel of parts.crownJewels.values()) putNode(graph, jewel.node, { ...graph.getNodeAttributes(jewel.node), sensitivity: jewel.rules });
  for (let i = 0; i < parts.edges.length; i++) {
    const set = parts.edges[i];
    parts.edges[i] = undefined;
    if (!set) continue;
    addEdges(graph, [set], parts.keys);
  }
  return graph;
}
