/**
 * The credential an entry starts from, and how long one stolen copy of it keeps working: a
 * long-lived access key works until someone rotates it (its age says how long nobody has), a
 * role session for at most its role's MaxSessionDuration (1 hour unless raised), a public
 * front door needs no credential at all.
 */
import type { CredentialFacts } from './credentials.js';

/**
 * Kinds of credential an entry point hands the attacker. `static-secret`: a credential of
 * another system (a model provider's key, a password, a token) found in configuration; it
 * lives until its owner rotates it, and the snapshot cannot date it. `bedrock-api-key`: a user's
 * long-term Bedrock API key, valid for Bedrock only, until it expires (if it was given an
 * expiration) or is deleted.
 */
export const CREDENTIAL_KINDS = ['access-key', 'bedrock-api-key', 'static-secret', 'web-identity-session', 'role-session', 'none', 'unknown'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** The credential of an entry, with the facts that date it. */
export interface EntryCredential {
  kind: CredentialKind;
  /** For keys: the oldest active key's creation. */
  createdAt?: string;
  /** For keys: the most recent use of any active key; absent when never used or not collected. */
  lastUsedAt?: string;
  ageDays?: number;
  /** Days since last use (since creation for a key never used); absent when not collected. */
  unusedDays?: number;
  /** For Bedrock API keys: how many are active, and the latest expiry (absent when one never expires). */
  count?: number;
  expiresAt?: string;
  /** For sessions: the longest session the role allows, in hours. */
  sessionHours?: number;
  /** How long one stolen copy keeps working, in hours; absent when unknown. */
  windowHours?: number;
}

/** How an entry point hands over a credential: by rule id. */
const KIND_BY_ENTRY_POINT: Record<string, CredentialKind> = {
  'iam-user-access-key': 'access-key',
  'iam-user-bedrock-api-key': 'bedrock-api-key',
  'credential-in-configuration': 'access-key',
  'oidc-trust-without-subject': 'web-identity-session',
  'role-trusts-external-account': 'role-session',
  'role-trusts-anyone': 'role-session',
  'lambda-function-url-public': 'none',
  'resource-policy-public': 'none',
  // Writing an artifact from outside hands over no credential of the victim's.
  'artifact-writable-from-outside': 'none',
};

/** AssumeRole and AssumeRoleWithWebIdentity default to, and roles allow unless raised, one hour. */
const DEFAULT_SESSION_SECONDS = 3600;
/** Node ids of credentials found in configuration (src/graph/facts/credentials.ts). */
const CREDENTIAL_NODE_PREFIX = 'credential:';
const HOUR = 3600_000;

const hoursBetween = (from: string, to: string) => Math.max(0, (Date.parse(to) - Date.parse(from)) / HOUR);

/**
 * The credential of an entry. `keyHolder` is the user whose key is the credential (the entry
 * itself, or the user a workload's configuration holds a key of); `sessionRole` the role the
 * first hop assumes.
 */
export function entryCredential(facts: CredentialFacts, entryPoint: string, holders: { keyHolder?: string; sessionRole?: string }): EntryCredential {
  // A workload's configuration may hold a credential of another system: its own node, no key facts.
  if (holders.keyHolder?.startsWith(CREDENTIAL_NODE_PREFIX)) return { kind: 'static-secret' };
  const kind = KIND_BY_ENTRY_POINT[entryPoint] ?? 'unknown';
  if (kind === 'access-key') {
    const keys = (holders.keyHolder ? facts.keysByUser.get(holders.keyHolder) : undefined)?.filter((k) => k.active) ?? [];
    const created = keys.flatMap((k) => (k.createdAt ? [k.createdAt] : [])).sort()[0];
    const used = keys.flatMap((k) => (k.lastUsedAt ? [k.lastUsedAt] : [])).sort().at(-1);
    if (!created) return { kind };
    const window = hoursBetween(created, facts.collectedAt);
    const lastUseKnown = keys.length > 0 && keys.every((k) => k.lastUseKnown);
    return {
      kind,
      createdAt: created,
      ...(used ? { lastUsedAt: used } : {}),
      ageDays: Math.floor(window / 24),
      ...(lastUseKnown ? { unusedDays: Math.floor(hoursBetween(used ?? created, facts.collectedAt) / 24) } : {}),
      windowHours: Math.round(window),
    };
  }
  if (kind === 'bedrock-api-key') return bedrockKeyCredential(facts, holders.keyHolder);
  if (kind === 'web-identity-session' || kind === 'role-session') {
    const seconds = (holders.sessionRole ? facts.maxSessionByRole.get(holders.sessionRole) : undefined) ?? DEFAULT_SESSION_SECONDS;
    return { kind, sessionHours: seconds / 3600, windowHours: seconds / 3600 };
  }
  return { kind };
}

/**
 * A user's active long-term Bedrock API keys as one credential: dated by the oldest, valid until
 * the latest expiry or, when one never expires, until someone deletes it. IAM keeps no last use
 * for service-specific credentials, so `unusedDays` is never set.
 */
export function bedrockKeyCredential(facts: CredentialFacts, user: string | undefined): EntryCredential {
  const keys = (user ? facts.bedrockKeysByUser.get(user) : undefined)?.filter((k) => k.active) ?? [];
  const created = keys.flatMap((k) => (k.createdAt ? [k.createdAt] : [])).sort()[0];
  const expiries = keys.map((k) => k.expiresAt);
  const expiresAt = expiries.every((e) => e !== undefined) ? expiries.sort().at(-1) : undefined;
  if (!created) return { kind: 'bedrock-api-key', count: keys.length, ...(expiresAt ? { expiresAt } : {}) };
  const window = hoursBetween(created, facts.collectedAt);
  return { kind: 'bedrock-api-key', count: keys.length, createdAt: created, ageDays: Math.floor(window / 24), ...(expiresAt ? { expiresAt } : {}), windowHours: Math.round(window) };
}
