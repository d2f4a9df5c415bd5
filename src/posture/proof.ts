/**
 * The proof of a posture rule, as for techniques and entry points (src/graph/proof.ts): the
 * vulnerable snapshot raises the rule's posture finding, the safe twin does not. Used by
 * `blastpath rules test` and test/rules/posture.test.ts.
 */
import { analyze } from '../analyze/index.js';
import { buildFixture, type ProofFixtures, type ProofResult } from '../graph/proof.js';
import type { LoadedSnapshot } from '../graph/index.js';
import { readCredentialFacts } from '../identity/index.js';
import { readLoggingFacts, trailsCollected } from '../logging/index.js';
import type { PostureRule, RuleSet } from '../rules/index.js';
import { checkPosture } from './index.js';

/** The posture findings of one rule on one fixture, as the pipeline would raise them. */
export function postureFindingsOf(loaded: LoadedSnapshot, rules: RuleSet, rule: PostureRule) {
  const built = buildFixture(loaded, rules);
  const logging = readLoggingFacts(loaded.snapshot);
  const { findings, identities } = analyze(built, rules, { ...(trailsCollected(logging) ? { logging } : {}), credentials: readCredentialFacts(loaded.snapshot) });
  return checkPosture({ ...rules, posture: [rule] }, { built, logging, findings, identities: identities ?? [] });
}

/** Checks one posture rule against its fixture pair. */
export function provePosture(rule: PostureRule, rules: RuleSet, pair: ProofFixtures): ProofResult {
  const problems: string[] = [];
  if (!rule.deprecated && postureFindingsOf(pair.vulnerable, rules, rule).length === 0) problems.push('the vulnerable snapshot raises no posture finding of the rule');
  const safe = postureFindingsOf(pair.safe, rules, rule);
  if (safe.length) problems.push(`the safe snapshot still raises it (${safe.map((p) => `${p.accountId} ${p.subject}`).join(', ')})`);
  return { id: rule.id, problems };
}
