/**
 * `blastpath collect` and `blastpath scan` end to end, in-process, against the local server.
 * The endpoint and credentials reach the AWS SDK the way a user's would: through
 * AWS_ENDPOINT_URL and AWS_ACCESS_KEY_ID in the environment (the SDK reads them natively).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startOrgServer, TEST_CREDENTIALS, UNASSUMABLE } from './helpers.js';
import type { AwsServer } from './server/index.js';

let server: AwsServer;
let dir: string;
const saved = { ...process.env };

beforeAll(async () => {
  server = await startOrgServer();
  dir = await mkdtemp(join(tmpdir(), 'blastpath-collect-'));
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: server.endpoint,
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'us-east-1',
    // Nothing from the machine's own AWS setup may leak in, and nothing may leave loopback.
    AWS_CONFIG_FILE: join(dir, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  delete process.env['AWS_PROFILE'];
  delete process.env['AWS_SESSION_TOKEN'];
});

afterAll(async () => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  await server.close();
});

// A generous timeout per attempt: on a busy machine the local server can take seconds to answer,
// and calls that time out are gaps (and, past 20% of the calls, an incomplete run).
const fast = ['--timeout', '15', '--max-attempts', '2'];

describe('blastpath collect', () => {
  it('writes a gzipped snapshot through AWS_ENDPOINT_URL, with a line-oriented log off a terminal', async () => {
    const file = join(dir, 'org.json.gz');
    const run = await runCli(['collect', '-o', file, '--org-role', 'blastpath-readonly', ...fast]);
    expect(run.code, run.stderr).toBe(0);
    const snapshot = JSON.parse(gunzipSync(await readFile(file)).toString('utf8'));
    expect(snapshot.accounts.map((a: { accountId: string }) => a.accountId)).toEqual(['111111111111', '222222222222']);
    expect(snapshot.organization.Organization.Id).toBe('o-exampleorgid');
    expect(run.stderr).toMatch(/^blastpath: account 111111111111: collecting \d+ services in 2 regions$/m);
    expect(run.stderr).toMatch(/^blastpath: account 333333333333: skipped: could not assume/m);
    expect(run.stderr).toContain(`wrote ${file}`);
    expect(run.stderr).not.toContain('\r');
    expect(await readdir(dir)).not.toContainEqual(expect.stringMatching(/\.tmp$/));
  });

  it('honours per-service endpoint variables over AWS_ENDPOINT_URL, as the SDK documents', async () => {
    const general = process.env['AWS_ENDPOINT_URL'];
    // The general endpoint is a closed loopback port: only the per-service variables can work.
    Object.assign(process.env, { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_ENDPOINT_URL_STS: server.endpoint, AWS_ENDPOINT_URL_IAM: server.endpoint });
    try {
      const run = await runCli(['collect', '-o', join(dir, 'iam.json'), '--services', 'iam', ...fast]);
      expect(run.code).toBe(0);
      expect(JSON.parse(await readFile(join(dir, 'iam.json'), 'utf8')).accounts[0].iam.AuthorizationDetails.RoleDetailList).toHaveLength(4);
    } finally {
      Object.assign(process.env, { AWS_ENDPOINT_URL: general });
      delete process.env['AWS_ENDPOINT_URL_STS'];
      delete process.env['AWS_ENDPOINT_URL_IAM'];
    }
  });

  it('--strict exits 3 when there are gaps, after writing the snapshot', async () => {
    const file = join(dir, 'strict.json');
    // --allow-partial: a run that reaches no account is incomplete on its own; this is about --strict.
    const run = await runCli(['collect', '-o', file, '--org-role', 'blastpath-readonly', '--accounts', UNASSUMABLE, '--strict', '--allow-partial', ...fast]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/blastpath: incomplete: \d+ coverage gaps? \(--strict\)/);
    const snapshot = JSON.parse(await readFile(file, 'utf8'));
    expect(snapshot.coverage).toContainEqual(expect.objectContaining({ accountId: UNASSUMABLE, service: 'sts', operation: 'AssumeRole', outcome: 'denied' }));
  });

  it('draws a status line in place when stderr is a terminal', async () => {
    const run = await runCli(['collect', '-o', join(dir, 'tty.json'), '--services', 'iam,s3', '--strict', ...fast], { isTTY: false, stderrIsTTY: true });
    // Services left out on purpose are recorded as not collected, but --strict does not fail on them.
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/\r\u001b\[2Kcollecting: accounts \d+\/1 · regions \d+\/\d+ · services \d+\/2 · \d+ calls · 0 gaps/);
    expect(run.stderr).toMatch(/collected: accounts 1\/1 · regions 0\/0 · services 2\/2 · \d+ calls · \d+ gaps\n/);
  });

  it.each([
    ['an unknown service', ['--services', 'iam,nosuch'], /--services: nosuch is not one of/],
    ['a bad region', ['--regions', 'US_EAST'], /--regions: US_EAST is not a region name/],
    ['--accounts without --org-role', ['--accounts', '222222222222'], /--accounts: needs --org-role/],
    ['a bad account id', ['--org-role', 'r', '--accounts', '12345'], /--accounts: 12345 is not a 12-digit account id/],
  ])('rejects %s with exit 2', async (_name, args, message) => {
    const run = await runCli(['collect', '-o', join(dir, 'never.json'), ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(await readdir(dir)).not.toContain('never.json');
  });
});

describe('bin/blastpath.js collect, interrupted', () => {
  it('stops on Ctrl-C with exit 130 and leaves no file behind', async () => {
    const slow = await startOrgServer({ latencyMs: 100 });
    const out = await mkdtemp(join(tmpdir(), 'blastpath-interrupt-'));
    try {
      const child = spawn(process.execPath, ['bin/blastpath.js', 'collect', '-o', join(out, 'snapshot.json')], {
        env: { ...process.env, AWS_ENDPOINT_URL: slow.endpoint },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      let interrupted = false;
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        // Once, mid-collection: a second Ctrl-C is the user's way to kill outright.
        if (!interrupted && stderr.includes(': collecting ')) interrupted = child.kill('SIGINT');
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code).toBe(130);
      expect(stderr).toContain('blastpath: interrupted: collection stopped, nothing was written');
      expect(await readdir(out)).toEqual([]);
    } finally {
      await slow.close();
    }
  });
});

describe('blastpath scan', () => {
  it('reports the same findings as analyze on the snapshot it wrote', async () => {
    const snapshotFile = join(dir, 'scan.json');
    const scan = await runCli(['scan', '--format', 'json', '--snapshot', snapshotFile, '--org-role', 'blastpath-readonly', ...fast]);
    expect(scan.code).toBe(0);
    const analyze = await runCli(['analyze', '--format', 'json', snapshotFile]);
    expect(analyze.code).toBe(0);
    const scanned = JSON.parse(scan.stdout);
    const analyzed = JSON.parse(analyze.stdout);
    expect(scanned.findings.length).toBeGreaterThan(0);
    expect(scanned.findings).toEqual(analyzed.findings);
    expect(scanned.coverageGaps).toEqual(analyzed.coverageGaps);
    expect(scan.stdout).not.toContain('sk-proj-');
  });

  it('applies the gate: --fail-on exits 1 when findings reach the threshold', async () => {
    const run = await runCli(['scan', '--format', 'json', '--fail-on', 'low', '--services', 'iam,lambda,s3', '--regions', 'us-east-1', ...fast]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/gate failed/);
  });
});
