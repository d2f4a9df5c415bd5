/**
 * The compiled bundled rules: the build's JSON gives the same RuleSet as parsing the YAML, is
 * used only for a directory with exactly the compiled content, and never hides a rule error —
 * a changed or broken directory takes the full path, whose errors name the file and the field.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RuleError } from '../../src/core/errors.js';
import { readCompiledRules, rulesDigest, writeCompiledRules } from '../../src/rules/compiled.js';
import { BUNDLED_RULES_DIR, loadRules, parseRules } from '../../src/rules/load.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'blastpath-compiled-'));
  dirs.push(dir);
  return dir;
}

/** A copy of the bundled rules and a compiled file made from it. */
function compiledCopy(): { rules: string; file: string } {
  const rules = tempDir();
  cpSync(BUNDLED_RULES_DIR, rules, { recursive: true });
  const file = join(tempDir(), 'bundled-rules.json');
  writeCompiledRules(rules, parseRules(rules), file);
  return { rules, file };
}

describe('compiled rules', () => {
  it('read back equal to the parsed rules, field for field', () => {
    const { rules, file } = compiledCopy();
    expect(readCompiledRules(rules, file)).toStrictEqual(parseRules(BUNDLED_RULES_DIR));
  });

  it('are keyed by content: any edit, added file or stray .yml makes them unused', () => {
    const { rules, file } = compiledCopy();
    const before = rulesDigest(rules);
    const scoring = join(rules, 'scoring.yaml');
    writeFileSync(scoring, `${readFileSync(scoring, 'utf8')}\n# a comment\n`);
    expect(rulesDigest(rules)).not.toBe(before);
    expect(readCompiledRules(rules, file)).toBeUndefined();

    const other = compiledCopy();
    writeFileSync(join(other.rules, 'techniques', 'extra.yml'), 'id: extra\n');
    expect(readCompiledRules(other.rules, other.file)).toBeUndefined();
  });

  it('never stand in for a broken directory: the error still names the file and the field', () => {
    const { rules } = compiledCopy();
    const file = join(rules, 'techniques', 'sts-assume-role.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^severity: .*$/m, 'severity: catastrophic'));
    let error: unknown;
    try {
      loadRules({ dir: rules });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuleError);
    expect((error as RuleError).message).toContain('techniques/sts-assume-role.yaml');
    expect((error as RuleError).message).toContain('severity');
  });

  it('are missing or unreadable without harm: loading falls back to parsing', () => {
    const dir = tempDir();
    expect(readCompiledRules(BUNDLED_RULES_DIR, join(dir, 'none.json'))).toBeUndefined();
    writeFileSync(join(dir, 'bad.json'), '{ not json');
    expect(readCompiledRules(BUNDLED_RULES_DIR, join(dir, 'bad.json'))).toBeUndefined();
  });
});
