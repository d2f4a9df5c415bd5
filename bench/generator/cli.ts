/**
 * `npm run gen -- --roles N --accounts M --seed S -o FILE [--resources R]`: writes a synthetic
 * organization as a snapshot v1 file (gzipped when FILE ends in .gz) and the planted chains'
 * expected findings next to it (FILE without .json, plus .expected.json).
 * `npm run gen -- --profile dense --principals N --seed S -o FILE`: one dense monolithic
 * account as GetAccountAuthorizationDetails output (bench/generator/dense.ts).
 */
import { parseArgs } from 'node:util';
import { writeDenseAccount, writeSnapshot } from './index.js';

const USAGE = 'usage: npm run gen -- --roles N --accounts M --seed S -o FILE [--resources R] [--shard-accounts K]\n       npm run gen -- --profile dense --principals N --seed S -o FILE';

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
      profile: { type: 'string', default: 'organization' },
      'shard-accounts': { type: 'string' },
      principals: { type: 'string' },
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
  if (values.profile === 'dense') {
    const principals = whole('principals', values.principals);
    if (principals === undefined || !values.output) throw new Error(USAGE);
    const started = performance.now();
    const summary = await writeDenseAccount(values.output, { principals, seed: values.seed });
    process.stderr.write(`gen: wrote ${summary.snapshotPath} (${(summary.bytes / 2 ** 20).toFixed(1)} MiB JSON): one dense account, ${summary.roles} principals in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    return 0;
  }
  if (values.profile !== 'organization') throw new Error(`--profile: expected organization or dense, got ${JSON.stringify(values.profile)}`);
  const roles = whole('roles', values.roles);
  const accounts = whole('accounts', values.accounts);
  if (roles === undefined || accounts === undefined || !values.output) throw new Error(USAGE);
  const resources = whole('resources', values.resources);
  const shardAccounts = whole('shard-accounts', values['shard-accounts']);
  const started = performance.now();
  const summary = await writeSnapshot(values.output, { roles, accounts, seed: values.seed, ...(resources !== undefined ? { resources } : {}), ...(shardAccounts !== undefined ? { shardAccounts } : {}) });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(
    `gen: wrote ${summary.snapshotPaths.join(', ')} (${(summary.bytes / 2 ** 20).toFixed(1)} MiB JSON): ${summary.accounts} accounts, ${summary.roles} roles, ` +
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
