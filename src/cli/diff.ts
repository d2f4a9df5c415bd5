/**
 * `blastpath diff <old> <new>`: which attack paths a change opened or closed, and what opened
 * each one. Each side is one path: a snapshot file, GAAD output or a directory of them (analyzed
 * as `analyze` would), or a JSON report written by `analyze --format json`.
 */
import { readFile, stat } from 'node:fs/promises';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { SEVERITIES, type Severity } from '../analyze/finding.js';
import { atLeast } from '../gate/index.js';
import { diffSides, findingsFromReport, isFindingsReport, sideFromFindings, sideFromGraph, type DiffSide } from '../gate/diff/index.js';
import { DIFF_FORMATS, renderDiff, type DiffFormat } from '../report/diff.js';
import { analyzeInputs, ruleDocs } from '../pipeline.js';
import type { RuleDoc } from '../report/index.js';
import { redactText } from '../snapshot/index.js';
import { CommandExit } from './exit.js';
import type { CliIo } from './io.js';
import { writeOutput } from './write-output.js';

interface DiffFlags {
  format: DiffFormat;
  output?: string;
  maxDepth?: number;
  rules?: string;
  derived?: boolean;
  failOn?: Severity;
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 20) throw new InvalidArgumentError('expected a whole number from 1 to 20');
  return parsed;
}

/** The parsed report when `path` is a JSON file holding a blastpath findings report; else undefined. */
async function reportAt(path: string): Promise<unknown> {
  if (!path.endsWith('.json')) return undefined;
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  try {
    const data: unknown = JSON.parse(await readFile(path, 'utf8'));
    return isFindingsReport(data) ? data : undefined;
  } catch {
    // Not JSON after all: the loader reports it with line and column.
    return undefined;
  }
}

async function loadSide(path: string, flags: DiffFlags): Promise<{ side: DiffSide; rules?: RuleDoc[] }> {
  const report = await reportAt(path);
  if (report !== undefined) return { side: sideFromFindings(path, findingsFromReport(report, path)) };
  const analyzed = await analyzeInputs({
    inputs: [path],
    ...(flags.maxDepth ? { maxDepth: flags.maxDepth } : {}),
    ...(flags.rules ? { rulesDir: flags.rules } : {}),
    ...(flags.derived === false ? { derived: false } : {}),
  });
  const side = sideFromGraph({ source: path, findings: analyzed.result.findings, built: analyzed.built, loaded: analyzed.loaded });
  return { side, rules: ruleDocs(analyzed.rules) };
}

/** Adds the diff command. */
export function registerDiff(cli: Command, io: CliIo): void {
  cli
    .command('diff')
    .description('Compare two runs: attack paths opened and closed, and the change that opened each')
    .argument('<old>', 'before: a snapshot file or directory, GAAD output, or a JSON report')
    .argument('<new>', 'after: the same kinds of input')
    .addOption(new Option('-f, --format <format>', 'output format').choices(DIFF_FORMATS).default('table'))
    .option('-o, --output <file>', 'write the diff to a file instead of stdout')
    .option('--max-depth <hops>', 'longest path searched, in hops', positiveInteger)
    .option('--rules <dir>', 'use the rules in this directory instead of the bundled ones')
    .option('--no-derived', 'leave out techniques no public research demonstrates yet (as with analyze)')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when an opened or worsened path is at or above this severity').choices(SEVERITIES))
    .action(async (oldPath: string, newPath: string, flags: DiffFlags) => {
      const before = await loadSide(oldPath, flags);
      const after = await loadSide(newPath, flags);
      const diff = diffSides(before.side, after.side);
      const rules = after.rules ?? before.rules ?? [];
      const text = renderDiff(flags.format, diff, rules);
      await writeOutput(io, flags.output, redactText(text), `wrote the diff (${diff.opened.length} opened, ${diff.closed.length} closed) to ${flags.output}`);
      const threshold = flags.failOn;
      // A path that got worse counts like a new one: its risk is new at that severity.
      const failing = threshold ? [...new Set([...diff.opened, ...diff.worsened].filter((o) => atLeast(o.finding.severity, threshold)).map((o) => o.finding.id))] : [];
      if (failing.length > 0) {
        throw new CommandExit(1, `gate failed: ${failing.length} opened or worsened ${failing.length === 1 ? 'path' : 'paths'} at or above ${threshold}: ${failing.join(', ')}`);
      }
    });
}
