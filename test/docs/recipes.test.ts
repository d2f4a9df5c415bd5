/**
 * Every documented recipe runs: the shell and CI blocks of README.md and docs/*.md are split into
 * commands and run as written, through the real `bin/blastpath.js`, each document in its own
 * folder. Collections go to the moto emulator (started here on 127.0.0.1, seeded with an
 * organization and a few IAM entities); `aws` commands run the real AWS CLI against it; input
 * files the docs take for granted (prod.json, snapshots/) are the demo. A block the test cannot
 * run carries a visible "Not run by the recipe test: <why>" line; there are at most two.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { IAMClient, CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateAccountCommand, CreateOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sarifErrors } from '../gate/sarif-schema.js';
import { MOTO_CREDENTIALS, motoEnv, startMoto, type Moto } from '../support/moto.js';
import { documentedFiles, recipeBlocks, recipesOf, type Recipe } from './recipes.js';

const REPO = resolve('.');
const BIN = join(REPO, 'bin/blastpath.js');
const VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const DEMO = { prod: 'fixtures/demo/ml-prod.snapshot.json', data: 'fixtures/demo/data-platform.snapshot.json' };

/** Gap causes an emulator produces on its own: operations it lacks, sections no collector fills. */
const EMULATOR_REASONS = new Set(['invalid-response', 'not-implemented', 'not-supported', 'not-requested', 'partial']);

/** Where a document's recipes run: its folder, and the environment (with its own emulator when it needs AWS). */
interface Place {
  work: string;
  env: NodeJS.ProcessEnv;
}

const motos: Moto[] = [];

interface Ran {
  recipe: Recipe;
  code: number;
  stdout: string;
  stderr: string;
}

function exec(file: string, args: string[], place: Place): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(file, args, { cwd: place.work, env: place.env, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

/** Files the docs take for granted, made from the demo (or, for a baseline, from a collected snapshot). */
const STAND_INS: Record<string, (place: Place) => Promise<void>> = {
  'prod.json': async ({ work }) => copyFileSync(DEMO.prod, join(work, 'prod.json')),
  'data.json': async ({ work }) => copyFileSync(DEMO.data, join(work, 'data.json')),
  'snapshots/': async ({ work }) => {
    mkdirSync(join(work, 'snapshots'));
    copyFileSync(DEMO.prod, join(work, 'snapshots/prod.json'));
    copyFileSync(DEMO.data, join(work, 'snapshots/data.json'));
  },
  // The accepted state of the organization the scan gates: a baseline of its own snapshot.
  'baseline.json': async (place) => {
    const made = await exec(process.execPath, [BIN, 'baseline', '-o', 'baseline.json', 'org.json.gz'], place);
    expect(made.code, made.stderr).toBe(0);
  },
};

/** Runs one command as its document says; returns undefined for lines the test does not run. */
async function runRecipe(recipe: Recipe, place: Place): Promise<Ran | undefined> {
  const { work } = place;
  const [head, ...rest] = recipe.argv;
  const where = `${recipe.doc}:${recipe.line}`;
  if (head === 'npx' && rest[0] === 'blastpath') return { recipe, ...(await exec(process.execPath, [BIN, ...rest.slice(1)], place)) };
  if (head === 'blastpath') return { recipe, ...(await exec(process.execPath, [BIN, ...rest], place)) };
  if (head === 'aws') {
    const ran = await exec('aws', rest, place);
    if (recipe.stdoutTo) writeFileSync(join(work, recipe.stdoutTo), ran.stdout);
    return { recipe, ...ran };
  }
  if (head === 'mkdir' && rest[0] === '-p') {
    for (const dir of rest.slice(1)) mkdirSync(join(work, dir), { recursive: true });
    return undefined;
  }
  // The Quick start's own install and test commands: this run is what they do (.ci/run).
  if (head === 'npm' && (rest.join(' ') === 'ci' || rest.join(' ') === 'test')) {
    expect(readFileSync('.ci/run', 'utf8'), where).toContain(`npm ${rest[0]}`);
    return undefined;
  }
  // CI installs a pinned version; test/package/install.test.ts installs the packed tarball itself.
  if (head === 'npm' && rest[0] === 'install' && rest.includes('--global')) {
    expect(rest.find((w) => w.startsWith('blastpath')), where).toBe(`blastpath@${VERSION}`);
    return undefined;
  }
  // CI plumbing around the blastpath steps: it needs GitHub or GitLab (docs/ci.md says so).
  if (recipe.ci && (head === 'gh' || head === 'echo')) return undefined;
  throw new Error(`${where}: the recipe test does not know how to run "${recipe.argv.join(' ')}"; run it here or annotate the block`);
}

/** What a stand-in is made from, so it waits for the recipe that writes that. */
const STAND_IN_NEEDS: Record<string, string[]> = { 'baseline.json': ['org.json.gz'] };

/**
 * Runs a document's recipes in waves: each wave holds the recipes whose inputs exist (or are
 * stand-ins), no two of them touching the same file, run at once. A command identical to one
 * already run (the same collection in two CI recipes) runs once.
 */
async function runDocument(recipes: Recipe[], place: Place): Promise<Ran[]> {
  const { work } = place;
  const seen = new Set<string>();
  const pending = recipes.filter((r) => {
    const key = JSON.stringify([r.argv, r.stdoutTo]);
    return seen.has(key) ? false : (seen.add(key), true);
  });
  const ran: Ran[] = [];
  while (pending.length > 0) {
    const written = new Set(pending.flatMap((r) => r.writes));
    const available = (file: string): boolean => existsSync(join(work, file)) || (!written.has(file) && (STAND_IN_NEEDS[file] ?? []).every(available));
    // Readers of one file run together; a writer runs alone with that file.
    const reading = new Set<string>();
    const writing = new Set<string>();
    const wave = pending.filter((r) => {
      if (!r.reads.every(available)) return false;
      if (r.reads.some((f) => writing.has(f)) || r.writes.some((f) => writing.has(f) || reading.has(f))) return false;
      r.reads.forEach((f) => reading.add(f));
      r.writes.forEach((f) => writing.add(f));
      return true;
    });
    expect(wave.length, `no recipe of ${pending[0]!.doc} can run: each reads a file another one writes`).toBeGreaterThan(0);
    for (const recipe of wave) {
      pending.splice(pending.indexOf(recipe), 1);
      for (const file of recipe.reads) {
        if (existsSync(join(work, file))) continue;
        const make = STAND_INS[file];
        expect(make, `${recipe.doc}:${recipe.line} reads ${file}, which no recipe writes and the test has no stand-in for`).toBeDefined();
        await make!(place);
      }
    }
    for (const result of await Promise.all(wave.map((recipe) => runRecipe(recipe, place)))) if (result) ran.push(result);
  }
  return ran;
}

/** The exit code a recipe must have: 0, or 3 for `--strict` when the emulator's own gaps are all there is. */
function expectSuccess({ recipe, code, stderr }: Ran): void {
  const where = `${recipe.doc}:${recipe.line}: ${recipe.argv.join(' ')}`;
  if (code === 3 && recipe.argv.includes('--strict')) {
    expect(stderr, where).toMatch(/incomplete: \d+ coverage gaps? \(--strict\)/);
    const reasons = [...stderr.matchAll(/^blastpath: {3}\d+ gaps?, ([a-z-]+):/gm)].map((m) => m[1]!);
    expect(reasons.filter((r) => !EMULATOR_REASONS.has(r)), where).toEqual([]);
    return;
  }
  expect({ where, code, stderr: stderr.slice(0, 2000) }).toMatchObject({ code: 0 });
  expect(stderr, where).not.toMatch(/internal error|\n\s+at /);
}

/**
 * A moto server for one document (moto answers one call at a time, so documents that collect get
 * their own), seeded with an organization with one member, a user with an access key, and a role
 * an outside account can assume with admin rights.
 */
async function emulator(): Promise<NodeJS.ProcessEnv> {
  const moto = await startMoto();
  motos.push(moto);
  const env: NodeJS.ProcessEnv = { ...process.env, ...motoEnv(moto.endpoint, mkdtempSync(join(tmpdir(), 'blastpath-recipes-home-'))) };
  for (const name of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED']) delete env[name];
  const config = { region: 'us-east-1', endpoint: moto.endpoint, credentials: MOTO_CREDENTIALS };
  const org = new OrganizationsClient(config);
  const iam = new IAMClient(config);
  try {
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    await org.send(new CreateAccountCommand({ AccountName: 'member', Email: 'member@example.com' }));
    await iam.send(new CreateUserCommand({ UserName: 'ci-legacy' }));
    await iam.send(new CreateAccessKeyCommand({ UserName: 'ci-legacy' }));
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 'sts:AssumeRole' }] };
    await iam.send(new CreateRoleCommand({ RoleName: 'vendor-access', AssumeRolePolicyDocument: JSON.stringify(trust) }));
    const admin = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
    await iam.send(new PutRolePolicyCommand({ RoleName: 'vendor-access', PolicyName: 'admin', PolicyDocument: JSON.stringify(admin) }));
  } finally {
    org.destroy();
    iam.destroy();
  }
  return env;
}

/** Whether a document's recipes talk to AWS. */
const needsAws = (recipes: readonly Recipe[]) => recipes.some((r) => r.argv[0] === 'aws' || r.argv.some((w) => w === 'collect' || w === 'scan'));

beforeAll(() => {
  // The seeding clients are the test's own; the CLI runs are where the Node notice must not show.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
});

afterAll(async () => {
  await Promise.all(motos.map((moto) => moto.stop()));
});

describe('documented recipes', () => {
  const documents = documentedFiles();
  const blocks = documents.flatMap(recipeBlocks);

  it('exclusions are few, visible and say why', () => {
    const skipped = blocks.filter((b) => b.skipped);
    expect(skipped.map((b) => `${b.doc}:${b.line}`)).toEqual(['docs/ci.md:' + skipped.find((b) => b.doc === 'docs/ci.md')?.line, 'docs/performance.md:' + skipped.find((b) => b.doc === 'docs/performance.md')?.line]);
    for (const block of skipped) expect(block.skipped!.length).toBeGreaterThan(20);
  });

  it('every command of README.md and docs/*.md runs as written', async () => {
    const byDoc = new Map<string, Recipe[]>();
    for (const block of blocks.filter((b) => !b.skipped)) byDoc.set(block.doc, [...(byDoc.get(block.doc) ?? []), ...recipesOf(block)]);
    const places = new Map<string, Place>();
    for (const [doc, recipes] of byDoc) {
      const work = mkdtempSync(join(tmpdir(), `blastpath-recipe-${doc.replace(/\W/g, '-')}-`));
      // The Quick start analyzes fixtures/demo from the checkout.
      symlinkSync(join(REPO, 'fixtures'), join(work, 'fixtures'));
      places.set(doc, { work, env: needsAws(recipes) ? await emulator() : { ...process.env } });
    }
    const results = await Promise.all([...byDoc.entries()].map(([doc, recipes]) => runDocument(recipes, places.get(doc)!)));
    const ran = results.flat();
    for (const result of ran) expectSuccess(result);
    // Every document with recipes ran some, and the main verbs were all exercised.
    const verbs = new Set(ran.map((r) => r.recipe.argv.find((w) => !['npx', 'blastpath'].includes(w))));
    for (const verb of ['analyze', 'collect', 'scan', 'baseline', 'diff', 'export', 'aws']) expect(verbs).toContain(verb);

    // collect.md: the scan's gzip snapshot reads back, and analyze of it reports what scan did.
    const collect = places.get('docs/collect.md')!;
    const collectDir = collect.work;
    const snap = readFileSync(join(collectDir, 'snap.json.gz'));
    expect([snap[0], snap[1]]).toEqual([0x1f, 0x8b]);
    expect(JSON.parse(gunzipSync(snap).toString()).schemaVersion).toBe(1);
    const again = await exec(process.execPath, [BIN, 'analyze', 'snap.json.gz', '--format', 'json'], collect);
    expect(again.code).toBe(0);
    const ids = (text: string) => (JSON.parse(text) as { findings: Array<{ id: string }> }).findings.map((f) => f.id);
    expect(ids(again.stdout)).toEqual(ids(readFileSync(join(collectDir, 'findings.json'), 'utf8')));

    // ci.md: valid SARIF, a passing gate on the baseline, and a failing one without it.
    const ci = places.get('docs/ci.md')!;
    const ciDir = ci.work;
    expect(sarifErrors(JSON.parse(readFileSync(join(ciDir, 'blastpath.sarif'), 'utf8')))).toEqual([]);
    expect(readFileSync(join(ciDir, 'blastpath.md'), 'utf8')).toContain('**Gate passed**');
    writeFileSync(join(ciDir, '.blastpath/baseline.json'), JSON.stringify({ schema: 'blastpath.baseline/v1', findings: [] }));
    const gate = ran.find((r) => r.recipe.doc === 'docs/ci.md' && r.recipe.argv.includes('sarif') && r.recipe.argv.includes('--fail-on'))!;
    expect((await exec(process.execPath, [BIN, ...gate.recipe.argv.slice(1)], ci)).code).toBe(1);
  }, 600_000);
});
