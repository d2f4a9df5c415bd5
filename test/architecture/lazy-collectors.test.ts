/**
 * The AWS SDK clients take seconds to import, so commands that do not collect (`--help`,
 * `analyze`) must not load them: the CLI reaches the collectors only through `import()`
 * (`src/cli/collect.ts` loads the collector, `src/collect/registry.ts` each service).
 */
import { isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, loadTimeImportsOf, SRC, srcPath } from './sources.js';

/** Every module loaded with `entry`, following `next`: source files as src/ paths, packages by name. */
function closure(entry: string, next: (file: string) => string[]): { files: string[]; packages: string[] } {
  const files = new Set<string>([entry]);
  const packages = new Set<string>();
  for (const file of files) {
    for (const target of next(file)) {
      if (isAbsolute(target)) files.add(target);
      else packages.add(target);
    }
  }
  return { files: [...files].map(srcPath), packages: [...packages] };
}

/** Package names an import list holds (`importsOf` keeps relative imports only). */
function withPackages(file: string): string[] {
  return [...importsOf(file), ...loadTimeImportsOf(file).filter((spec) => !isAbsolute(spec))];
}

const CLI = join(SRC, 'cli/main.ts');
const isSdk = (name: string) => name.startsWith('@aws-sdk/');

describe('lazy collectors', () => {
  // main.ts loads each command's module only when that command runs; the collect command's own
  // module (its --help) must still stay clear of the SDK: it reads names from the registry only.
  it.each(['cli/main.ts', 'cli/collect.ts', 'cli/scan.ts'])('loading %s loads no AWS SDK package and no collector', (entry) => {
    const loaded = closure(join(SRC, entry), (file) => loadTimeImportsOf(file));
    expect(loaded.packages.filter(isSdk)).toEqual([]);
    expect(loaded.files.filter((file) => file.startsWith('collect/services/') || file === 'collect/index.ts')).toEqual([]);
  });

  it('the collect command reads its service names from the registry (the scan follows it there)', () => {
    expect(closure(join(SRC, 'cli/collect.ts'), (file) => loadTimeImportsOf(file)).files).toContain('collect/registry.ts');
  });

  it('the collectors are reachable from the CLI through import() (the check is not vacuous)', () => {
    const reachable = closure(CLI, withPackages);
    expect(reachable.files).toEqual(expect.arrayContaining(['collect/index.ts', 'collect/services/iam/index.ts', 'collect/services/lambda/index.ts']));
    expect(reachable.packages).toEqual(expect.arrayContaining(['@aws-sdk/client-iam', '@aws-sdk/client-lambda']));
  });

  it('the load-time scan skips type-only imports and import() calls, and keeps the rest', () => {
    const text = [
      "import type { A } from './a.js';",
      "import { type B } from './b.js';",
      "import { c, type C } from './c.js';",
      "import './d.js';",
      "export { e } from './e.js';",
      "export type { F } from './f.js';",
      "import { G } from '@aws-sdk/client-g';",
      "const h = () => import('./h.js');",
    ].join('\n');
    const found = loadTimeImportsOf('/virtual/x.ts', text).map((spec) => spec.replace('/virtual/', ''));
    expect(found).toEqual(['c.ts', 'd.ts', 'e.ts', '@aws-sdk/client-g']);
  });
});
