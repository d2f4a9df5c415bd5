/**
 * Caches belong to an object with a lifetime (the facts and the steps of one build), never to
 * a module: a module-level map or mutable binding in src/graph/ is hidden state shared by every
 * build in the process. Constant lookup tables (a Set of literals, a frozen record) are fine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { SRC, sourceFiles, srcPath } from './sources.js';

const STATEFUL = new Set(['Map', 'WeakMap', 'WeakSet', 'WeakRef']);

/** Module-level bindings of a source text that can hold state, as `line: text`. */
function moduleState(text: string): string[] {
  const source = ts.createSourceFile('module.ts', text, ts.ScriptTarget.ES2022, true);
  const out: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const mutable = (statement.declarationList.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) !== ts.NodeFlags.Const;
    for (const declaration of statement.declarationList.declarations) {
      let init = declaration.initializer;
      while (init && (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init))) init = init.expression;
      const stateful =
        mutable ||
        (init !== undefined && ts.isNewExpression(init) && ts.isIdentifier(init.expression) && STATEFUL.has(init.expression.text)) ||
        (init !== undefined && ts.isArrayLiteralExpression(init) && init.elements.length === 0) ||
        (init !== undefined && ts.isObjectLiteralExpression(init) && init.properties.length === 0);
      if (stateful) out.push(`${source.getLineAndCharacterOfPosition(declaration.getStart()).line + 1}: ${declaration.getText().slice(0, 60)}`);
    }
  }
  return out;
}

describe('module state', () => {
  it('src/graph/ keeps no state at module level', () => {
    const found = sourceFiles(join(SRC, 'graph')).flatMap((file) => moduleState(readFileSync(file, 'utf8')).map((hit) => `${srcPath(file)}:${hit}`));
    expect(found).toEqual([]);
  });

  it('the check sees memo maps, mutable bindings and empty collections', () => {
    const text = [
      'const cache = new WeakMap<object, string>();',
      "const table = new Set(['a', 'b']);",
      'let memo: string | undefined;',
      'const seen = new Map() as Map<string, number>;',
      'const list: string[] = [];',
      "const RECORD = { a: 1 } as const;",
    ].join('\n');
    expect(moduleState(text).map((hit) => Number(hit.split(':')[0]))).toEqual([1, 3, 4, 5]);
  });
});
