/**
 * The causal diff between two runs: which attack paths opened, closed or changed route, and
 * for each opened path the change that opened it, named by policy and statement.
 */
import type { Finding, Severity } from '../../analyze/finding.js';
import type { EdgeKind, Provenance } from '../../graph/schema.js';

/** A hop by its ends, kind and capability (access level, technique or entry point). */
export interface HopRef {
  from: string;
  to: string;
  kind: EdgeKind;
  capability?: string;
}

/**
 * What one side of a diff knows. `graph`: the side was analyzed from a snapshot, so every
 * statement, attachment and edge of the account is known. `report`: the side is a JSON report,
 * so only what lies on its findings' paths is known.
 */
export interface DiffSide {
  source: string;
  basis: 'graph' | 'report';
  findings: Finding[];
  /** Identity (see hopIdentity) of every known hop, as canonical JSON. */
  hopIdentities: Set<string>;
  /** Node ids known to exist. */
  nodes: Set<string>;
  /** Policy id -> Sids and content hashes of its statements. */
  statements: Map<string, { sids: Set<string>; hashes: Set<string> }>;
  /** `policy#field` of every configuration link known. */
  fields: Set<string>;
  /** Principal ARN -> ids of the identity and boundary policies attached to it. */
  attachments: Map<string, Set<string>>;
  /** `node|entryPoint` of every entry; complete only for a graph side. */
  entries: Set<string>;
  /** Node ids of every crown jewel; complete only for a graph side. */
  crownJewels: Set<string>;
}

/** The kinds of change that open a path. */
export const CHANGE_KINDS = [
  'statement-added', // a statement that was not in the policy
  'statement-widened', // a statement with the same Sid whose content changed
  'policy-added', // a policy that did not exist (new inline or managed policy, new resource policy)
  'policy-attached', // an existing policy newly attached to the principal
  'trust-policy-changed', // a role's trust policy now admits the caller
  'endpoint-exposed', // a workload or resource newly reachable from outside (function URL, public statement)
  'configuration-changed', // a configuration field links anew (execution role, credential in an environment)
  'node-added', // a principal, workload or resource that did not exist
  'entry-added', // the path's start became an entry point (an active access key, a credential in configuration)
  'crown-jewel-added', // the target became a crown jewel (a sensitivity tag, a new use as training data)
  'unblocked', // every granting statement existed: a deny, boundary, SCP or condition stopped blocking
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** One change that opened a hop of a path. */
export interface Cause {
  kind: ChangeKind;
  /** The hop the change opened; absent for entry-added and crown-jewel-added, which concern a node. */
  hop?: HopRef;
  policy?: string;
  policyKind?: Provenance['policyKind'];
  sid?: string;
  statementHash?: string;
  statementIndex?: number;
  field?: string;
  /** For `policy-attached`: the principal the policy is now attached to. Otherwise the node added or changed. */
  node?: string;
  /** For `entry-added`: the entry-point rule id. */
  entryPoint?: string;
}

/** A path that exists in the new side only, or whose route changed, with what opened it. */
export interface OpenedPath {
  finding: Finding;
  /** For a changed route: the id the same entry, target and impact had before. */
  previousId?: string;
  causes: Cause[];
}

/** A path on both sides (same id, or same ticket key by another route) whose severity rose. */
export interface WorsenedPath {
  finding: Finding;
  previousId: string;
  previousSeverity: Severity;
  previousScore: number;
}

/** The whole diff. */
export interface PathDiff {
  old: { source: string; basis: DiffSide['basis']; findings: number };
  new: { source: string; basis: DiffSide['basis']; findings: number };
  opened: OpenedPath[];
  /** Same entry, target and impact on both sides, by a different route. */
  changed: OpenedPath[];
  closed: Finding[];
  unchanged: number;
  /** Paths present before whose severity rose, changed route or not; `--fail-on` counts them like opened ones. */
  worsened: WorsenedPath[];
}
