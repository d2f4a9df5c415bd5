/**
 * The attack graph's types: node and edge attributes, provenance, synthetic node ids. The kinds
 * themselves are declared once in src/kinds.ts and re-exported here.
 */
import type { MultiDirectedGraph } from 'graphology';
import type { DataAccess, EdgeKind, NodeKind } from '../kinds.js';

export { DATA_ACCESS_LEVELS, EDGE_KINDS, NODE_KIND_ROLES, NODE_KINDS, isOutsider, kindsOf, type DataAccess, type EdgeKind, type NodeKind, type NodeRole, type ResourceKind } from '../kinds.js';

/** One statement that makes an edge possible: which policy, which statement, what matched. */
export interface Provenance {
  /** Policy id, see PolicySource.id in src/iam/types.ts. */
  policy: string;
  policyKind: 'identity' | 'boundary' | 'resource' | 'trust' | 'scp' | 'configuration';
  statementIndex?: number;
  sid?: string;
  /** Content hash of the statement; stable when statements are reordered. */
  statementHash?: string;
  /** The action the statement was evaluated for. */
  action?: string;
  /** The resource it was evaluated on. */
  resource?: string;
  /** Condition keys this statement leaves unevaluated (the edge is then conditional). */
  conditionKeys: string[];
  /** For configuration-derived edges: the field that proves the link, e.g. `Role`. */
  field?: string;
}

/** Attributes of every node. Node ids are ARNs wherever AWS has one. */
export interface NodeAttrs {
  kind: NodeKind;
  /** Short human name: role name, bucket name, `internet`. */
  label: string;
  accountId?: string;
  region?: string;
  tags?: Record<string, string>;
  /** Ids of sensitivity rules this resource matched (crown-jewel evidence). */
  sensitivity?: string[];
  /** Plain-word facts that change how a path reads, e.g. `direct-internet-access`. */
  flags?: string[];
}

/** Attributes of every edge; everything a reporter needs to say why the hop exists. */
export interface EdgeAttrs {
  kind: EdgeKind;
  /** For data-access edges. */
  access?: DataAccess;
  /** For escalation and can-assume edges: the technique id from rules/techniques. */
  technique?: string;
  /** For exposure edges: the entry-point rule id from rules/entry-points. */
  entryPoint?: string;
  /**
   * For an outsider's first hop: the exposure class (scoring.yaml `exposureClasses`) the
   * detector gave this entry when it differs from its rule's `exposure`.
   */
  exposure?: string;
  /** Actions whose evaluation allowed this edge, sorted. */
  actions: string[];
  /** The statements and configuration fields behind the edge, sorted. */
  provenance: Provenance[];
  /** True when some required permission holds only under an unevaluated condition. */
  conditional: boolean;
  /** Per-edge confidence in (0, 1]: 1 for a deterministic IAM hop. */
  confidence: number;
  /** Open conditions when conditional, rendered like `IpAddress aws:SourceIp 10.0.0.0/8`. */
  residual?: string[];
  /** Extra structured facts: the environment variable of a credential, the passed service. */
  detail?: Record<string, string>;
}

/** The attack graph: a directed multigraph (several capabilities may join two nodes). */
export type AttackGraph = MultiDirectedGraph<NodeAttrs, EdgeAttrs>;

/** Synthetic node ids, documented in docs/graph.md. */
export const nodeIds = {
  internet: 'internet',
  anonymous: 'anonymous',
  admin: (accountId: string) => `admin:${accountId}`,
  foundationModels: (accountId: string) => `bedrock:${accountId}`,
  clusterAdmin: (clusterArn: string) => `eks-admin:${clusterArn}`,
  service: (name: string) => `service:${name}`,
} as const;
