/**
 * Where in a long text a credential pattern can start, found without running the pattern at
 * every position. Each finder returns a superset of the positions where its pattern can match
 * (ascending), so trying the pattern only there finds the same matches as a scan of the whole
 * text. The output filter runs over reports of tens of megabytes, almost always without a
 * single credential in them; these finders make "nothing here" cost a fraction of a regex scan.
 */

/** A character class as a lookup table over UTF-16 code units. */
export type CharClass = Uint8Array;

/** A class holding the listed characters and the characters of the listed ranges (`A-Z`). */
export function charClass(ranges: readonly string[], extra = ''): CharClass {
  const table = new Uint8Array(65536);
  for (const range of ranges) {
    for (let c = range.charCodeAt(0); c <= range.charCodeAt(2); c++) table[c] = 1;
  }
  for (const ch of extra) table[ch.charCodeAt(0)] = 1;
  return table;
}

/**
 * Positions of the characters of `starting` that lie in the stretch before an occurrence of
 * `end`, where the stretch stops at a character of `stop` or at the previous `end`. A match
 * that ends at `end` and holds no `stop` character and no `end` before its last character starts
 * at one of them.
 */
export function startsBefore(text: string, end: string, stop: CharClass, starting: CharClass): number[] {
  const at: number[] = [];
  let floor = 0;
  for (let e = text.indexOf(end); e !== -1; e = text.indexOf(end, e + 1)) {
    let from = e;
    while (from > floor && stop[text.charCodeAt(from - 1)] !== 1) from--;
    for (let p = from; p < e; p++) if (starting[text.charCodeAt(p)] === 1) at.push(p);
    floor = e + 1;
  }
  return at;
}

/**
 * `text.replace(globalRegex, ...)` when every match starts at one of `starts` (ascending):
 * the sticky regex is tried at each start not inside an earlier match, as the global scan
 * would continue after a match. Returns `text` itself when nothing was replaced.
 */
export function replaceAt(
  text: string,
  sticky: RegExp,
  starts: readonly number[],
  replace: (match: RegExpExecArray, text: string) => string,
): string {
  let out = '';
  let last = 0;
  let changed = false;
  for (const start of starts) {
    if (start < last) continue;
    sticky.lastIndex = start;
    const match = sticky.exec(text);
    if (match === null) continue;
    // A match left as it was still ends the scan's step, as in the global scan.
    const replacement = replace(match, text);
    if (replacement !== match[0]) changed = true;
    out += text.slice(last, start) + replacement;
    last = start + match[0].length;
  }
  return changed ? out + text.slice(last) : text;
}
