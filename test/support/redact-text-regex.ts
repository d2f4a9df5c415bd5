/**
 * The output filter as it was written before it was made fast (main 8e4a799): each pattern a
 * global regex over the whole text. Kept as the oracle the scanner in src/snapshot/redact-text.ts
 * must agree with, byte for byte.
 */
import {
  ACCESS_KEY_ID_IN_TEXT,
  PRIVATE_KEY_HEADER,
  TOKEN_PATTERNS,
  URL_PASSWORD,
  isPlaceholderPassword,
  type CredentialKind,
} from '../../src/snapshot/credential-patterns.js';
import { credentialMarker, fingerprint, isSecretKeyShaped, maskAccessKeyId } from '../../src/snapshot/credentials.js';

const HEADER = PRIVATE_KEY_HEADER.source;
const FOOTER = HEADER.replace('BEGIN', 'END');
/** A PEM block up to its footer, or to the end of the line or JSON string when the footer is missing. */
const PEM_BLOCK = new RegExp(`${HEADER}(?:[\\s\\S]*?${FOOTER}|[^"\\n]*)`, 'g');

/** A standalone run of exactly 40 base64 characters. */
const SECRET_KEY_CANDIDATE = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

/** How far from an access key id a 40-character token counts as its secret key. */
const PAIR_WINDOW = 256;

/** How the text will be read: `markup` (HTML, SVG, XML) gets its markers with escaped angle brackets. */
export interface RedactTextOptions {
  markup?: boolean;
}

/** Replaces secret values in text with markers and masks full access key ids (`AKIA…WXYZ`). */
export function redactTextByRegex(text: string, options: RedactTextOptions = {}): string {
  const marker = (kind: CredentialKind, value: string) => {
    const text = credentialMarker({ kind, fingerprint: fingerprint(value) });
    // A raw `<redacted:...>` would read as an unknown tag in HTML and break XML.
    return options.markup ? text.replace(/</g, '&lt;').replace(/>/g, '&gt;') : text;
  };
  let out = text.replace(PEM_BLOCK, (block) => marker('private-key', block));
  for (const pattern of TOKEN_PATTERNS) {
    out = out.replace(pattern.regex, (token) => (pattern.plausible(token) ? marker(pattern.kind, token) : token));
  }
  out = out.replace(URL_PASSWORD, (whole, head: string, password: string) =>
    isPlaceholderPassword(password) ? whole : `${head}${marker('url-password', password)}@`,
  );
  // Secret keys are found next to their access key ids, so this runs before ids are masked.
  out = out.replace(SECRET_KEY_CANDIDATE, (token, offset: number, all: string) =>
    isSecretKeyShaped(token) && !insideUriOrArn(all, offset) && nearKeyOrSecretWord(all, offset, token.length)
      ? marker('aws-secret-access-key', token)
      : token,
  );
  return out.replace(ACCESS_KEY_ID_IN_TEXT, maskAccessKeyId);
}

/** True when the token sits inside an ARN or a URI, whose path segments can look random. */
function insideUriOrArn(text: string, offset: number): boolean {
  let start = offset;
  while (start > 0 && !/[\s"'`,;()[\]{}<>=]/.test(text[start - 1]!)) start--;
  const prefix = text.slice(start, offset);
  return prefix.startsWith('arn:') || prefix.includes('://');
}

function nearKeyOrSecretWord(text: string, offset: number, length: number): boolean {
  const window = text.slice(Math.max(0, offset - PAIR_WINDOW), offset + length + PAIR_WINDOW);
  if (new RegExp(ACCESS_KEY_ID_IN_TEXT.source).test(window)) return true;
  return /secret/i.test(text.slice(Math.max(0, offset - 48), offset));
}
