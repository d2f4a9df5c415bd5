/**
 * The product's own source files, read the way the compiler reads them: every module of
 * src/ and the modules it imports (`import`, `import type`, `export ... from`, `import()`), for
 * tests that keep the architecture honest.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The repository's src/ directory. */
export const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** Every .ts file under a directory, as absolute paths in name order. */
export function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));
}

/** A path relative to src/, with forward slashes: `graph/index.ts`. */
export function srcPath(file: string): string {
  return relative(SRC, file).split('\\').join('/');
}

/**
 * The files of `files` that `file` imports, type-only imports included. Specifiers are
 * resolved as Node resolves the compiled output: `./x.js` is `./x.ts` in the sources.
 */
export function importsOf(file: string, text = readFileSync(file, 'utf8')): string[] {
  const found = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
  return found.filter((spec) => spec.startsWith('.')).map((spec) => resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
}

/** The import graph of a set of files: each file to the files of the set it imports. */
export function importGraph(files: readonly string[], read: (file: string) => string = (f) => readFileSync(f, 'utf8')): Map<string, string[]> {
  const known = new Set(files);
  return new Map(files.map((file) => [file, [...new Set(importsOf(file, read(file)))].filter((target) => known.has(target))]));
}

/**
 * The import cycles of a graph: its strongly connected components of more than one module (or
 * a module importing itself), each sorted, by Tarjan's algorithm.
 */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

/**
 * The modules `file` loads when it is itself loaded: its import and export-from declarations,
 * relative ones resolved to source files, packages by name. Type-only imports (erased by the
 * compiler) and `import()` calls (run later, if ever) are left out.
 */
export function loadTimeImportsOf(file: string, text = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typesOnly = clause !== undefined && (clause.isTypeOnly || (!clause.name && named !== undefined && named.length > 0 && named.every((e) => e.isTypeOnly)));
      if (!typesOnly) specifiers.push(statement.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) && !statement.isTypeOnly) {
      specifiers.push(statement.moduleSpecifier.text);
    }
  }
  return specifiers.map((spec) => (spec.startsWith('.') ? resolve(dirname(file), spec.replace(/\.js$/, '.ts')) : spec));
}
