/**
 * The last-line filter the pipeline runs over every output it writes. Snapshot redaction
 * already removed credentials from configuration; this catches anything that slipped through
 * some other field (a tag, a description, an error message) by shape alone.
 *
 * Each pattern is tried only where a match can start (word-starts.ts, text-runs.ts): reports
 * run to tens of megabytes and a regex tried at every position cost seconds. The matches, and so the output,
 * are those of the plain global regexes (test/snapshot/redact-text-equivalence.test.ts).
 */
import {
  ACCESS_KEY_ID_IN_TEXT,
  PRIVATE_KEY_HEADER,
  TOKEN_PATTERNS,
  URL_PASSWORD,
  isPlaceholderPassword,
  type CredentialKind,
} from './credential-patterns.js';
import { credentialMarker, fingerprint, isSecretKeyShaped, maskAccessKeyId } from './credentials.js';
import { charClass, replaceAt, startsBefore } from './text-runs.js';
import { wordStarts, type WordStarts } from './word-starts.js';

const HEADER = PRIVATE_KEY_HEADER.source;
const FOOTER = HEADER.replace('BEGIN', 'END');
/** A PEM block up to its footer, or to the end of the line or JSON string when the footer is missing. */
const PEM_BLOCK = new RegExp(`${HEADER}(?:[\\s\\S]*?${FOOTER}|[^"\\n]*)`, 'y');

/** A standalone run of exactly 40 base64 characters. */
const SECRET_KEY_CANDIDATE = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/y;

/** How far from an access key id a 40-character token counts as its secret key. */
const PAIR_WINDOW = 256;

// Where matches can start. Each class holds every character its patterns' matches are made of.
/**
 * Every provider token is `[\w-]` characters, starts where a run of them starts (its
 * lookbehind) and with its prefix; the shortest is a Slack token (word-starts.ts, TOKEN_MIN).
 */
const TOKEN_PREFIXES = ['sk-', 'hf_', 'gh', 'github_pat_', 'xox'];
/** The prefixes' first characters: most runs are turned away by one comparison. */
const TOKEN_FIRST = charClass([], TOKEN_PREFIXES.map((prefix) => prefix[0]).join(''));
/** A URL password ends at `@` and its match holds no whitespace, quote, angle bracket or other `@`. */
const URL_STOP = charClass([], ' \t\n\v\f\r"\'<>@');
const LETTERS = charClass(['A-Z', 'a-z']);
/** Every PEM header starts with this; `BEGIN ` is rare in reports, the dashes are not. */
const PEM_START = '-----BEGIN ';
const PEM_ANCHOR = 'BEGIN ';

/** How the text will be read: `markup` (HTML, SVG, XML) gets its markers with escaped angle brackets. */
export interface RedactTextOptions {
  markup?: boolean;
}

/** Finds where one pattern's matches can start in a text; `words` are the text's WordStarts, found at most once. */
type StartFinder = (text: string, words: () => WordStarts) => number[];

/** One pattern of the filter: where its matches can start, the pattern, and what replaces a match. */
interface Pass {
  starts: StartFinder;
  sticky: RegExp;
  replace: (match: RegExpExecArray, text: string) => string;
}

type Marker = (kind: CredentialKind, value: string) => string;

/** Replaces secret values in text with markers and masks full access key ids (`AKIA…WXYZ`). */
export function redactText(text: string, options: RedactTextOptions = {}): string {
  const marker: Marker = (kind, value) => {
    const text = credentialMarker({ kind, fingerprint: fingerprint(value) });
    // A raw `<redacted:...>` would read as an unknown tag in HTML and break XML.
    return options.markup ? text.replace(/</g, '&lt;').replace(/>/g, '&gt;') : text;
  };
  // Passes run in order, each over the previous one's output; start positions are found once
  // per distinct text, so when nothing is replaced (the usual case) each finder runs once.
  let out = text;
  let found = new Map<StartFinder, number[]>();
  let words: WordStarts | undefined;
  const wordsOf = () => (words ??= wordStarts(out, (start) => isTokenStart(out, start)));
  for (const pass of passes(marker)) {
    let starts = found.get(pass.starts);
    if (starts === undefined) found.set(pass.starts, (starts = pass.starts(out, wordsOf)));
    const next = replaceAt(out, pass.sticky, starts, pass.replace);
    if (next !== out) {
      found = new Map();
      words = undefined;
    }
    out = next;
  }
  return out;
}

function isTokenStart(text: string, start: number): boolean {
  return TOKEN_FIRST[text.charCodeAt(start)] === 1 && TOKEN_PREFIXES.some((prefix) => text.startsWith(prefix, start));
}

/** Every occurrence of the PEM header's start, found by its rare part. */
const pemStarts: StartFinder = (text) => {
  const at: number[] = [];
  const lead = PEM_START.length - PEM_ANCHOR.length;
  for (let i = text.indexOf(PEM_ANCHOR, lead); i !== -1; i = text.indexOf(PEM_ANCHOR, i + 1)) {
    if (text.startsWith(PEM_START, i - lead)) at.push(i - lead);
  }
  return at;
};
const tokenStarts: StartFinder = (_text, words) => words().tokens;
const urlStarts: StartFinder = (text) => startsBefore(text, '@', URL_STOP, LETTERS);
const secretKeyStarts: StartFinder = (_text, words) => words().secretKeys;
const keyIdStarts: StartFinder = (_text, words) => words().keyIds;
const STICKY_TOKENS = TOKEN_PATTERNS.map((pattern) => ({ ...pattern, sticky: new RegExp(pattern.regex.source, 'y') }));
const STICKY_URL_PASSWORD = new RegExp(URL_PASSWORD.source, 'iy');
const STICKY_KEY_ID = new RegExp(ACCESS_KEY_ID_IN_TEXT.source, 'y');

function passes(marker: Marker): Pass[] {
  return [
    { starts: pemStarts, sticky: PEM_BLOCK, replace: ([block]) => marker('private-key', block) },
    ...STICKY_TOKENS.map(
      (pattern): Pass => ({
        starts: tokenStarts,
        sticky: pattern.sticky,
        replace: ([token]) => (pattern.plausible(token) ? marker(pattern.kind, token) : token),
      }),
    ),
    {
      starts: urlStarts,
      sticky: STICKY_URL_PASSWORD,
      replace: ([whole, head, password]) =>
        isPlaceholderPassword(password!) ? whole : `${head!}${marker('url-password', password!)}@`,
    },
    // Secret keys are found next to their access key ids, so this runs before ids are masked.
    {
      starts: secretKeyStarts,
      sticky: SECRET_KEY_CANDIDATE,
      replace: (match, all) => {
        const token = match[0];
        return isSecretKeyShaped(token) && !insideUriOrArn(all, match.index) && nearKeyOrSecretWord(all, match.index, token.length)
          ? marker('aws-secret-access-key', token)
          : token;
      },
    },
    { starts: keyIdStarts, sticky: STICKY_KEY_ID, replace: ([id]) => maskAccessKeyId(id) },
  ];
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
