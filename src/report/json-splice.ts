/**
 * `JSON.stringify(document, null, 2)` for a document in which a few large arrays recur: the
 * findings of a dense account share hops whose provenance lists run to thousands of records,
 * and the same list is written into hundreds of findings (at D7, 67 MB of a 152 MB report is
 * 43 distinct lists). Each such array stands in the document as a placeholder string; the
 * document is stringified without them, each array once, and the text is joined around them.
 * Only large arrays are spliced: small ones cost more to cut out than to write (session 9
 * measured splicing every hop as slower).
 */

/** Starts every placeholder; U+0000 is written as `\u0000`, which no report text holds. */
const MARK = '\u0000blastpath-splice:';
/** The mark as it appears in the document's text: quoted and escaped. */
const MARK_TEXT = JSON.stringify(MARK).slice(0, -1);
const QUOTE = 34;

/** Arrays to write once, and how many times the document places each one's placeholder. */
export class JsonSplices {
  private readonly values: unknown[] = [];
  private readonly numbers = new Map<unknown, number>();
  private placed = 0;

  /**
   * The placeholder of `value`, for one place in the document: call once per place it is written
   * (an object holding it and put in the document twice counts twice).
   */
  place(value: readonly unknown[]): string {
    let n = this.numbers.get(value);
    if (n === undefined) {
      n = this.values.length;
      this.values.push(value);
      this.numbers.set(value, n);
    }
    this.placed++;
    return `${MARK}${n}`;
  }

  /**
   * The document's text with every placeholder replaced by its array's text, indented where it
   * stands, followed by `end`; undefined when the text holds a placeholder not counted by
   * `place` (a string of the input that looks like one), and the caller writes the document
   * without splices.
   */
  stringify(document: unknown, end = ''): string | undefined {
    const text = JSON.stringify(document, null, 2);
    // Nothing placed: the text is the plain one (no search, and no joined copy beside the one a reader flattens).
    if (this.placed === 0) return `${text}${end}`;
    const parts: string[] = [];
    const written = new Map<string, string>();
    let found = 0;
    let from = 0;
    for (let at = text.indexOf(MARK_TEXT); at !== -1; at = text.indexOf(MARK_TEXT, at + 1)) {
      let close = at + MARK_TEXT.length;
      while (close < text.length && text.charCodeAt(close) !== QUOTE) close++;
      const number = text.slice(at + MARK_TEXT.length, close);
      const n = Number(number);
      if (!Number.isInteger(n) || n < 0 || n >= this.values.length || String(n) !== number) return undefined;
      const indent = indentAt(text, at);
      const key = `${n} ${indent}`;
      let value = written.get(key);
      if (value === undefined) written.set(key, (value = JSON.stringify(this.values[n], null, 2).replaceAll('\n', `\n${indent}`)));
      parts.push(text.slice(from, at), value);
      from = close + 1;
      found++;
    }
    if (found !== this.placed) return undefined;
    parts.push(text.slice(from), end);
    return parts.join('');
  }
}

/** The spaces that begin the line holding position `at`. */
function indentAt(text: string, at: number): string {
  const line = text.lastIndexOf('\n', at) + 1;
  let end = line;
  while (text.charCodeAt(end) === 32) end++;
  return text.slice(line, end);
}
