/**
 * Stage 5b, export: the whole typed graph with provenance, for graph engines (the route for
 * organizations larger than one machine). One file per format, one line per format in the
 * registry; each exporter returns named files whose text is produced lazily, so the CLI
 * streams them to disk.
 */
import { InputError } from '../core/errors.js';
import { redactText } from '../snapshot/index.js';
import type { ExportFile } from './files.js';
import { exportGraphml } from './graphml.js';
import type { ExportGraph } from './model.js';
import { exportNeo4j } from './neo4j.js';
import { exportNeptune } from './neptune.js';
import { exportOpenGraph } from './opengraph.js';

export { exportGraph, EDGE_PROPERTIES, NODE_PROPERTIES, type ExportGraph } from './model.js';
export { fileText, type ExportFile } from './files.js';

/** Every export format, in the order `--help` lists them. */
export const EXPORT_FORMATS = ['opengraph', 'neo4j', 'neptune', 'graphml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** An exporter: the ordered graph in, the files of its format out. */
export type Exporter = (graph: ExportGraph) => ExportFile[];

const EXPORTERS = {
  opengraph: exportOpenGraph,
  neo4j: exportNeo4j,
  neptune: exportNeptune,
  graphml: exportGraphml,
} as const satisfies Record<ExportFormat, Exporter>;

/**
 * The files of `graph` in `format`; throws InputError for a format that is not registered.
 * Every chunk passes the output filter reports pass: a description or tag value holding a key
 * must not reach a graph engine either. Chunks are whole records, so no token is cut in two.
 */
export function exportFiles(format: ExportFormat, graph: ExportGraph): ExportFile[] {
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new InputError(`export: format ${JSON.stringify(format)}`, `expected one of ${EXPORT_FORMATS.join(', ')}`);
  }
  const markup = format === 'graphml';
  return EXPORTERS[format](graph).map((file) => ({
    ...file,
    *chunks() {
      for (const chunk of file.chunks()) yield redactText(chunk, { markup });
    },
  }));
}
