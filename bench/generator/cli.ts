/**
 * `npm run gen -- --roles N --accounts M --seed S -o FILE [--resources R]`: writes a synthetic
 * organization as a snapshot v1 file (gzipped when FILE ends in .gz) and the planted chains'
 * expected findings next to it (FILE without .json, plus .expected.json).
 */
import { parseArgs } from 'node:util';
import { writeSnapshot } from './index.js';

const USAGE = 'usage: npm run gen -- --roles N --accounts M --seed S -o FILE [--resources R]';

function whole(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name}: expected a whole number, got ${JSON.stringify(value)}`);
  return n;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      roles: { type: 'string' },
      accounts: { type: 'string' },
      resources: { type: 'string' },
      seed: { type: 'string', default: '1' },
      output: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const roles = whole('roles', values.roles);
  const accounts = whole('accounts', values.accounts);
  if (roles === undefined || accounts === undefined || !values.output) throw new Error(USAGE);
  const resources = whole('resources', values.resources);
  const started = performance.now();
  const summary = await writeSnapshot(values.output, { roles, accounts, seed: values.seed, ...(resources !== undefined ? { resources } : {}) });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(
    `gen: wrote ${summary.snapshotPath} (${(summary.bytes / 2 ** 20).toFixed(1)} MiB JSON): ${summary.accounts} accounts, ${summary.roles} roles, ` +
      `${summary.resources} resources, ${summary.expected.chains.length} planted chains in ${seconds} s\n` +
      `gen: expected findings in ${summary.expectedPath}\n`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`gen: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
