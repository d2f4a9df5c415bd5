/**
 * Validates GraphML against the published GraphML 1.0 XML Schema (vendored unchanged in
 * fixtures/graphml-schema/, see its README) with libxml2's own schema validator: xmllint compiled
 * to WebAssembly (the xmllint-wasm package), so the test needs no system binary and no network.
 * The schema's includes are handed to xmllint as preloaded files, so nothing is fetched.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';

const SCHEMA_DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'graphml-schema');
/** graphml.xsd redefines graphml-structure.xsd, which imports xlink.xsd. */
const INCLUDED = ['graphml-structure.xsd', 'xlink.xsd'];

/** xmllint's schema errors for a GraphML document (empty when it is valid). */
export async function graphmlSchemaErrors(text: string, fileName = 'blastpath.graphml'): Promise<string[]> {
  const read = (name: string) => ({ fileName: name, contents: readFileSync(join(SCHEMA_DIR, name), 'utf8') });
  const result = await validateXML({
    xml: [{ fileName, contents: text }],
    schema: [read('graphml.xsd')],
    preload: INCLUDED.map(read),
    // The demo's file is small; a size-M export would need more than the 16 MiB default.
    maxMemoryPages: 4096,
  });
  return result.valid ? [] : result.errors.map((e) => e.message);
}
