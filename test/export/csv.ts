/**
 * An RFC 4180 reader that keeps what the bulk loaders care about: whether a field was quoted
 * (an unquoted empty field is an absent property) and where a line break sits. Fails on a
 * stray quote, an unterminated field or a record with the wrong number of fields.
 */

/** One field as read. */
export interface CsvField {
  value: string;
  quoted: boolean;
}

/** Parses CSV text into records; `file` names it in errors. */
export function parseCsv(text: string, file: string): CsvField[][] {
  const records: CsvField[][] = [];
  let record: CsvField[] = [];
  let i = 0;
  let line = 1;
  if (!text.endsWith('\n')) throw new Error(`${file}: the last record does not end with a line break`);
  while (i < text.length) {
    let value = '';
    let quoted = false;
    if (text[i] === '"') {
      quoted = true;
      i++;
      for (;;) {
        if (i >= text.length) throw new Error(`${file}:${line}: unterminated quoted field`);
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') line++;
        value += c;
        i++;
      }
      if (text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') throw new Error(`${file}:${line}: text after a closing quote`);
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        if (text[i] === '"') throw new Error(`${file}:${line}: quote inside an unquoted field`);
        value += text[i];
        i++;
      }
    }
    record.push({ value, quoted });
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    records.push(record);
    record = [];
    line++;
  }
  const width = records[0]?.length ?? 0;
  records.forEach((r, n) => {
    if (r.length !== width) throw new Error(`${file}: record ${n + 1} has ${r.length} fields, the header ${width}`);
  });
  return records;
}
