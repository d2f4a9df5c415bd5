/**
 * `blastpath export <input...> --format opengraph|neo4j|neptune|graphml -o DIR`: the whole
 * typed graph with provenance, written as the files the target engine loads (streamed, so a
 * graph of hundreds of thousands of edges is never one string). docs/graph-engines.md says how
 * to load each and which Cypher queries reproduce the findings there.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Command, Option } from 'commander';
import { InputError } from '../core/errors.js';
import { EXPORT_FORMATS, exportFiles, type ExportFormat } from '../export/index.js';
import { exportInputs } from '../pipeline.js';
import { analysisTime, AT_HELP } from './at-flag.js';
import { workerCount, WORKERS_HELP } from './workers-flag.js';
import type { CliIo } from './io.js';
import { stageProgress } from './progress.js';

interface ExportFlags {
  format: ExportFormat;
  output: string;
  from?: string[];
  rules?: string;
  derived?: boolean;
  at?: string;
  workers?: number;
}

/** Adds the export command. */
export function registerExport(cli: Command, io: CliIo): void {
  cli
    .command('export')
    .description('Export the whole attack graph with provenance for a graph engine (BloodHound OpenGraph, Neo4j, Neptune, GraphML)')
    .argument('<input...>', 'snapshot files (.json or .json.gz), GAAD output, or directories')
    .addOption(new Option('-f, --format <format>', 'target format').choices(EXPORT_FORMATS).makeOptionMandatory())
    .requiredOption('-o, --output <dir>', 'directory to write the files into (created if missing)')
    .option('--from <arn>', 'what-if: treat this principal or workload as compromised (repeatable)', (v: string, p: string[]) => [...p, v], [] as string[])
    .option('--rules <dir>', 'use the rules in this directory instead of the bundled ones')
    .option('--no-derived', 'leave out techniques no public research demonstrates yet (confidence: derived)')
    .option('--at <time>', AT_HELP, analysisTime)
    .option('--workers <n>', WORKERS_HELP, workerCount)
    .action(async (inputs: string[], flags: ExportFlags) => {
      const progress = stageProgress(io, 'exporting');
      const graph = await exportInputs({
        inputs,
        onProgress: progress.onProgress,
        ...(flags.from?.length ? { whatIf: flags.from } : {}),
        ...(flags.rules ? { rulesDir: flags.rules } : {}),
        ...(flags.derived === false ? { derived: false } : {}),
        ...(flags.at ? { at: flags.at } : {}),
        ...(flags.workers ? { workers: flags.workers } : {}),
      });
      const files = exportFiles(flags.format, graph);
      try {
        await mkdir(flags.output, { recursive: true });
        for (const file of files) {
          progress.onProgress({ stage: `writing ${file.name}` });
          await pipeline(Readable.from(file.chunks()), createWriteStream(join(flags.output, file.name)));
        }
      } catch (error) {
        throw new InputError(`--output ${flags.output}`, `cannot write: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      } finally {
        progress.finish('exported');
      }
      io.stderr(`blastpath: exported ${graph.nodes.length} nodes and ${graph.edges.length} edges (${flags.format}) to ${flags.output}:\n`);
      for (const file of files) io.stderr(`blastpath:   ${file.name}: ${file.role}\n`);
    });
}
