/**
 * The YAML parser, loaded on first use. It is about a hundred modules, and most runs need none
 * of it: the bundled rules come compiled, and only a run with a `.blastpath.yaml` or a
 * `--rules DIR` parses YAML.
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

/** The `yaml` package, required synchronously the first time it is asked for. */
export function yamlParser(): typeof Yaml {
  return (loaded ??= createRequire(import.meta.url)('yaml') as typeof Yaml);
}
