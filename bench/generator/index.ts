/**
 * The synthetic organization generator: plans an organization, plants the chains, then
 * generates and writes one account at a time, so memory stays flat at any size. The snapshot
 * is snapshot format v1 (optionally gzipped); the planted chains' expected findings are
 * written next to it. Same options and seed, same bytes.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { composeAccount } from './compose.js';
import { denseAccount, type DenseOptions } from './dense.js';
import { EXPECTED_SCHEMA, expectedPath, type ExpectedFile } from './expected.js';
import { organizationSection, planOrganization } from './organization.js';
import { planChains } from './plant.js';
import { Rng } from './random.js';

export type { DenseOptions } from './dense.js';
export { expectedPath, findingKey, readExpected, type ExpectedFile, type ExpectedFinding, type PlantedChain } from './expected.js';

/** What to generate. */
export interface GeneratorOptions {
  roles: number;
  accounts: number;
  /** Resources (buckets, secrets, keys, functions, SageMaker); default 5 per role. */
  resources?: number;
  seed: string;
  /**
   * Accounts per file: the organization is written as several snapshot files (`org-000.json`,
   * `org-001.json`, ...; the organization section in the first), each under V8's longest string,
   * which analysis merges back. Default: one file.
   */
  shardAccounts?: number;
}

/** What was written. */
export interface GeneratorSummary {
  snapshotPath: string;
  /** Every file written, in order (one unless sharded). */
  snapshotPaths: string[];
  expectedPath: string;
  bytes: number;
  accounts: number;
  roles: number;
  resources: number;
  expected: ExpectedFile;
}

/** Throws when options cannot describe an organization. */
function check(options: GeneratorOptions): Required<Omit<GeneratorOptions, 'shardAccounts'>> & { shardAccounts?: number } {
  const resources = options.resources ?? options.roles * 5;
  for (const [name, value, min] of [['roles', options.roles, 1], ['accounts', options.accounts, 4], ['resources', resources, 0], ['shard-accounts', options.shardAccounts ?? 1, 1]] as const) {
    if (!Number.isInteger(value) || value < min) throw new Error(`generator: --${name} must be a whole number of at least ${min}, got ${value}`);
  }
  return { ...options, resources };
}

/** `org.json` -> `org-003.json` (also for `.json.gz`). */
function shardPath(snapshotPath: string, index: number): string {
  const match = /(\.json(\.gz)?)$/.exec(snapshotPath);
  const suffix = match?.[1] ?? '';
  return `${snapshotPath.slice(0, snapshotPath.length - suffix.length)}-${String(index).padStart(3, '0')}${suffix}`;
}

/** Writes `text` and waits when the stream asks for it. */
async function put(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** A snapshot file being written, gzipped when its name ends in .gz. */
class SnapshotFile {
  bytes = 0;
  private readonly file;
  private readonly out: Writable;

  constructor(readonly path: string) {
    this.file = createWriteStream(path);
    const gzip = path.endsWith('.gz') ? createGzip({ level: 6 }) : undefined;
    if (gzip) gzip.pipe(this.file);
    this.out = gzip ?? this.file;
  }

  async write(text: string): Promise<void> {
    this.bytes += Buffer.byteLength(text);
    await put(this.out, text);
  }

  async close(): Promise<void> {
    this.out.end();
    await once(this.file, 'close');
  }
}

/** Generates a snapshot into `snapshotPath` (or shards of it) and its expected findings next to it. */
export async function writeSnapshot(snapshotPath: string, input: GeneratorOptions): Promise<GeneratorSummary> {
  const options = check(input);
  const rng = new Rng(`blastpath-generator/v1/${options.seed}`);
  const org = planOrganization(options, rng.fork('organization'));
  const plants = planChains(org, rng.fork('chains'));
  const perFile = options.shardAccounts ?? org.accounts.length;
  const paths: string[] = [];
  let bytes = 0;
  let roles = 0;
  let resources = 0;
  for (let first = 0; first < org.accounts.length; first += perFile) {
    const path = options.shardAccounts === undefined ? snapshotPath : shardPath(snapshotPath, paths.length);
    const file = new SnapshotFile(path);
    const header = { schemaVersion: 1, collectedAt: org.collectedAt, tool: { name: 'blastpath-generator', version: '1' }, ...(first === 0 ? { organization: organizationSection(org) } : {}) };
    await file.write(`${JSON.stringify(header).slice(0, -1)},"accounts":[\n`);
    for (const account of org.accounts.slice(first, first + perFile)) {
      const data = composeAccount(org, account, plants, rng.fork(`account:${account.index}`));
      const iam = data['iam'] as { AuthorizationDetails: { RoleDetailList: unknown[] } };
      roles += iam.AuthorizationDetails.RoleDetailList.length;
      resources += countResources(data);
      await file.write(`${account.index > first ? ',\n' : ''}${JSON.stringify(data)}`);
    }
    await file.write('\n],"coverage":[]}\n');
    await file.close();
    bytes += file.bytes;
    paths.push(path);
  }
  const expected: ExpectedFile = { schema: EXPECTED_SCHEMA, seed: options.seed, roles: options.roles, accounts: options.accounts, resources: options.resources, chains: plants.map((p) => p.chain) };
  const expectedFile = expectedPath(snapshotPath);
  await writeFile(expectedFile, `${JSON.stringify(expected, null, 2)}\n`);
  return { snapshotPath, snapshotPaths: paths, expectedPath: expectedFile, bytes, accounts: org.accounts.length, roles, resources, expected };
}

/** Resources of one generated account, as the graph counts them. */
function countResources(account: Record<string, unknown>): number {
  const s3 = account['s3'] as { Buckets: unknown[] };
  let n = s3.Buckets.length;
  for (const region of Object.values(account['regions'] as Record<string, Record<string, Record<string, unknown[]>>>)) {
    n += region['SecretsManager']!['SecretList']!.length + region['KMS']!['Keys']!.length + region['Lambda']!['Functions']!.length;
    const sm = region['SageMaker']!;
    for (const list of ['NotebookInstances', 'Endpoints', 'Models', 'TrainingJobs', 'ProcessingJobs', 'UserProfiles']) n += sm[list]!.length;
  }
  return n;
}

/**
 * Writes the dense single-account profile as GetAccountAuthorizationDetails output, and an
 * expected-findings file with no planted chains (dense accounts measure speed, not recall).
 */
export async function writeDenseAccount(snapshotPath: string, options: DenseOptions): Promise<GeneratorSummary> {
  if (!Number.isInteger(options.principals) || options.principals < 2) throw new Error(`generator: --principals must be a whole number of at least 2, got ${options.principals}`);
  const { gaad, users, roles } = denseAccount(options);
  const text = `${JSON.stringify(gaad)}\n`;
  const file = new SnapshotFile(snapshotPath);
  await file.write(text);
  await file.close();
  const expected: ExpectedFile = { schema: EXPECTED_SCHEMA, seed: options.seed, roles, accounts: 1, resources: 0, chains: [] };
  const expectedFile = expectedPath(snapshotPath);
  await writeFile(expectedFile, `${JSON.stringify(expected, null, 2)}\n`);
  return { snapshotPath, snapshotPaths: [snapshotPath], expectedPath: expectedFile, bytes: file.bytes, accounts: 1, roles: roles + users, resources: 0, expected };
}
