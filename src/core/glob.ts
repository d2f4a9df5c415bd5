/** Shell-like patterns for ids and names given on the command line or in suppressions. */

/** A test for `pattern`: `*` matches any run of characters, `?` one character, everything else itself. */
export function globMatcher(pattern: string): (text: string) => boolean {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  const re = new RegExp(`^${body}$`, 's');
  return (text) => re.test(text);
}
