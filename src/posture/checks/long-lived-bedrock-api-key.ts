/**
 * A user's long-term Amazon Bedrock API key that never expires, or has lived 90 days or more: a
 * standing bearer secret for model invocation where short-term keys (12 hours at most) or the
 * role of the workload that calls Bedrock would do. IAM records no last use for these keys, so
 * age and expiry are all there is to judge by. Read from the identity cards.
 */
import type { PostureCheckFn } from '../finding.js';
import { UNUSED_KEY_DAYS } from './unused-access-key.js';

export const longLivedBedrockApiKey: PostureCheckFn = ({ identities }) =>
  identities.flatMap((card) => {
    const keys = card.bedrockApiKeys;
    if (!keys || (keys.expiresAt !== undefined && (keys.ageDays ?? 0) < UNUSED_KEY_DAYS)) return [];
    const life = `${keys.ageDays ?? '?'} days old, ${keys.expiresAt ? `expires ${keys.expiresAt.slice(0, 10)}` : 'never expires'}`;
    return [
      {
        accountId: card.accountId ?? '',
        subject: card.id,
        evidence: { createdAt: keys.createdAt ? [keys.createdAt] : [], expiresAt: [keys.expiresAt ?? 'never'], ageDays: [String(keys.ageDays ?? '')] },
        findings: card.findings,
        fix: { action: 'replace-key' as const, target: card.id },
        change: `Replace the long-term Bedrock API key of user \`${card.label}\` (${life}) with short-term Bedrock API keys or the role of the workload that invokes models, then delete it.`,
      },
    ];
  });
