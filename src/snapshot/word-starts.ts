/**
 * Where the word-shaped credential patterns of the output filter can start — provider tokens,
 * secret access keys, access key ids — found in one walk over the text instead of one per
 * pattern. Their characters all belong to one alphabet (`[A-Za-z0-9_/+-]`), so every match lies
 * in a run of that alphabet at least as long as the shortest match; only those runs are read
 * character by character, the rest of a report (indentation, ARNs cut by `:`) is stepped over.
 */

/** Bits of a character: which of the three patterns' alphabets hold it. */
const TOKEN = 1;
const BASE64 = 2;
const KEY_ID = 4;

/** The alphabets as one table: provider tokens `[\w-]`, base64 `[A-Za-z0-9/+]`, key ids `[A-Z0-9]`. */
const CLASSES = (() => {
  const table = new Uint8Array(65536);
  const set = (from: string, to: string, bits: number) => {
    for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) table[c] = bits;
  };
  set('A', 'Z', TOKEN | BASE64 | KEY_ID);
  set('0', '9', TOKEN | BASE64 | KEY_ID);
  set('a', 'z', TOKEN | BASE64);
  set('_', '_', TOKEN);
  set('-', '-', TOKEN);
  set('/', '/', BASE64);
  set('+', '+', BASE64);
  return table;
})();

/** The shortest provider token (`xoxb-` and 10 more), the shortest match of the three patterns. */
export const TOKEN_MIN = 'xoxb-'.length + 10;
const SECRET_KEY_LENGTH = 40;
const KEY_ID_LENGTH = 20;

/** Start positions (ascending) of the maximal runs each pattern's matches must start at. */
export interface WordStarts {
  /** `[\w-]` runs of at least TOKEN_MIN characters that `acceptToken` keeps (a provider prefix). */
  tokens: number[];
  /** Base64 runs of exactly 40 characters. */
  secretKeys: number[];
  /** `[A-Z0-9]` runs of exactly 20 characters that start with `AKIA` or `ASIA`. */
  keyIds: number[];
}

/**
 * The WordStarts of a text. A run of the joint alphabet at least TOKEN_MIN long holds a position
 * of the grid of step TOKEN_MIN, so only grid positions are looked at until one hits such a run.
 */
export function wordStarts(text: string, acceptToken: (start: number) => boolean): WordStarts {
  const found: WordStarts = { tokens: [], secretKeys: [], keyIds: [] };
  const n = text.length;
  let i = TOKEN_MIN - 1;
  while (i < n) {
    if (CLASSES[text.charCodeAt(i)] === 0) {
      i += TOKEN_MIN;
      continue;
    }
    let start = i;
    while (start > 0 && CLASSES[text.charCodeAt(start - 1)] !== 0) start--;
    let end = i + 1;
    while (end < n && CLASSES[text.charCodeAt(end)] !== 0) end++;
    if (end - start >= TOKEN_MIN) runsWithin(text, start, end, acceptToken, found);
    // The character at `end` is outside the alphabet: a grid restarted after it meets any run.
    i = end + TOKEN_MIN;
  }
  return found;
}

/** The three patterns' runs inside one run of the joint alphabet, [from, to). */
function runsWithin(text: string, from: number, to: number, acceptToken: (start: number) => boolean, found: WordStarts): void {
  let token = from;
  let base64 = from;
  let keyId = from;
  for (let p = from; p <= to; p++) {
    // Past the end every run is over: the character at `to` (if any) is outside every alphabet.
    const bits = p < to ? CLASSES[text.charCodeAt(p)]! : 0;
    if ((bits & TOKEN) === 0) {
      if (p - token >= TOKEN_MIN && acceptToken(token)) found.tokens.push(token);
      token = p + 1;
    }
    if ((bits & BASE64) === 0) {
      if (p - base64 === SECRET_KEY_LENGTH) found.secretKeys.push(base64);
      base64 = p + 1;
    }
    if ((bits & KEY_ID) === 0) {
      if (p - keyId === KEY_ID_LENGTH && isKeyIdPrefix(text, keyId)) found.keyIds.push(keyId);
      keyId = p + 1;
    }
  }
}

function isKeyIdPrefix(text: string, at: number): boolean {
  return text.charCodeAt(at) === 65 && (text.startsWith('AKIA', at) || text.startsWith('ASIA', at));
}
