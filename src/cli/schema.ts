/** `blastpath schema`: prints the snapshot format as JSON Schema, for users assembling inputs. */
import type { Command } from 'commander';
import { snapshotJsonSchema } from '../snapshot/index.js';
import type { CliIo } from './io.js';

/** Adds the schema command. */
export function registerSchema(cli: Command, io: CliIo): void {
  cli
    .command('schema')
    .description('Print the JSON Schema of the snapshot format (v1)')
    .action(() => {
      io.stdout(`${JSON.stringify(snapshotJsonSchema(), null, 2)}\n`);
    });
}
