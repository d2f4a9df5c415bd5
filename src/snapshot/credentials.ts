/**
 * Recognizes credential-looking configuration values and turns them into redaction markers,
 * so no secret value travels past the snapshot stage. A marker keeps what analysis needs (the
 * kind, a fingerprint to correlate repeats, the access key id for mapping a key to its user)
 * and nothing that would let a reader use the credential.
 */
import { shortHash } from '../core/hash.js';
import {
  ACCESS_KEY_ID_IN_TEXT,
  CREDENTIAL_KINDS,
  PRIVATE_KEY_HEADER,
  SECRET_KEY_SHAPE,
  TOKEN_PATTERNS,
  TOKEN_PREFIX,
  URL_PASSWORD,
  isAwsSecretName,
  isInert,
  isPlaceholderPassword,
  isReference,
  isSecretName,
  looksRandom,
  unquote,
  type CredentialKind,
} from './credential-patterns.js';

export { CREDENTIAL_KINDS, type CredentialKind } from './credential-patterns.js';

/** ACCESS_KEY_ID_IN_TEXT without the global flag: exec keeps no position, so one object serves every value. */
const FIRST_ACCESS_KEY_ID = new RegExp(ACCESS_KEY_ID_IN_TEXT.source);

/** What is known about one credential value without keeping the value. */
export interface CredentialMatch {
  kind: CredentialKind;
  /** `sha256:` + the first 12 hex digits of SHA-256 over the value: equal values, equal fingerprints. */
  fingerprint: string;
  /** The id itself, for `aws-access-key-id` only: AWS treats it as an identifier, not a secret. */
  accessKeyId?: string;
}

/** A redaction marker read back from text: the masked id replaces the id, which a marker never holds. */
export interface ParsedMarker {
  kind: CredentialKind;
  fingerprint: string;
  /** `AKIA…WXYZ`, for access key id markers. */
  maskedAccessKeyId?: string;
}

/** Options for detectCredential. */
export interface DetectOptions {
  /** The same configuration block holds an access key id, so a 40-character sibling is its secret. */
  pairedWithAccessKeyId?: boolean;
  /** What variable names say, remembered over many values (one redaction run). */
  names?: NameReadings;
}

/**
 * What variable names say (isSecretName, isAwsSecretName), each name read once. A snapshot
 * repeats a few hundred variable names over hundreds of thousands of values, and reading a name
 * splits it into words with regular expressions. Lives as long as one redaction run.
 */
export class NameReadings {
  private readonly secret = new Map<string, boolean>();
  private readonly awsSecret = new Map<string, boolean>();

  isSecret(name: string): boolean {
    let reading = this.secret.get(name);
    if (reading === undefined) this.secret.set(name, (reading = isSecretName(name)));
    return reading;
  }

  isAwsSecret(name: string): boolean {
    let reading = this.awsSecret.get(name);
    if (reading === undefined) this.awsSecret.set(name, (reading = isAwsSecretName(name)));
    return reading;
  }
}

/** The fingerprint of a value: `sha256:` and 12 hex digits. */
export function fingerprint(value: string): string {
  return `sha256:${shortHash(value, 12)}`;
}

/** `AKIAIOSFODNN7EXAMPLE` -> `AKIA…MPLE`: enough to recognize a key, not enough to use one. */
export function maskAccessKeyId(id: string): string {
  return `${id.slice(0, 4)}…${id.slice(-4)}`;
}

/**
 * Classifies one configuration value; undefined when it does not look like a credential.
 * `name` is the variable (or hyperparameter) name, which decides the name-driven kinds.
 */
export function detectCredential(name: string, value: string, options: DetectOptions = {}): CredentialMatch | undefined {
  const bare = unquote(value);
  if (parseMarker(bare)) return undefined;
  // An id inside a longer value (`AKIA...:<secret>`) still names the key, so the graph can map it.
  const accessKeyId = FIRST_ACCESS_KEY_ID.exec(bare)?.[0];
  if (accessKeyId !== undefined && !PRIVATE_KEY_HEADER.test(bare)) {
    return { kind: 'aws-access-key-id', fingerprint: fingerprint(value), accessKeyId };
  }
  const kind = classify(name, bare, options);
  return kind === undefined ? undefined : { kind, fingerprint: fingerprint(value) };
}

function classify(name: string, bare: string, options: DetectOptions): CredentialKind | undefined {
  if (PRIVATE_KEY_HEADER.test(bare)) return 'private-key';
  if (TOKEN_PREFIX.test(bare)) {
    for (const pattern of TOKEN_PATTERNS) {
      const found = bare.match(pattern.regex);
      if (found?.some(pattern.plausible)) return pattern.kind;
    }
  }
  // Cheap tests first: every configuration value of a snapshot comes through here.
  if (bare.includes('://') && [...bare.matchAll(URL_PASSWORD)].some((m) => !isPlaceholderPassword(m[2]!))) return 'url-password';
  const { names } = options;
  if (isSecretKeyShaped(bare) && (options.pairedWithAccessKeyId || (names ? names.isAwsSecret(name) : isAwsSecretName(name)))) return 'aws-secret-access-key';
  if (bare.length >= 8 && (names ? names.isSecret(name) : isSecretName(name)) && !isReference(bare) && !isInert(bare)) return 'generic-secret';
  return undefined;
}

/** 40 base64 characters that are random-looking and not a hex digest (git SHA-1s are 40 hex). */
export function isSecretKeyShaped(text: string): boolean {
  return SECRET_KEY_SHAPE.test(text) && !/^[0-9a-fA-F]+$/.test(text) && looksRandom(text);
}

/** The marker that replaces a credential value, e.g. `<redacted:openai-api-key sha256:1a2b3c4d5e6f>`. */
export function credentialMarker(match: CredentialMatch): string {
  const id = match.accessKeyId === undefined ? '' : ` ${maskAccessKeyId(match.accessKeyId)}`;
  return `<redacted:${match.kind}${id} ${match.fingerprint}>`;
}

const MARKER = /^<redacted:([a-z0-9-]+)(?: ([A-Z0-9]{4}(?:…|\.\.\.)[A-Z0-9]{4}))? (sha256:[0-9a-f]{12})>$/;
const KINDS: ReadonlySet<string> = new Set(CREDENTIAL_KINDS);

/** Reads a marker back (a collector may have redacted at source); undefined for anything else. */
export function parseMarker(text: string): ParsedMarker | undefined {
  const m = MARKER.exec(text.trim());
  if (!m || !KINDS.has(m[1]!)) return undefined;
  const parsed: ParsedMarker = { kind: m[1] as CredentialKind, fingerprint: m[3]! };
  if (m[2] !== undefined) parsed.maskedAccessKeyId = m[2].replace('...', '…');
  return parsed;
}

/** The value to store in place of `value`: its marker when it looks like a credential, else itself. */
export function redactValue(name: string, value: string, options: DetectOptions = {}): string {
  const match = detectCredential(name, value, options);
  return match ? credentialMarker(match) : value;
}
