/**
 * `blastpath rules list` and `blastpath rules test [dir]`: what the techniques of a rules
 * directory are, and whether each one's vulnerable/safe fixture pair proves it. A user's own
 * rules keep their fixtures in `<dir>/fixtures/<id>/` (or `--fixtures`); a failure exits 1.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { proveEntryPoint, proveTechnique, type ProofFixtures, type ProofResult } from '../graph/proof.js';
import { loadInputs } from '../load/index.js';
import { provePosture } from '../posture/proof.js';
import { BUNDLED_RULES_DIR, loadRules } from '../rules/index.js';
import { CommandExit } from './exit.js';
import type { CliIo } from './io.js';
import { LIST_FORMATS, renderProofs, renderRuleList, type ListFormat } from '../report/rule-list.js';

/** The fixtures of the bundled rules, shipped beside them. */
const BUNDLED_FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/rules/', import.meta.url));
const FIXTURE_FILES = ['vulnerable.json', 'safe.json'] as const;

/** Where the fixtures of a rules directory live, unless `--fixtures` says otherwise. */
function fixturesFor(rulesDir: string | undefined): string {
  return rulesDir ? join(rulesDir, 'fixtures') : BUNDLED_FIXTURES_DIR;
}

/** Runs the proof of every technique, then of every entry point, then of every posture rule, each in id order. */
export async function proveRules(options: { rulesDir?: string; fixturesDir?: string }): Promise<ProofResult[]> {
  const rules = loadRules(options.rulesDir ? { dir: options.rulesDir } : {});
  const fixtures = options.fixturesDir ?? fixturesFor(options.rulesDir);
  /** The rule's fixture pair, or the problem of a missing file. */
  const pairOf = async (id: string): Promise<ProofFixtures | ProofResult> => {
    const files = FIXTURE_FILES.map((f) => join(fixtures, id, f));
    const missing = files.filter((f) => !existsSync(f));
    if (missing.length) return { id, problems: missing.map((f) => `missing fixture ${f}`) };
    return { vulnerable: await loadInputs([files[0]!]), safe: await loadInputs([files[1]!]) };
  };
  const results: ProofResult[] = [];
  for (const rule of rules.techniques) {
    const pair = await pairOf(rule.id);
    results.push('problems' in pair ? pair : proveTechnique(rule, rules, pair));
  }
  for (const rule of rules.entryPoints) {
    const pair = await pairOf(rule.id);
    results.push('problems' in pair ? pair : proveEntryPoint(rule, rules, pair));
  }
  for (const rule of rules.posture) {
    const pair = await pairOf(rule.id);
    results.push('problems' in pair ? pair : provePosture(rule, rules, pair));
  }
  return results;
}

/** Adds `rules list` and `rules test`. */
export function registerRules(cli: Command, io: CliIo): void {
  const rules = cli.command('rules').description('List the escalation techniques of a rules directory, or test its techniques and entry points against their fixtures');
  rules
    .command('list')
    .description('List techniques: id, severity, confidence, title and aliases')
    .addOption(new Option('-f, --format <format>', 'output format').choices(LIST_FORMATS).default('table'))
    .option('--rules <dir>', 'a rules directory instead of the bundled one')
    .action((flags: { format: ListFormat; rules?: string }) => {
      io.stdout(renderRuleList(loadRules(flags.rules ? { dir: flags.rules } : {}), flags.format));
    });
  rules
    .command('test')
    .description('Check every technique, entry point and posture rule against its vulnerable and safe fixtures (exit 1 on a failure)')
    .argument('[dir]', `rules directory (default: the bundled rules, ${BUNDLED_RULES_DIR})`)
    .option('--fixtures <dir>', 'fixture directory holding <id>/vulnerable.json and <id>/safe.json (default: <dir>/fixtures)')
    .action(async (dir: string | undefined, flags: { fixtures?: string }) => {
      const results = await proveRules({ ...(dir ? { rulesDir: dir } : {}), ...(flags.fixtures ? { fixturesDir: flags.fixtures } : {}) });
      io.stdout(renderProofs(results));
      const failed = results.filter((r) => r.problems.length).length;
      if (failed) throw new CommandExit(1, `${failed} rule(s) failed their fixtures`);
    });
}
