/**
 * Stage 3: snapshot -> typed attack graph. Builds the inventory, marks crown jewels, then
 * derives every edge (configuration, trust, techniques, data access, entry points) with the
 * IAM evaluator. Reads only the snapshot, the rules and the evaluator.
 */
import { MultiDirectedGraph } from 'graphology';
import { compareStrings } from '../core/hash.js';
import type { CoverageGap } from '../analyze/finding.js';
import type { RuleSet } from '../rules/index.js';
import { addAccessEdges } from './access.js';
import { addAdminEdges } from './admin.js';
import type { BuildContext, EntryRecord } from './context.js';
import { detectEntryPoints, type EntryOptions } from './entry-points/index.js';
import { buildInventory, type LoadedSnapshot } from './inventory/index.js';
import { addInventoryNodes } from './nodes.js';
import type { AttackGraph, EdgeAttrs, NodeAttrs } from './schema.js';
import { findCrownJewels, type CrownJewel } from './sensitivity.js';
import { addTechniqueEdges, prepareTechniques, withoutDerivedTechniques } from './techniques/index.js';
import { addAssumeEdges } from './trust.js';
import { addCredentialEdges, addRunsAsEdges } from './workloads.js';

export * from './schema.js';
export type { EntryRecord } from './context.js';
export type { CrownJewel, ImpactAccess } from './sensitivity.js';
export type { LoadedSnapshot } from './inventory/index.js';

/** The graph and what the search needs to know about it. */
export interface BuiltGraph {
  graph: AttackGraph;
  entries: EntryRecord[];
  crownJewels: Map<string, CrownJewel>;
  /** Gaps found while building (e.g. a managed policy missing from the input). */
  gaps: CoverageGap[];
}

/** Builds the attack graph of a loaded snapshot. */
export function buildGraph(input: LoadedSnapshot, rules: RuleSet, options: EntryOptions & { derived?: boolean; at?: string } = {}): BuiltGraph {
  const ctx: BuildContext = {
    graph: new MultiDirectedGraph<NodeAttrs, EdgeAttrs>(),
    inventory: buildInventory(input, options.at ? { at: options.at } : {}),
    // `--no-derived`: techniques no public research demonstrates yet draw no edge.
    rules: options.derived === false ? withoutDerivedTechniques(rules) : rules,
    input,
    entries: [],
    admins: new Set(),
  };
  addInventoryNodes(ctx);
  prepareTechniques(ctx);
  const crownJewels = findCrownJewels(ctx);
  addRunsAsEdges(ctx);
  addCredentialEdges(ctx);
  addAdminEdges(ctx);
  addAssumeEdges(ctx);
  addTechniqueEdges(ctx);
  // Entry points before data access: a principal's grant to a jewel anyone can already reach
  // adds no path, so access edges skip what the anonymous entry already covers.
  detectEntryPoints(ctx, crownJewels, options);
  addAccessEdges(ctx, crownJewels);

  const unique = new Map(ctx.entries.map((e) => [`${e.node}|${e.entryPoint}`, e]));
  const entries = [...unique.values()].sort((a, b) => compareStrings(a.node, b.node) || compareStrings(a.entryPoint, b.entryPoint));
  return { graph: ctx.graph, entries, crownJewels, gaps: ctx.inventory.gaps };
}
