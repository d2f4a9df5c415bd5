/**
 * `blastpath path <from> <to> <input...>`: can this principal, workload or credential reach
 * that node, and how? The best path and its alternatives over the graph model, each hop with
 * its provenance. Exit 0 reachable, 1 not reachable, 4 reachable only under open conditions
 * (the convention of `blastpath can`).
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { queryPath } from '../analyze/path-query.js';
import { buildGraph } from '../graph/index.js';
import { loadInputs } from '../load/index.js';
import { PATH_FORMATS, renderPath, type PathFormat } from '../report/path-query.js';
import { loadRules } from '../rules/index.js';
import { redactText } from '../snapshot/index.js';
import { CommandExit } from './exit.js';
import type { CliIo } from './io.js';
import { resolveNode } from './resolve-node.js';

const EXIT_BY_REACHABILITY = { reachable: 0, unreachable: 1, conditional: 4 } as const;

interface PathFlags {
  format: PathFormat;
  alternatives: number;
  rules?: string;
  derived: boolean;
}

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 20) throw new InvalidArgumentError('expected a whole number from 0 to 20');
  return n;
}

/** Adds the path command. */
export function registerPath(cli: Command, io: CliIo): void {
  cli
    .command('path')
    .description('Show whether and how one node reaches another: the best path and its alternatives, each hop with its provenance')
    .argument('<from>', 'node id: a principal, workload or resource ARN, internet, anonymous, or an access key id')
    .argument('<to>', 'node id: a resource, role or workload ARN, admin:<account>, bedrock:<account>')
    .argument('<input...>', 'snapshot files (.json or .json.gz), GAAD output, or directories')
    .addOption(new Option('-f, --format <format>', 'output format').choices(PATH_FORMATS).default('table'))
    .option('--alternatives <n>', 'other paths to show besides the best one', count, 2)
    .option('--rules <dir>', 'a rules directory replacing the bundled one')
    .option('--no-derived', 'leave out techniques no public research demonstrates yet')
    .action(async (from: string, to: string, inputs: string[], flags: PathFlags) => {
      const loaded = await loadInputs(inputs);
      const rules = loadRules(flags.rules ? { dir: flags.rules } : {});
      const built = buildGraph(loaded, rules, flags.derived === false ? { derived: false } : {});
      const source = resolveNode(built, loaded.snapshot, from, '<from>');
      const target = resolveNode(built, loaded.snapshot, to, '<to>');
      const answer = queryPath(built, source, target, { decay: rules.scoring.depthDecay, alternatives: flags.alternatives });
      io.stdout(redactText(renderPath(flags.format, answer)));
      const code = EXIT_BY_REACHABILITY[answer.reachability];
      if (code !== 0) throw new CommandExit(code);
    });
}
