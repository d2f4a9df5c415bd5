/**
 * One reader: in src/graph/ only the facts layer (facts/) reads the snapshot. Everything else —
 * techniques, entry points, access, sensitivity, the steps — asks the facts. The check uses the
 * compiler's own types, so renaming, destructuring, aliasing or indexing a snapshot value does
 * not hide a read: a guarded file may neither import from src/snapshot/ nor hold any value whose
 * type is one of the snapshot's records (an object type with fields declared in src/snapshot/).
 * graph/index.ts (hands the loaded snapshot to buildFacts), graph/proof.ts (hands fixtures to
 * buildGraph) and graph/parallel/threads.ts and worker.ts (hand it to a worker thread and to
 * buildFacts there) pass the snapshot along without reading it; they are the only exceptions.
 */
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { SRC, sourceFiles, srcPath } from './sources.js';

const ROOT = dirname(SRC.replace(/\/$/, ''));
const SNAPSHOT_DIR = join(SRC, 'snapshot');
const FACTS_DIR = join(SRC, 'graph', 'facts');
const PASS_ALONG = new Set(['graph/index.ts', 'graph/proof.ts', 'graph/parallel/threads.ts', 'graph/parallel/worker.ts']);

/** Files of src/graph/ that must not read the snapshot. */
function guarded(files: readonly string[]): string[] {
  return files.filter((f) => srcPath(f).startsWith('graph/') && !f.startsWith(FACTS_DIR) && !PASS_ALONG.has(srcPath(f)));
}

function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  return { ...ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT).options, noEmit: true };
}

const inSnapshot = (decl: ts.Declaration) => decl.getSourceFile().fileName.startsWith(SNAPSHOT_DIR);

/** True when a type is (or contains, through unions and arrays) a snapshot record or the loaded snapshot. */
function isSnapshotType(checker: ts.TypeChecker, type: ts.Type, depth = 0): boolean {
  if (depth > 3) return false;
  if (type.isUnionOrIntersection()) return type.types.some((t) => isSnapshotType(checker, t, depth + 1));
  if (checker.isArrayType(type) || checker.isTupleType(type)) return checker.getTypeArguments(type as ts.TypeReference).some((t) => isSnapshotType(checker, t, depth + 1));
  if (type.getSymbol()?.getName() === 'LoadedSnapshot') return true;
  const record = type.getStringIndexType();
  if (record && isSnapshotType(checker, record, depth + 1)) return true;
  return type.getProperties().some((p) => (p.declarations ?? []).some(inSnapshot));
}

/** Every place in `files` that imports from src/snapshot/ or holds a snapshot value, as `file:line: text`. */
function snapshotReads(program: ts.Program, files: readonly string[]): string[] {
  const checker = program.getTypeChecker();
  const out: string[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`not in the program: ${file}`);
    const report = (node: ts.Node, what: string) => out.push(`${srcPath(file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${what} ${node.getText().slice(0, 60)}`);
    const visit = (node: ts.Node): void => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        const resolved = ts.resolveModuleName(node.moduleSpecifier.text, file, program.getCompilerOptions(), ts.sys).resolvedModule;
        if (resolved?.resolvedFileName.startsWith(SNAPSHOT_DIR)) report(node.moduleSpecifier, 'imports');
        return;
      }
      if ((ts.isIdentifier(node) || ts.isElementAccessExpression(node) || ts.isCallExpression(node)) && isSnapshotType(checker, checker.getTypeAtLocation(node))) {
        report(node, 'reads');
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

// Each test type-checks part of src/ (several seconds alone, far more on a busy runner).
const TYPE_CHECK_TIMEOUT_MS = 120_000;

describe('the facts layer is the only reader of the snapshot', () => {
  it('no file of src/graph/ outside facts/ imports or reads the snapshot', () => {
    const files = sourceFiles(join(SRC, 'graph'));
    expect(guarded(files).length).toBeGreaterThan(30);
    const program = ts.createProgram({ rootNames: files, options: compilerOptions() });
    expect(snapshotReads(program, guarded(files))).toEqual([]);
  }, TYPE_CHECK_TIMEOUT_MS);

  it('the check sees reads however they are spelt', () => {
    const probe = join(SRC, 'graph', 'techniques', 'probe.ts');
    const text = [
      "import type { LoadedSnapshot } from '../facts/index.js';",
      "import type { AccountData } from '../../snapshot/index.js';",
      'export function direct(input: LoadedSnapshot) { return input.snapshot.accounts.length; }',
      'export function destructured({ snapshot }: LoadedSnapshot) { const { accounts: list } = snapshot; return list.map((a) => a.accountId); }',
      "export function indexed(input: LoadedSnapshot) { const a = input['snapshot']['accounts'][0]; return a; }",
      'export function typed(account: AccountData) { return Object.keys(account.regions); }',
      'export function clean(values: string[]) { return values.length; }',
    ].join('\n');
    const options = compilerOptions();
    const host = ts.createCompilerHost(options);
    const read = host.readFile.bind(host);
    host.readFile = (name) => (name === probe ? text : read(name));
    const exists = host.fileExists.bind(host);
    host.fileExists = (name) => name === probe || exists(name);
    const program = ts.createProgram({ rootNames: [probe], options, host });
    const lines = new Set(snapshotReads(program, [probe]).map((v) => Number(v.split(':')[1])));
    // The import from src/snapshot/ and every function but the clean one.
    expect([...lines].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6]);
  }, TYPE_CHECK_TIMEOUT_MS);
});
