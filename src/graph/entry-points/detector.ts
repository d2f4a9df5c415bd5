/**
 * The contract of an entry-point detector: given the facts of one build and its rule, find where
 * an outside attacker gets a foothold. A detector returns the entries the path search starts
 * from and, for entries that stand for someone outside the snapshot (the internet, any AWS
 * principal, an outside account, an OIDC issuer), the outsider's node and the first hops that
 * prove the entry. Every entry and first hop carries the rule's id.
 */
import type { CompiledPolicy } from '../../iam/index.js';
import type { EdgeKind } from '../../kinds.js';
import type { EntryPointRule, RuleSet } from '../../rules/index.js';
import { EdgeSet, type NodeSpec, type ProvenanceKeys } from '../edges.js';
import type { Facts } from '../facts/index.js';
import type { KubernetesBindings } from '../kubernetes/index.js';
import type { CrownJewel } from '../sensitivity.js';

/** A node a path may start from. For outsider nodes only edges of that entry point count. */
export interface EntryRecord {
  node: string;
  entryPoint: string;
  /** True when the entry is assumed for lack of data (e.g. access keys not collected). */
  assumed?: boolean;
  /**
   * The only kind of edge a path may leave the entry by. A workload that is an entry because its
   * configuration holds a credential hands over that credential, not the role it runs as.
   */
  firstHop?: EdgeKind;
  /** The only node the first hop may reach: a Bedrock API key authenticates to Bedrock alone. */
  firstHopTo?: string;
  /**
   * The exposure class of an entry that is not an outsider, when the detector gives it another
   * class than its rule's `exposure` (an outsider's first hops carry theirs).
   */
  exposure?: string;
}

/** What every detector of one build may read. */
export interface EntryScope {
  facts: Facts;
  rules: RuleSet;
  jewels: ReadonlyMap<string, CrownJewel>;
  /** ARNs the user declares compromised (`--from`). */
  whatIf: readonly string[];
  /** The attacker's identity policies: its own account lets it call anything (outsider.ts). */
  outsider: CompiledPolicy[];
  /** The roles clusters' service accounts and nodes run as, decided once per build (kubernetes/). */
  kubernetes: KubernetesBindings;
  keys: ProvenanceKeys;
}

/** What one detector found. */
export interface Detection {
  entries: EntryRecord[];
  /** Outsiders' nodes the first hops start from. */
  nodes: NodeSpec[];
  edges: EdgeSet;
}

/** One detector: the entries of `rule` in the facts. */
export type Detector = (scope: EntryScope, rule: EntryPointRule) => Detection;

/** An empty detection to fill. */
export function detection(scope: EntryScope): Detection {
  return { entries: [], nodes: [], edges: new EdgeSet(scope.keys) };
}
