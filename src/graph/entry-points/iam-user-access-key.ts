/** Users with an active long-lived access key; every user when keys were not collected (assumed). */
import { detection, type Detector } from './detector.js';

/** The users' entries; no outsider node: the entry is the user. */
export const iamUserAccessKey: Detector = (scope, rule) => {
  const found = detection(scope);
  const withKeys = new Set(scope.facts.iam.activeKeys.values());
  for (const principal of scope.facts.principals) {
    if (principal.kind !== 'user') continue;
    const keysKnown = scope.facts.accounts.get(principal.accountId)?.accessKeysKnown ?? false;
    if (withKeys.has(principal.arn)) found.entries.push({ node: principal.arn, entryPoint: rule.id });
    else if (!keysKnown) found.entries.push({ node: principal.arn, entryPoint: rule.id, assumed: true });
  }
  return found;
};
