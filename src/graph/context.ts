/** State shared by the derivation steps of one graph build. */
import type { RuleSet } from '../rules/index.js';
import type { Inventory, LoadedSnapshot } from './inventory/index.js';
import type { AttackGraph } from './schema.js';

/** One graph build: the graph being filled, the inventory it is derived from, the rules. */
export interface BuildContext {
  graph: AttackGraph;
  inventory: Inventory;
  rules: RuleSet;
  input: LoadedSnapshot;
  /** Entry points found so far: nodes a path may start from, and by which rule. */
  entries: EntryRecord[];
  /** Principals whose policies allow everything: their same-account data access folds into admin. */
  admins: Set<string>;
}

/** A node a path may start from. For synthetic nodes only edges of that entry point count. */
export interface EntryRecord {
  node: string;
  entryPoint: string;
  /** True when the entry is assumed for lack of data (e.g. access keys not collected). */
  assumed?: boolean;
}
