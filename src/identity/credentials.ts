/**
 * Credential facts the graph does not carry: each user's access keys with their creation and
 * last use (ListAccessKeys, GetAccessKeyLastUsed), its long-term Bedrock API keys with their
 * creation and expiry (ListServiceSpecificCredentials), each role's longest session
 * (`MaxSessionDuration`, present in ListRoles/GetRole answers and kept when an input has it),
 * and when the snapshot was taken, so ages are measured against the data, never the clock.
 */
import type { Snapshot } from '../snapshot/index.js';

/** The service name of long-term Bedrock API keys among a user's service-specific credentials. */
export const BEDROCK_SERVICE = 'bedrock.amazonaws.com';

/** One access key, as the facts need it. */
export interface AccessKeyFacts {
  active: boolean;
  createdAt?: string;
  /** Absent when never used (`N/A`) or when last use was not collected. */
  lastUsedAt?: string;
  /** True when GetAccessKeyLastUsed was answered (a key never used is then known as such). */
  lastUseKnown: boolean;
}

/** One long-term Bedrock API key (an IAM service-specific credential for bedrock.amazonaws.com). */
export interface BedrockKeyFacts {
  id: string;
  /** Status `Active` and not past its expiration at collection time. */
  active: boolean;
  createdAt?: string;
  /** Absent when the key never expires. */
  expiresAt?: string;
}

/** Credential facts of a snapshot. */
export interface CredentialFacts {
  collectedAt: string;
  keysByUser: Map<string, AccessKeyFacts[]>;
  /** User ARN -> its long-term Bedrock API keys (ListServiceSpecificCredentials); IAM records no last use for them. */
  bedrockKeysByUser: Map<string, BedrockKeyFacts[]>;
  /** Role ARN -> MaxSessionDuration in seconds, where the input has it. */
  maxSessionByRole: Map<string, number>;
}

/** Reads the credential facts of a snapshot. */
export function readCredentialFacts(snapshot: Snapshot): CredentialFacts {
  const keysByUser = new Map<string, AccessKeyFacts[]>();
  const bedrockKeysByUser = new Map<string, BedrockKeyFacts[]>();
  const maxSessionByRole = new Map<string, number>();
  for (const account of snapshot.accounts) {
    const details = account.iam?.AuthorizationDetails;
    const userArn = new Map((details?.UserDetailList ?? []).map((u) => [u.UserName, u.Arn]));
    for (const key of account.iam?.AccessKeyMetadata ?? []) {
      const arn = userArn.get(key.UserName);
      if (!arn) continue;
      const used = key.AccessKeyLastUsed?.LastUsedDate;
      const facts: AccessKeyFacts = {
        active: key.Status === 'Active',
        ...(key.CreateDate ? { createdAt: key.CreateDate } : {}),
        ...(used ? { lastUsedAt: used } : {}),
        lastUseKnown: key.AccessKeyLastUsed !== undefined,
      };
      keysByUser.set(arn, [...(keysByUser.get(arn) ?? []), facts]);
    }
    for (const key of account.iam?.ServiceSpecificCredentials ?? []) {
      const arn = userArn.get(key.UserName);
      if (!arn || key.ServiceName !== BEDROCK_SERVICE) continue;
      const expired = key.ExpirationDate !== undefined && Date.parse(key.ExpirationDate) <= Date.parse(snapshot.collectedAt);
      const facts: BedrockKeyFacts = {
        id: key.ServiceSpecificCredentialId,
        active: key.Status === 'Active' && !expired,
        ...(key.CreateDate ? { createdAt: key.CreateDate } : {}),
        ...(key.ExpirationDate ? { expiresAt: key.ExpirationDate } : {}),
      };
      bedrockKeysByUser.set(arn, [...(bedrockKeysByUser.get(arn) ?? []), facts]);
    }
    for (const role of details?.RoleDetailList ?? []) {
      const seconds = (role as { MaxSessionDuration?: unknown }).MaxSessionDuration;
      if (typeof seconds === 'number' && seconds > 0) maxSessionByRole.set(role.Arn, seconds);
    }
  }
  return { collectedAt: snapshot.collectedAt, keysByUser, bedrockKeysByUser, maxSessionByRole };
}
