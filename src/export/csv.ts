/**
 * RFC 4180 CSV as both bulk loaders read it (neo4j-admin import and the Neptune openCypher
 * loader): comma-separated, a field quoted when it holds a comma, a quote or a line break,
 * quotes doubled inside. Neither loader accepts a line break inside a field by default, so
 * text values have them replaced by spaces (names from AWS never contain one).
 */

/** One CSV field. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Text without line breaks, for loaders that read one record per line. */
export function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ');
}

/** One CSV record, ending in a newline; undefined fields are left empty (the property is absent). */
export function csvRecord(fields: ReadonlyArray<string | undefined>): string {
  return `${fields.map((f) => (f === undefined ? '' : csvField(f))).join(',')}\n`;
}
