/**
 * What analysis hands to reporters and the gate: findings (one per entry, target and impact),
 * each with its best path and the factors of its score, plus the coverage gaps of the input.
 */
import type { DataAccess, EdgeKind, NodeKind, Provenance } from '../graph/schema.js';
import type { NotAnalyzed } from '../graph/facts/not-analyzed.js';

export type { NotAnalyzed } from '../graph/facts/not-analyzed.js';
import type { EntryCredential } from '../identity/index.js';
import type { HopRecord, PathLogging } from '../logging/index.js';
import type { CoverageRecord } from '../snapshot/index.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A node on a path, as reports show it. */
export interface PathNode {
  id: string;
  kind: NodeKind;
  label: string;
  accountId?: string;
  /** Region of a regional resource; absent for IAM principals, buckets without one and synthetic nodes. */
  region?: string;
  flags?: string[];
}

/** A hop on a path with everything that explains it. */
export interface PathEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  access?: DataAccess;
  technique?: string;
  entryPoint?: string;
  actions: string[];
  conditional: boolean;
  confidence: number;
  /** Open conditions when conditional, rendered like `IpAddress aws:SourceIp 10.0.0.0/8`. */
  residual?: string[];
  provenance: Provenance[];
  detail?: Record<string, string>;
  /** Whether the hop would leave a record (CloudTrail, Bedrock invocation logging); absent without logging facts. */
  record?: HopRecord;
}

/** The factors of `rawScore = impact × exposure × confidence × depth × blastRadius × credential`. */
export interface ScoreFactors {
  /** Impact weight of the target's impact class. */
  impact: number;
  /** Weight of the entry's exposure class (`entry.exposure`). */
  exposure: number;
  /** Product of the per-edge confidences on the path. */
  confidence: number;
  /** 0.97^(k-1) for k hops from the foothold, not counting the final access. */
  depth: number;
  /** 1 + 0.1 × log2(max(1, W)), W = `weightedRadius`. */
  blastRadius: number;
  /** N: the (crown jewel, impact) pairs the first pivot principal reaches. */
  reachableCrownJewels: number;
  /** W: those pairs weighed, each by its impact class weight / 100 × the sensitivity rule's confidence. */
  weightedRadius?: number;
  /** 1 + 0.05 × log10(days since the entry's long-lived key was created); 1 for other entries. */
  credential?: number;
}

/** A technique on a path and the framework ids it maps to (from its rule file). */
export interface TechniqueRef {
  id: string;
  attack: string[];
  owaspNhi: string[];
}

/** One chained attack path from an entry point to a crown jewel. */
export interface Finding {
  /** Stable fingerprint of entry, target, impact and the path's edge identities. */
  id: string;
  severity: Severity;
  /** 0-100, for display: round_half_up(min(100, rawScore)). */
  score: number;
  /** The unclipped product of the factors, rounded to 3 decimals: findings rank by it. Absent from older reports. */
  rawScore?: number;
  factors: ScoreFactors;
  entry: {
    node: string;
    label: string;
    kind: NodeKind;
    entryPoint: string;
    title: string;
    /** The entry's exposure class (rules/scoring.yaml `exposureClasses`), whose weight is `factors.exposure`. */
    exposure: string;
    /** True when the entry is assumed for lack of data (access keys not collected). */
    assumed?: boolean;
    /** The credential the entry hands over, with its age or session length. */
    credential?: EntryCredential;
    /**
     * Ticket-routing tags (owner, team, contact, ...; see OWNER_TAG_KEYS) of the entry node, or for a
     * synthetic entry (internet, anonymous, an outside account, an identity provider) of the node
     * it reaches first; absent when there are none.
     */
    ownerTags?: Record<string, string>;
  };
  target: {
    node: string;
    label: string;
    kind: NodeKind;
    impact: string;
    title: string;
    sensitivity: string[];
    /** Ticket-routing tags of the target; absent when it has none. */
    ownerTags?: Record<string, string>;
  };
  /** Nodes from entry to target; edges[i] joins nodes[i] and nodes[i+1]. */
  path: { nodes: PathNode[]; edges: PathEdge[] };
  /** Technique ids on the path, in path order, without repeats. */
  techniques: string[];
  /** The same techniques with their MITRE ATT&CK and OWASP NHI ids, for ticketing and reports. */
  techniqueRefs?: TechniqueRef[];
  /**
   * How many other distinct simple paths join the same entry and target within the depth cap,
   * counting up to the cap; a lower bound when alternativesCapped.
   */
  alternatives: number;
  /** True when counting stopped (at the cap or the edge budget) and more paths may exist. */
  alternativesCapped: boolean;
  /** Condition keys left open along the path; the path holds only if they can be satisfied. */
  residualConditions: string[];
  /** How visible the path is: `silent` when no call on it reaches a trail (docs/scoring.md, "Silent hops"). */
  logging?: PathLogging;
}

/**
 * A part of the account the input does not show: an API that failed or was not collected. The
 * snapshot's own coverage record (of an outcome other than `ok`), so every field a collector
 * records reaches the reports.
 */
export type CoverageGap = CoverageRecord;

/** Caps that bounded the search; reported so a cut never passes silently. */
export interface SearchLimits {
  maxDepth: number;
  alternativesCap: number;
  /**
   * Findings whose alternatives were cut: the count reached the cap, or the edge budget stopped
   * it (then also counted in findingsOutOfBudget).
   */
  alternativesCapped: number;
  /**
   * Findings whose alternatives counting stopped at the edge budget before the cap; their
   * `alternatives` are lower bounds. Absent when none did.
   */
  findingsOutOfBudget?: number;
  /** Edges one finding's count may examine; present with findingsOutOfBudget. */
  edgeBudget?: number;
  /** Edges all counts of the analysis may examine together; present with findingsOutOfBudget. */
  totalEdgeBudget?: number;
}

/** A statement or configuration field, named the way finding ids name it (never by position). */
export interface StatementIdentity {
  policy: string;
  policyKind: Provenance['policyKind'];
  sid?: string;
  statementHash?: string;
  field?: string;
}

/**
 * One ticket per root cause: the hop or statement that the most findings' paths pass through,
 * chosen by greedy set cover so each finding belongs to exactly one root cause.
 */
export interface RootCause {
  /** `rc-` and 16 hex characters: a hash of the hop's identity or of the statement. */
  id: string;
  kind: 'hop' | 'statement';
  /** For `hop`: the edge, with the statements and fields that grant it. */
  hop?: { from: string; to: string; kind: EdgeKind; access?: DataAccess; technique?: string; entryPoint?: string; provenance: StatementIdentity[] };
  /** For `statement`: the one statement that grants a hop on every path of the group. */
  statement?: StatementIdentity;
  /** Ids of the findings whose best path passes through it, sorted. */
  findings: string[];
  /** Highest severity among those findings. */
  severity: Severity;
  /** Findings of the group that have other paths: fixing this alone may leave them open. */
  withAlternatives: string[];
  /**
   * How many findings' best paths pass through this hop or statement, in any group: the paths
   * that fixing it closes. At least `findings.length`; absent from hand-built results.
   */
  pathsThrough?: number;
}

/**
 * One weakness of an identity, account or configuration (a rule in rules/posture/), joined to
 * the attack paths it concerns. Evidence is structured (lists of ids and Regions), never prose.
 */
export interface PostureFinding {
  /** `pf-` and 16 hex characters: a hash of the rule, the account and the subject. */
  id: string;
  rule: string;
  title: string;
  severity: Severity;
  accountId: string;
  /** The node or account the weakness belongs to (`bedrock:<account>`, a role ARN). */
  subject: string;
  /** Facts that prove it, by name: `regions`, `invokers`... each a sorted list. */
  evidence: Record<string, string[]>;
  /** Ids of the findings whose paths it concerns, sorted. */
  findings: string[];
  /** What to change, by name: the role to split, the workloads to separate, the key to replace and with what. */
  fix: PostureFix;
  /** The fix in words, the named change first, then the rule's general advice. */
  remediation: string;
}

/** The changes a posture finding asks for, declared once; reporters and tests read these, not the prose. */
export const POSTURE_FIX_ACTIONS = ['split-role', 'separate-workloads', 'replace-key', 'deactivate-key', 'enable-invocation-logging'] as const;
export type PostureFixAction = (typeof POSTURE_FIX_ACTIONS)[number];

/** A posture finding's named change: its action on `target` (a role, user or account), with what it needs. */
export interface PostureFix {
  action: PostureFixAction;
  /** The role to split or stop sharing, the user whose key goes, or the account whose logging to turn on. */
  target: string;
  /** The workloads to give roles of their own (split, separate), or those holding the key (replace). */
  workloads?: string[];
  /** Per capability class, what each new role keeps (split-role). */
  capabilities?: Partial<Record<IdentityCapability, string[]>>;
  /** The workload identities that replace the key: each holder's own role (replace-key). */
  replaceWith?: string[];
  /** Regions to turn logging on in (enable-invocation-logging). */
  regions?: string[];
}

/** Capability classes an identity may unlock: the separation workload-identity guidance asks for. */
export const IDENTITY_CAPABILITIES = ['model', 'data', 'tools', 'identity'] as const;
export type IdentityCapability = (typeof IDENTITY_CAPABILITIES)[number];

/**
 * A non-human identity's posture, joined to the paths: what it unlocks by class (model: invoke
 * models and endpoints; data: read or change crown jewels; tools: invoke functions, pass roles
 * into compute, run code; identity: IAM and STS changes, assuming roles), who shares it, the
 * credential that carries it, its blast radius, and the findings and posture findings about it.
 */
export interface IdentityCard {
  /** The principal's ARN. */
  id: string;
  label: string;
  kind: NodeKind;
  accountId?: string;
  /** Workloads that run as it (ARNs), any kind, with or without a node of their own. */
  workloads: string[];
  workloadKinds: string[];
  /** The classes it unlocks, in IDENTITY_CAPABILITIES order. */
  capabilities: IdentityCapability[];
  /** Per class, the nodes its own edges reach, sorted. */
  reaches: Record<IdentityCapability, string[]>;
  /** Its keys (age, last use) or the session its trust opens (length). */
  credential?: EntryCredential;
  /** A user's active long-term Bedrock API keys (count, age, expiry; IAM records no last use); absent when it has none. */
  bedrockApiKeys?: EntryCredential;
  /**
   * Who-did-what: of the hops out of it that are API calls, how many a logging trail records,
   * how many only the 90-day event history keeps, how many nothing records, how many are not
   * known; absent when the snapshot has no CloudTrail facts.
   */
  logging?: { recorded: number; eventHistoryOnly: number; unrecorded: number; unknown: number };
  /** Sensitivity-weighted blast radius, as findings use it for their first principal; measured for identities on some path (`blastpath radius <arn>` measures any). */
  radius?: { crownJewels: number; weighted: number };
  /** Ids of the findings whose paths start at or cross it, sorted. */
  findings: string[];
  /** Ids of the posture findings about it, sorted. */
  posture: string[];
}

/** Everything one analysis produced. */
export interface AnalysisResult {
  findings: Finding[];
  gaps: CoverageGap[];
  limits: SearchLimits;
  stats: { nodes: number; edges: number; entries: number; crownJewels: number };
  /** Findings grouped by choke point, one group per ticket; absent from hand-built results. */
  rootCauses?: RootCause[];
  /** Posture findings (rules/posture/); absent from hand-built results. */
  posture?: PostureFinding[];
  /** With `--from`: the principals declared compromised and the crown jewels they reach. */
  whatIf?: WhatIfSummary;
  /** Collected data no analysis reads, shown beside the coverage gaps; absent from hand-built results. */
  notAnalyzed?: NotAnalyzed[];
  /** Identity cards of the non-human identities; absent from hand-built results. */
  identities?: IdentityCard[];
}

/** One crown jewel the compromised principals reach, with its impacts and its best finding's severity and score. */
export interface WhatIfJewel {
  node: string;
  label: string;
  kind: NodeKind;
  impacts: string[];
  severity: Severity;
  score: number;
}

/** The principals declared compromised (`--from`) and every crown jewel their paths reach, best first. */
export interface WhatIfSummary {
  from: string[];
  reached: WhatIfJewel[];
}
