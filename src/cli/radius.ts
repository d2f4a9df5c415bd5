/**
 * `blastpath radius <from> <input...>`: everything one entry, workload, identity or credential
 * reaches, grouped by account, impact and sensitivity, with the smallest set of statements
 * whose removal cuts all of it. Formats: table (a tree), json, mermaid. Exit 0.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { radiusOf } from '../analyze/radius.js';
import { buildGraph } from '../graph/index.js';
import { loadInputs } from '../load/index.js';
import { RADIUS_FORMATS, renderRadius, type RadiusFormat } from '../report/radius.js';
import { loadRules } from '../rules/index.js';
import { redactText } from '../snapshot/index.js';
import type { CliIo } from './io.js';
import { resolveNode } from './resolve-node.js';

interface RadiusFlags {
  format: RadiusFormat;
  maxDepth?: number;
  rules?: string;
  derived: boolean;
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 20) throw new InvalidArgumentError('expected a whole number from 1 to 20');
  return n;
}

/** Adds the radius command. */
export function registerRadius(cli: Command, io: CliIo): void {
  cli
    .command('radius')
    .description('Show everything one entry, workload, identity or credential reaches, and the fewest statements that cut it all')
    .argument('<from>', 'node id: a principal, workload or resource ARN, internet, anonymous, or an access key id')
    .argument('<input...>', 'snapshot files (.json or .json.gz), GAAD output, or directories')
    .addOption(new Option('-f, --format <format>', 'output format').choices(RADIUS_FORMATS).default('table'))
    .option('--max-depth <n>', 'maximum hops (default: the scoring rules\' search.maxDepth)', positive)
    .option('--rules <dir>', 'a rules directory replacing the bundled one')
    .option('--no-derived', 'leave out techniques no public research demonstrates yet')
    .action(async (from: string, inputs: string[], flags: RadiusFlags) => {
      const loaded = await loadInputs(inputs);
      const rules = loadRules(flags.rules ? { dir: flags.rules } : {});
      const built = buildGraph(loaded, rules, flags.derived === false ? { derived: false } : {});
      const node = resolveNode(built, loaded.snapshot, from, '<from>');
      const result = radiusOf(built, rules, node, flags.maxDepth ? { maxDepth: flags.maxDepth } : {});
      io.stdout(redactText(renderRadius(flags.format, result)));
    });
}
