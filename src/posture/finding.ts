/** What a posture check reports, and what it is given. */
import type { Finding, IdentityCard, PostureFinding } from '../analyze/finding.js';
import type { BuiltGraph } from '../graph/index.js';
import type { LoggingFacts } from '../logging/index.js';

export type { PostureFinding } from '../analyze/finding.js';

/** What a check reads: the graph, what the accounts record, the findings to join and the identity cards. */
export interface PostureInput {
  built: BuiltGraph;
  logging: LoggingFacts;
  findings: readonly Finding[];
  identities: readonly IdentityCard[];
}

/**
 * What a check returns before the rule's id, title and severity are attached: with the named
 * change and its words, to which the rule's general remediation is appended.
 */
export type PostureHit = Pick<PostureFinding, 'accountId' | 'subject' | 'evidence' | 'findings' | 'fix'> & { change: string };

/** What people call a node: its graph label, else the last segment of its ARN. */
export function nameOf(input: Pick<PostureInput, 'built'>, id: string): string {
  if (input.built.graph.hasNode(id)) return input.built.graph.getNodeAttribute(id, 'label');
  return id.includes('/') ? id.slice(id.lastIndexOf('/') + 1) : id.slice(id.lastIndexOf(':') + 1);
}

/** How many names a sentence spells out; the structured `fix` keeps every one. */
export const NAME_LIST_MAX = 6;

/**
 * Names as a list in backticks: `a`, `b` and `c`; past NAME_LIST_MAX, the first ones and how many
 * more (a remediation naming 57 training jobs is read by nobody; the fix lists them all).
 */
export function nameList(names: readonly string[], count = names.length): string {
  const quoted = names.slice(0, NAME_LIST_MAX).map((n) => `\`${n}\``);
  const more = count - quoted.length;
  if (more > 0) return `${quoted.join(', ')} and ${more} more`;
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

/**
 * nameList of the nodes `ids`: only the names the sentence spells out are looked up (a role that
 * thousands of workloads share was one node lookup per workload for six names).
 */
export function nodeNames(input: Pick<PostureInput, 'built'>, ids: readonly string[]): string {
  return nameList(ids.slice(0, NAME_LIST_MAX).map((id) => nameOf(input, id)), ids.length);
}

/** One posture check: pure, over its input. */
export type PostureCheckFn = (input: PostureInput) => PostureHit[];
