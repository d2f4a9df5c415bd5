/**
 * Posture findings: weaknesses that are no path by themselves but change what paths mean,
 * each declared by a rule in rules/posture/ whose `check` names its module here. The registry
 * is typed by the rules' check names, so a rule without a check (or the reverse) fails tsc.
 */
import { compareStrings, shortHash, stableStringify } from '../core/hash.js';
import type { IdentityCard, PostureFinding } from '../analyze/finding.js';
import type { PostureCheck, RuleSet } from '../rules/index.js';
import { bedrockInvocationLoggingOff } from './checks/bedrock-invocation-logging-off.js';
import { identityModelDataTools } from './checks/identity-model-data-tools.js';
import { longLivedBedrockApiKey } from './checks/long-lived-bedrock-api-key.js';
import { sharedExecutionRole } from './checks/shared-execution-role.js';
import { standingCredentialForWorkload } from './checks/standing-credential-for-workload.js';
import { unusedAccessKey } from './checks/unused-access-key.js';
import type { PostureCheckFn, PostureInput } from './finding.js';

export type { PostureInput } from './finding.js';
export type { PostureFinding };

/** Every posture check, by the name rules use. */
export const POSTURE_CHECK_REGISTRY = {
  'bedrock-invocation-logging-off': bedrockInvocationLoggingOff,
  'identity-model-data-tools': identityModelDataTools,
  'long-lived-bedrock-api-key': longLivedBedrockApiKey,
  'shared-execution-role': sharedExecutionRole,
  'standing-credential-for-workload': standingCredentialForWorkload,
  'unused-access-key': unusedAccessKey,
} satisfies Record<PostureCheck, PostureCheckFn>;

/** Runs the checks of every posture rule that is not deprecated; sorted by rule, account, subject. */
export function checkPosture(rules: RuleSet, input: PostureInput): PostureFinding[] {
  const found: PostureFinding[] = [];
  for (const rule of rules.posture) {
    if (rule.deprecated) continue;
    for (const { change, ...hit } of POSTURE_CHECK_REGISTRY[rule.check](input)) {
      const remediation = `${change} ${rule.remediation}`;
      found.push({ id: `pf-${shortHash(stableStringify([rule.id, hit.accountId, hit.subject]))}`, rule: rule.id, title: rule.title, severity: rule.severity, ...hit, remediation });
    }
  }
  return found.sort((a, b) => compareStrings(a.rule, b.rule) || compareStrings(a.accountId, b.accountId) || compareStrings(a.subject, b.subject));
}

/** The cards with the ids of the posture findings whose subject each card's identity is. */
export function withPosture(cards: readonly IdentityCard[], posture: readonly PostureFinding[]): IdentityCard[] {
  const bySubject = new Map<string, string[]>();
  for (const p of posture) bySubject.set(p.subject, [...(bySubject.get(p.subject) ?? []), p.id]);
  return cards.map((card) => ({ ...card, posture: [...(bySubject.get(card.id) ?? [])].sort(compareStrings) }));
}
