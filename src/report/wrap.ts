/**
 * Word wrapping for terminal reports. Text is laid out as plain words first and painted
 * afterwards, so ANSI codes never count toward the width and a color never spills across
 * a line break. Identifiers are never cut short: one too long for a line continues on the
 * next, broken after a separator such as `/`, `:` or `-` where possible.
 */

/** Applies color to a piece of text; the identity when color is off. */
export type Paint = (text: string) => string;

/**
 * A unit of text. `glue` joins it to the previous word with no space; `keep` keeps the next
 * word on the same row (a space, but no break). Either way the pair moves to a new row together.
 */
export interface Word {
  text: string;
  paint?: Paint;
  glue?: boolean;
  keep?: boolean;
}

/** A logical line: its words, the indent of its first row and of its continuation rows. */
export interface Line {
  indent: number;
  hang: number;
  words: Word[];
}

/** Splits text on spaces into words that share one paint; the first word may glue to the last. */
export function words(text: string, paint?: Paint, glue = false): Word[] {
  return text
    .split(' ')
    .filter((t) => t !== '')
    .map((t, i) => ({ text: t, paint, glue: i === 0 ? glue : false }));
}

/** Splits text into words that stay on one row when they fit, such as `statement 0`. */
export function phrase(text: string, paint?: Paint, glue = false): Word[] {
  const list = words(text, paint, glue);
  return list.map((w, i) => (i < list.length - 1 ? { ...w, keep: true } : w));
}

/**
 * Where an over-long identifier may be broken, best first: after an ARN separator, else after
 * a separator inside a name. Breaking there keeps each row a recognisable piece of the id.
 */
const BREAK_AFTER = ['/:#', '-.,'];

/** Where to cut `text` to fit `room` columns: after the last good separator, unless that leaves little. */
function cutAt(text: string, room: number): number {
  for (const separators of BREAK_AFTER) {
    for (let i = room - 1; i >= Math.floor(room / 2); i -= 1) {
      if (separators.includes(text[i] as string)) return i + 1;
    }
  }
  return room;
}

/** Groups words joined by glue or keep into runs: a run is kept on one row when it fits. */
function runs(list: readonly Word[]): Word[][] {
  const out: Word[][] = [];
  for (const word of list) {
    const last = out[out.length - 1];
    if (last && (word.glue || last[last.length - 1]?.keep)) last.push(word);
    else out.push([word]);
  }
  return out;
}

function runWidth(run: readonly Word[]): number {
  return run.reduce((sum, w, i) => sum + w.text.length + (i > 0 && !w.glue ? 1 : 0), 0);
}

/** Lays one logical line out in rows no wider than `width`, painted, without trailing spaces. */
export function layout(line: Line, width: number): string[] {
  const rows: string[] = [];
  // Pieces of the current row; neighbours with the same paint are merged so a colored phrase
  // gets one pair of escape codes, not one per word.
  let row: { text: string; paint: Paint | undefined }[] = [];
  let col = line.indent;
  let empty = true;
  const flush = () => {
    const text = row.map((p) => (p.paint ? p.paint(p.text) : p.text)).join('');
    // A row with no words is an empty line, not a line of indent spaces.
    rows.push(text === '' ? '' : ' '.repeat(rows.length === 0 ? line.indent : line.hang) + text);
    row = [];
    col = line.hang;
    empty = true;
  };
  const append = (text: string, paint: Paint | undefined) => {
    const last = row[row.length - 1];
    if (last && last.paint === paint) last.text += text;
    else row.push({ text, paint });
  };
  const put = (text: string, paint: Paint | undefined, space: boolean) => {
    if (space) append(' ', row[row.length - 1]?.paint === paint ? paint : undefined);
    append(text, paint);
    col += text.length + (space ? 1 : 0);
    empty = false;
  };
  const place = (word: Word, space: boolean) => {
    let text = word.text;
    while (text.length > 0) {
      const gap = space && !empty ? 1 : 0;
      const room = width - col - gap;
      if (text.length <= room) return put(text, word.paint, gap === 1);
      // Move to a fresh row when that is enough, or when too little room is left to cut into.
      if (!empty && (text.length <= width - line.hang || room < 8)) {
        flush();
        continue;
      }
      const cut = cutAt(text, Math.max(room, 1));
      put(text.slice(0, cut), word.paint, gap === 1);
      text = text.slice(cut);
      flush();
    }
  };
  for (const run of runs(line.words)) {
    const needed = runWidth(run) + (empty ? 0 : 1);
    if (!empty && col + needed > width && runWidth(run) <= width - line.hang) flush();
    run.forEach((word, i) => place(word, i === 0 || !word.glue));
  }
  if (!empty || rows.length === 0) flush();
  return rows;
}
