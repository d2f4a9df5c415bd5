/**
 * Users with an active long-term Amazon Bedrock API key (an IAM service-specific credential for
 * bedrock.amazonaws.com). The key is long-lived like an access key, but it authenticates to
 * Bedrock only: its paths leave by the user's invoke edge into the account's foundation models
 * and nowhere else, whatever else the user may do with an access key.
 */
import { nodeIds } from '../schema.js';
import { detection, type Detector } from './detector.js';

/** The users' entries; no outsider node: the entry is the user, held to its Bedrock invocation. */
export const iamUserBedrockApiKey: Detector = (scope, rule) => {
  const found = detection(scope);
  for (const principal of scope.facts.principals) {
    if (principal.kind !== 'user' || !scope.facts.iam.bedrockKeyUsers.has(principal.arn)) continue;
    found.entries.push({ node: principal.arn, entryPoint: rule.id, firstHop: 'invoke', firstHopTo: nodeIds.foundationModels(principal.accountId) });
  }
  return found;
};
