/**
 * Reading one rule file: YAML text -> plain value -> schema-checked rule. Every failure becomes
 * a RuleError naming the file (relative to the rules directory), the field and what was expected.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { RuleError, formatJsonPath } from '../core/errors.js';
import { compareStrings } from '../core/hash.js';
import { firstIssue } from '../core/validation.js';
import { yamlParser } from '../core/yaml.js';

/** Parses `file` (relative to `dir`) as YAML and validates it against `schema`. */
export function readRuleFile<S extends z.ZodType>(dir: string, file: string, schema: S): z.output<S> {
  let text: string;
  try {
    text = readFileSync(join(dir, file), 'utf8');
  } catch {
    throw new RuleError(file, '(file)', 'a readable rule file');
  }
  const doc = yamlParser().parseDocument(text);
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = syntax.linePos?.[0];
    const field = pos ? `line ${pos.line}, column ${pos.col}` : '(syntax)';
    throw new RuleError(file, field, `valid YAML (${headline(syntax.message)})`);
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) throw new RuleError(file, '(root)', 'a YAML mapping; the file is empty');
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  // zod reports an unknown key on the object that holds it; name the key itself instead.
  if (issue?.code === 'unrecognized_keys' && issue.keys.length > 0) {
    throw new RuleError(file, formatJsonPath([...issue.path, issue.keys[0]!]), 'no such field; remove it or fix its spelling');
  }
  const { where, expected } = firstIssue(parsed.error);
  throw new RuleError(file, where, expected);
}

/** The `.yaml` files of one rule kind, as paths relative to `dir` (`techniques/x.yaml`), sorted. */
export function listRuleFiles(dir: string, kind: string): string[] {
  let names: string[];
  try {
    names = readdirSync(join(dir, kind));
  } catch {
    throw new RuleError(`${kind}/`, '(directory)', 'a directory of rule files');
  }
  for (const name of names) {
    // A `.yml` file would otherwise be skipped without a word, and its rule silently missing.
    if (name.endsWith('.yml')) throw new RuleError(`${kind}/${name}`, '(file name)', 'the .yaml extension');
  }
  return names
    .filter((name) => name.endsWith('.yaml'))
    .sort(compareStrings)
    .map((name) => `${kind}/${name}`);
}

/** The rule id a file must declare: its name without directory and `.yaml`. */
export function idFromFile(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1).replace(/\.yaml$/, '');
}

/** yaml's pretty errors append position and a source excerpt; keep only the sentence. */
function headline(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
