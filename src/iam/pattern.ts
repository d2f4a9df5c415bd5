/**
 * IAM wildcard patterns: `*` matches any run of characters, `?` exactly one. Patterns are
 * compiled once into matcher functions and cached by text, so evaluation never re-parses a
 * pattern; patterns without wildcards compile to plain string comparison.
 */

/** Tests one value against a compiled pattern. */
export type Matcher = (value: string) => boolean;

/** A piece of a pattern: `glob` pieces carry wildcards, the others are matched literally. */
export interface PatternPiece {
  text: string;
  glob: boolean;
}

const always: Matcher = () => true;
/** Compiled globs by pattern: case-sensitive (resources, ARNs) and case-insensitive (actions). */
const globCache = new Map<string, Matcher>();
const globCacheInsensitive = new Map<string, Matcher>();
const arnCache = new Map<string, Matcher>();

/** True when the text contains an IAM wildcard. */
export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

function escapeChar(ch: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(ch) ? `\\${ch}` : ch;
}

/**
 * Regular expression for a sequence of pieces. In ARN mode wildcards stay inside one of the
 * first five colon-separated fields, as AWS documents for the Arn* condition operators.
 */
export function piecesToRegExp(pieces: readonly PatternPiece[], options: { caseInsensitive: boolean; arn: boolean }): RegExp {
  let source = '';
  let colons = 0;
  for (const piece of pieces) {
    for (const ch of piece.text) {
      const inField = options.arn && colons < 5;
      if (piece.glob && ch === '*') source += inField ? '[^:]*' : '.*';
      else if (piece.glob && ch === '?') source += inField ? '[^:]' : '.';
      else source += escapeChar(ch);
      if (ch === ':') colons += 1;
    }
  }
  return new RegExp(`^${source}$`, options.caseInsensitive ? 'is' : 's');
}

/** Compiles a glob pattern once; later calls with the same text reuse the matcher. */
export function compileGlob(pattern: string, caseInsensitive: boolean): Matcher {
  // One cache per mode, keyed by the pattern itself: no key string is built per lookup.
  const cache = caseInsensitive ? globCacheInsensitive : globCache;
  let matcher = cache.get(pattern);
  if (matcher) return matcher;
  if (pattern === '*') matcher = always;
  else if (!hasWildcard(pattern)) {
    const lower = pattern.toLowerCase();
    matcher = caseInsensitive ? (value) => value.toLowerCase() === lower : (value) => value === pattern;
  } else if (pattern.indexOf('*') === pattern.length - 1 && !pattern.includes('?')) {
    // `prefix*`, the commonest shape (s3:Get*, arn:...:function:app-*): a prefix test, no
    // regular expression to compile and keep for each of a large organization's patterns.
    const prefix = pattern.slice(0, -1);
    const lower = prefix.toLowerCase();
    matcher = caseInsensitive ? (value) => value.length >= lower.length && value.slice(0, lower.length).toLowerCase() === lower : (value) => value.startsWith(prefix);
  } else {
    const re = piecesToRegExp([{ text: pattern, glob: true }], { caseInsensitive, arn: false });
    matcher = (value) => re.test(value);
  }
  cache.set(pattern, matcher);
  return matcher;
}

/** Compiles an ARN pattern for ArnEquals/ArnLike: case-sensitive, wildcards per ARN field. */
export function compileArnPattern(pattern: string): Matcher {
  let matcher = arnCache.get(pattern);
  if (matcher) return matcher;
  if (!pattern.startsWith('arn:') || !hasWildcard(pattern)) matcher = compileGlob(pattern, false);
  else {
    const re = piecesToRegExp([{ text: pattern, glob: true }], { caseInsensitive: false, arn: true });
    matcher = (value) => re.test(value);
  }
  arnCache.set(pattern, matcher);
  return matcher;
}

/** Glob match for IAM patterns: `*` any run of characters, `?` one character. */
export function matchesPattern(pattern: string, value: string, options: { caseInsensitive: boolean }): boolean {
  return compileGlob(pattern, options.caseInsensitive)(value);
}
