/**
 * The shapes of credential values and the naming habits of variables that hold them, shared by
 * configuration redaction (credentials.ts) and the output filter (redact-text.ts). Patterns
 * are deliberately strict about shape so ARNs, S3 keys, our own hashes and policy text pass.
 */

/** Kinds of credential blastpath recognizes; the kind appears in redaction markers. */
export const CREDENTIAL_KINDS = [
  'aws-access-key-id',
  'aws-secret-access-key',
  'openai-api-key',
  'anthropic-api-key',
  'huggingface-token',
  'github-token',
  'slack-token',
  'private-key',
  'url-password',
  'generic-secret',
] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** A whole value that is an AWS access key id (long-term `AKIA`, temporary `ASIA`). */
export const ACCESS_KEY_ID = /^(?:AKIA|ASIA)[A-Z0-9]{16}$/;

/** Access key ids inside text, not glued to more upper-case letters or digits. */
export const ACCESS_KEY_ID_IN_TEXT = /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g;

/** The header of a PEM private key (PKCS#8, RSA, EC, OpenSSH, PGP). */
export const PRIVATE_KEY_HEADER = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;

/** `scheme://user:password@`; group 1 is everything before the password, group 2 the password. */
export const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@"'<>]+:)([^\s/@"'<>]+)@/gi;

/** A value shaped like an AWS secret access key: exactly 40 characters of base64's alphabet. */
export const SECRET_KEY_SHAPE = /^[A-Za-z0-9/+]{40}$/;

/** A provider token recognized by its prefix; `plausible` rejects look-alike words. */
export interface TokenPattern {
  kind: CredentialKind;
  /** Global regex over text; the match is the whole token. */
  regex: RegExp;
  plausible: (token: string) => boolean;
}

const always = () => true;

/** True when text mixes upper case, lower case and digits, as random tokens do and words do not. */
export function looksRandom(text: string): boolean {
  return /[A-Z]/.test(text) && /[a-z]/.test(text) && /\d/.test(text);
}

/** Prefixed tokens, most specific first (`sk-ant-` before `sk-`). */
export const TOKEN_PATTERNS: readonly TokenPattern[] = [
  { kind: 'anthropic-api-key', regex: /(?<![\w-])sk-ant-[A-Za-z0-9_-]{20,}/g, plausible: always },
  {
    kind: 'openai-api-key',
    regex: /(?<![\w-])sk-(?!ant-)[A-Za-z0-9_-]{20,}/g,
    // `sk-learn-classifier-2024` is an S3 prefix, not a key: real keys are random.
    plausible: (token) => looksRandom(token.slice(3)),
  },
  {
    kind: 'huggingface-token',
    regex: /(?<![\w-])hf_[A-Za-z0-9]{30,}/g,
    plausible: (token) => /[A-Z]/.test(token) && /[a-z]/.test(token.slice(3)),
  },
  {
    kind: 'github-token',
    regex: /(?<![\w-])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/g,
    plausible: always,
  },
  { kind: 'slack-token', regex: /(?<![\w-])xox[abprs]-[A-Za-z0-9-]{10,}/g, plausible: always },
];

/**
 * The literal text every TOKEN_PATTERNS token starts with (`sk-ant-` holds `sk-`). A value
 * without any (nearly all of them) cannot match a token pattern, so none of the five is run;
 * test/snapshot/token-prefix.test.ts keeps this list and the patterns together.
 */
export const TOKEN_PREFIX = /sk-|hf_|gh[pousr]_|github_pat_|xox[abprs]-/;

/** Upper-case words of a variable name: `openaiApiKey` and `OPENAI-API-KEY` both give OPENAI, API, KEY. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
}

// Names that say the value is about a secret rather than the secret itself.
const METADATA_LAST_WORDS = new Set([
  'ARN', 'NAME', 'ID', 'IDS', 'PATH', 'FILE', 'URL', 'URI', 'ENDPOINT', 'PARAM', 'PARAMETER', 'REGION', 'HEADER',
  'TYPE', 'LENGTH', 'LEN', 'SIZE', 'TTL', 'EXPIRY', 'EXPIRATION', 'EXPIRES', 'TIMEOUT', 'ENABLED', 'DISABLED',
  'POLICY', 'LIMIT', 'COUNT', 'FIELD', 'VERSION', 'SSM', 'LOCATION', 'CHECKSUM', 'HASH', 'DIGEST', 'FINGERPRINT',
]);
// Tokenizer settings in training hyperparameters (`pad_token`, `max_new_tokens`) are not secrets.
const NON_SECRET_WORDS = new Set(['PAD', 'EOS', 'BOS', 'UNK', 'SEP', 'CLS', 'MASK', 'SPECIAL', 'MAX', 'MIN', 'NUM']);

/** True when a variable name says it holds a password, secret, token or API/private key. */
export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  const last = words[words.length - 1];
  if (last === undefined || METADATA_LAST_WORDS.has(last) || words.some((w) => NON_SECRET_WORDS.has(w))) return false;
  const joined = words.join('_');
  return (
    /PASSWORD|PASSWD|PASSPHRASE|SECRET|API_?KEY|PRIVATE_?KEY/.test(joined) || words.some((w) => w.endsWith('TOKEN'))
  );
}

/** True when a variable name suggests an AWS secret access key. */
export function isAwsSecretName(name: string): boolean {
  return /SECRET|ACCESS_?KEY/.test(nameWords(name).join('_'));
}

/**
 * True when a value points at a secret instead of holding one: an ARN, a CloudFormation
 * dynamic reference, a shell or template variable, an SSM parameter path, or a lower-case
 * Secrets Manager name such as `prod/db/password`.
 */
export function isReference(value: string): boolean {
  return (
    value.startsWith('arn:') ||
    value.includes('{{resolve:') ||
    /^\$\{.*\}$|^\$\(.*\)$|^\$[A-Za-z_]\w*$/.test(value) ||
    /^\/[A-Za-z0-9_.\-/]+$/.test(value) ||
    /^[a-z0-9][a-z0-9_.-]*(\/[a-z0-9][a-z0-9_.-]*)+$/.test(value)
  );
}

/** True for values no one would call a secret: numbers, booleans, repeated characters, `<placeholders>`. */
export function isInert(value: string): boolean {
  return (
    /^-?\d+(\.\d+)?$/.test(value) ||
    /^(true|false|yes|no|none|null)$/i.test(value) ||
    /^(.)\1*$/.test(value) ||
    /^<[^<>]*>$/.test(value)
  );
}

/** Strips one pair of surrounding quotes: SageMaker's SDK JSON-encodes string hyperparameters. */
export function unquote(value: string): string {
  const trimmed = value.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
}

/** True when a URL password is a placeholder or reference rather than a value. */
export function isPlaceholderPassword(password: string): boolean {
  return /^(\$|\{\{|<redacted:)/.test(password) || /^\*+$/.test(password) || password.startsWith('%s');
}
