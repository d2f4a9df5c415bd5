/**
 * The bundled rules, compiled once at build time: `npm run build` validates rules/ and writes
 * the RuleSet as JSON next to this module, keyed by a digest of every rule file and of the
 * validating code. A run whose rules directory has exactly that digest reads the JSON instead of
 * parsing YAML and validating it again; any other directory (an edited checkout, a user's
 * `--rules DIR`) takes the full path, whose errors name the file and the field.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareStrings } from '../core/hash.js';
import type { RuleSet } from './schema.js';

/** Where the build writes the compiled bundled rules: beside this module in dist/. */
export const COMPILED_RULES_FILE = fileURLToPath(new URL('./bundled-rules.json', import.meta.url));

/** Rule files at the top of a rules directory, and the directories of one file per rule. */
const TOP_FILES = ['scoring.yaml', 'resource-access.yaml'];
const KIND_DIRS = ['techniques', 'entry-points', 'sensitivity'];
/** The modules whose code decides what a valid rule set is; a change to them changes the digest. */
const VALIDATORS = ['schema', 'checks', 'load', 'read-file'];

/** The compiled file's content. */
interface CompiledRules {
  digest: string;
  rules: RuleSet;
}

/**
 * A digest of everything loading `dir` reads (every file name of the rule directories, so a
 * stray `.yml` also counts, and every content) and of the validating modules beside this one.
 * Undefined when a part cannot be read: the full path then reports it properly.
 */
export function rulesDigest(dir: string): string | undefined {
  const hash = createHash('sha256');
  try {
    const files = [...TOP_FILES];
    for (const kind of KIND_DIRS) for (const name of readdirSync(join(dir, kind)).sort(compareStrings)) files.push(`${kind}/${name}`);
    for (const file of files) hash.update(`${file}\0`).update(readFileSync(join(dir, file))).update('\0');
    for (const name of VALIDATORS) {
      const url = new URL(`./${name}.js`, import.meta.url);
      // Under a TypeScript runner the sources are .ts, and no compiled file sits beside them.
      if (existsSync(url)) hash.update(readFileSync(url));
    }
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}

/** The compiled rules when they were compiled from exactly what `dir` holds now; else undefined. */
export function readCompiledRules(dir: string, file = COMPILED_RULES_FILE): RuleSet | undefined {
  if (!existsSync(file)) return undefined;
  let compiled: CompiledRules;
  try {
    compiled = JSON.parse(readFileSync(file, 'utf8')) as CompiledRules;
  } catch {
    return undefined;
  }
  return compiled.digest === rulesDigest(dir) ? compiled.rules : undefined;
}

/** Writes the compiled form of `rules`, which the caller loaded and validated from `dir`. */
export function writeCompiledRules(dir: string, rules: RuleSet, file = COMPILED_RULES_FILE): void {
  const digest = rulesDigest(dir);
  if (digest === undefined) throw new Error(`rules: cannot digest ${dir}`);
  writeFileSync(file, `${JSON.stringify({ digest, rules } satisfies CompiledRules)}\n`);
}
