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

/** What a check returns before the rule's id, title and severity are attached. */
export type PostureHit = Pick<PostureFinding, 'accountId' | 'subject' | 'evidence' | 'findings'>;

/** One posture check: pure, over its input. */
export type PostureCheckFn = (input: PostureInput) => PostureHit[];
