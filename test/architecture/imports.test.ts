/**
 * Imports point one way: no module of src/ reaches itself again through its imports, type-only
 * imports included (a type cycle today is a value cycle after the next refactor).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph, sourceFiles, srcPath } from './sources.js';

describe('import cycles', () => {
  it('src/ has none', () => {
    const cycles = importCycles(importGraph(sourceFiles())).map((cycle) => cycle.map(srcPath).join(' -> '));
    expect(cycles).toEqual([]);
  });

  it('the check sees type-only, re-export and multi-line imports', () => {
    const file = (name: string) => join('/virtual', name);
    const texts: Record<string, string> = {
      [file('a.ts')]: "import type { B } from './b.js';\n",
      [file('b.ts')]: "import {\n  c,\n  type C,\n} from './c.js';\n",
      [file('c.ts')]: "export type { A } from './a.js';\n",
      [file('d.ts')]: "// import { a } from './a.js'\nimport { c } from './c.js';\n",
    };
    const graph = importGraph(Object.keys(texts), (f) => texts[f]!);
    expect(importCycles(graph)).toEqual([[file('a.ts'), file('b.ts'), file('c.ts')]]);
  });
});
