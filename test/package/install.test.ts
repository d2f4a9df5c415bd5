/**
 * Installable: the tarball `npm pack` makes (what the registry would get) holds the compiled CLI,
 * the rules and the docs and nothing stale; installed into an empty folder it runs `analyze` on
 * the demo (also with a worker thread), and collection prints no Node-version warning. The
 * Dockerfile is checked statically (no Docker here): it builds from the same pack-and-install
 * steps this test runs.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { freePort } from '../support/moto.js';

const exec = promisify(execFile);
const REPO = resolve('.');
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; engines: { node: string }; bin: Record<string, string>; files: string[] };

async function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(command, args, { ...options, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('the published package', () => {
  it('declares its command, its Node floor and what it ships', () => {
    expect(pkg.bin).toEqual({ blastpath: 'bin/blastpath.js' });
    expect(pkg.engines.node).toBe('>=20');
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(20);
    expect(pkg.files).toEqual(expect.arrayContaining(['bin', 'dist', '!dist/**/*.map', 'rules']));
  });

  it('packs, installs into an empty folder from the npm cache, and analyzes the demo', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'blastpath-pack-'));
    // dist was just built by `npm test` (which clears it first), so packing skips the compile.
    const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: REPO });
    expect(packed.code).toBe(0);
    const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const files = info!.files.map((f) => f.path);
    for (const needed of ['package.json', 'README.md', 'LICENSE', 'bin/blastpath.js', 'dist/cli/main.js', 'dist/load/duplicate-keys-worker.js', 'dist/graph/parallel/worker.js', 'rules/techniques/sts-assume-role.yaml', 'docs/ci.md']) {
      expect(files).toContain(needed);
    }
    expect(files.filter((f) => f.endsWith('.map') || f.startsWith('src/') || f.startsWith('test/') || f.startsWith('fixtures/demo/') || f.startsWith('node_modules/'))).toEqual([]);
    // Nothing stale: every compiled module comes from a source file that exists; the one other
    // file in dist is the rules compiled at build time (dist/rules/compile-bundled.js writes it).
    expect(files).toContain('dist/rules/bundled-rules.json');
    expect(files.filter((f) => f.startsWith('dist/') && f !== 'dist/rules/bundled-rules.json' && !existsSync(join('src', f.slice('dist/'.length).replace(/\.js$/, '.ts'))))).toEqual([]);

    const app = join(dir, 'app');
    await mkdir(app);
    const started = performance.now();
    const installed = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(dir, info!.filename)], { cwd: app });
    const seconds = (performance.now() - started) / 1000;
    expect(installed.stderr).not.toMatch(/npm error/);
    expect(installed.code).toBe(0);
    console.log(`packed tarball installed into an empty folder in ${seconds.toFixed(1)} s`);

    const bin = join(app, 'node_modules', '.bin', 'blastpath');
    expect((await run(bin, ['--version'], { cwd: app })).stdout.trim()).toBe(pkg.version);
    const analyzed = await run(bin, ['analyze', join(REPO, 'fixtures/demo'), '--format', 'json'], { cwd: app });
    expect(analyzed.code).toBe(0);
    const fromRepo = await run(process.execPath, [join(REPO, 'bin/blastpath.js'), 'analyze', join(REPO, 'fixtures/demo'), '--format', 'json'], { cwd: app });
    const ids = (text: string) => (JSON.parse(text) as { findings: Array<{ id: string }> }).findings.map((f) => f.id);
    expect(ids(analyzed.stdout)).toEqual(ids(fromRepo.stdout));
    expect(ids(analyzed.stdout).length).toBeGreaterThan(0);
    // The technique step's worker thread loads from the installed dist/ too, with the same report.
    const threaded = await run(bin, ['analyze', join(REPO, 'fixtures/demo'), '--format', 'json', '--workers', '2'], { cwd: app });
    expect(threaded.code).toBe(0);
    expect(threaded.stdout).toBe(analyzed.stdout);

    // Collection on Node 20: the SDK's Node 22 notice is not printed, and nothing else from Node.
    const env: NodeJS.ProcessEnv = { ...process.env, AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'not-a-real-secret', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' };
    delete env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'];
    delete env['AWS_PROFILE'];
    const collected = await run(bin, ['collect', '-o', join(app, 'x.json'), '--endpoint-url', `http://127.0.0.1:${await freePort()}`, '--max-attempts', '1'], { cwd: app, env });
    expect(collected.code).toBe(2);
    expect(collected.stderr).toMatch(/^blastpath: credentials: cannot tell which account these credentials belong to/m);
    expect(collected.stderr).not.toMatch(/NodeVersionSupportWarning|\(node:\d+\)/);
  }, 300_000);
});

describe('the Dockerfile', () => {
  const dockerfile = readFileSync('Dockerfile', 'utf8');
  const ignore = readFileSync('.dockerignore', 'utf8').split('\n');

  it('builds on the Node floor, packs the checkout and installs the tarball, as the test above does', () => {
    const floor = /^>=(\d+)$/.exec(pkg.engines.node)![1];
    const bases = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(bases).toEqual([`node:${floor}-bookworm-slim`, `node:${floor}-bookworm-slim`]);
    expect(dockerfile).toMatch(/^RUN npm ci .*&& npm pack /m);
    expect(dockerfile).toMatch(/^RUN npm install --global .*\/tmp\/blastpath\.tgz/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["blastpath"\]$/m);
  });

  it('keeps local and generated files out of the build context', () => {
    expect(ignore).toEqual(expect.arrayContaining(['node_modules', 'dist', '.git']));
  });
});
