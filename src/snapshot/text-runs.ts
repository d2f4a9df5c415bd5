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
 * The maximal runs of class characters whose length lies in [min, max], as flat
 * `[start, end, start, end, ...]`. A run of at least `min` characters holds a position of any
 * grid of step `min`, so only grid positions are looked at; a hit is widened to its whole run.
 */
export function runsOf(text: string, member: CharClass, min: number, max = Infinity): number[] {
  const found: number[] = [];
  const n = text.length;
  let i = min - 1;
  while (i < n) {
    if (member[text.charCodeAt(i)] !== 1) {
      i += min;
      continue;
    }
    let start = i;
    while (start > 0 && member[text.charCodeAt(start - 1)] === 1) start--;
    let end = i + 1;
    while (end < n && member[text.charCodeAt(end)] === 1) end++;
    const length = end - start;
    if (length >= min && length <= max) found.push(start, end);
    // The character at `end` is outside the class, so the next run starts after it; the first
    // grid position of the new grid lies inside any run of `min` characters that starts there.
    i = end + min;
  }
  return found;
}

/** The start positions of runsOf's runs. */
export function runStarts(text: string, member: CharClass, min: number, max = Infinity): number[] {
  const runs = runsOf(text, member, min, max);
  const starts: number[] = [];
  for (let k = 0; k < runs.length; k += 2) starts.push(runs[k]!);
  return starts;
}

/**
 * Starts of the runs of a class that are at least `min` long and that `accept` keeps (it sees
 * the run's start, the run's length unchecked). A run of `min` characters holds exactly one
 * position of the grid of step `min` among its first `min`, so from each grid position a walk
 * of fewer than `min` steps to the left finds the one run start it can answer for.
 */
export function runStartsAccepted(text: string, member: CharClass, min: number, accept: (start: number) => boolean): number[] {
  const starts: number[] = [];
  for (let grid = min - 1; grid < text.length; grid += min) {
    if (member[text.charCodeAt(grid)] !== 1) continue;
    let start = grid;
    const lowest = grid - min + 1;
    while (start > lowest && member[text.charCodeAt(start - 1)] === 1) start--;
    if ((start === 0 || member[text.charCodeAt(start - 1)] !== 1) && accept(start)) starts.push(start);
  }
  return starts;
}

/**
 * Every position where `literal` occurs, for a literal that begins with `repeat` copies of one
 * character: a run of that many holds a position of the grid of step `repeat`, and the literal
 * starts `repeat` characters before the end of such a run. Faster than indexOf on long texts.
 */
export function literalAfterRun(text: string, literal: string, repeat: number): number[] {
  const c = literal.charCodeAt(0);
  const at: number[] = [];
  const n = text.length;
  for (let grid = repeat - 1; grid < n; grid += repeat) {
    if (text.charCodeAt(grid) !== c) continue;
    let end = grid + 1;
    while (end < n && text.charCodeAt(end) === c) end++;
    if (end >= repeat && text.startsWith(literal, end - repeat)) at.push(end - repeat);
    // The next run starts after `end`; a grid restarted there meets any run of `repeat`.
    grid = end;
  }
  return at;
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
