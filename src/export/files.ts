/** What an exporter produces: named files whose text is generated lazily, chunk by chunk. */

/** One output file; `chunks` yields its text in pieces so a large graph is never one string. */
export interface ExportFile {
  name: string;
  /** What the file is, for the command's summary and the docs. */
  role: string;
  chunks(): Iterable<string>;
}

/** Joins a file's chunks into one string (tests and small graphs). */
export function fileText(file: ExportFile): string {
  let text = '';
  for (const chunk of file.chunks()) text += chunk;
  return text;
}
