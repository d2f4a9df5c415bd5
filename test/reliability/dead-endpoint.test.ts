/**
 * The endpoint dies after the first call: a real AWS SDK collection where STS answers (moto)
 * and every other call meets a closed loopback port. Such a run used to exit 0 with a snapshot
 * without IAM, and `analyze` of it said "0 findings". Now collect and scan exit 3, analyze
 * refuses the snapshot (exit 2) unless --allow-partial, and every summary leads with the cause.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/helpers.js';
import { freePort, motoEnv, startMoto, type Moto } from '../support/moto.js';

let moto: Moto;
let dir: string;
let deadPort: number;
const saved = { ...process.env };
const fast = ['--timeout', '5', '--max-attempts', '2', '--regions', 'us-east-1'];

beforeAll(async () => {
  moto = await startMoto();
  dir = await mkdtemp(join(tmpdir(), 'blastpath-dead-'));
  deadPort = await freePort();
  // The SDK reads endpoints from the process environment, as it would for a user.
  Object.assign(process.env, motoEnv(`http://127.0.0.1:${deadPort}`, dir), { AWS_ENDPOINT_URL_STS: moto.endpoint });
  delete process.env['AWS_PROFILE'];
  delete process.env['AWS_SESSION_TOKEN'];
}, 60_000);

afterAll(async () => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  await moto?.stop();
});

describe('an endpoint that dies after the first call', () => {
  it('collect exits 3 after writing the snapshot, and the summary leads with the refused connections', async () => {
    const file = join(dir, 'dead.json');
    const run = await runCli(['collect', '-o', file, ...fast]);
    expect(run.code).toBe(3);
    const lines = run.stderr.split('\n');
    const first = lines.findIndex((l) => /^blastpath: collected 1 account/.test(l));
    expect(lines[first + 1]).toMatch(new RegExp(`^blastpath: {3}\\d+ gaps, connection-failed: .*connection refused by 127\\.0\\.0\\.1:${deadPort}`));
    expect(run.stderr).toContain('blastpath: incomplete: IAM could not be read in account 123456789012');
    expect(run.stderr).toMatch(/incomplete: \d+ gaps, connection-failed: .*\(more than 20% of the \d+ calls\)/);
    expect(run.stderr).toContain(`incomplete collection: the snapshot was written to ${file}; --allow-partial accepts it`);
    const snapshot = JSON.parse(await readFile(file, 'utf8'));
    expect(snapshot.accounts[0].iam).toBeUndefined();
    const gaps = snapshot.coverage.filter((r: { outcome: string }) => r.outcome !== 'ok');
    expect(gaps.every((g: { reason?: string }) => typeof g.reason === 'string')).toBe(true);
    expect(gaps.filter((g: { reason: string }) => g.reason === 'connection-failed').length).toBeGreaterThan(10);
  });

  it('analyze refuses that snapshot (exit 2) unless --allow-partial, which reports the cause first', async () => {
    const file = join(dir, 'dead.json');
    const refused = await runCli(['analyze', file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`^blastpath: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: account 123456789012: expected IAM data`));
    expect(refused.stderr).toContain('--allow-partial');
    expect(refused.stdout).toBe('');

    const table = await runCli(['analyze', file, '--allow-partial']);
    expect(table.code).toBe(0);
    const gapLines = table.stdout.split('\n').filter((l) => /^ {2}- \d+ gaps?, /.test(l));
    expect(gapLines[0]).toMatch(/^ {2}- \d+ gaps, connection-failed: /);

    const json = JSON.parse((await runCli(['analyze', file, '--allow-partial', '--format', 'json'])).stdout);
    expect(json.coverageSummary[0].reason).toBe('connection-failed');
    expect(json.coverageSummary[0].services).toContain('iam');
    expect(json.coverageGaps.length).toBeGreaterThan(json.coverageSummary.length);
  });

  it('collect --allow-partial accepts the run (exit 0)', async () => {
    const run = await runCli(['collect', '-o', join(dir, 'accepted.json'), '--allow-partial', ...fast]);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('incomplete');
  });

  it('scan stops before analysis: exit 3, the snapshot written, no report', async () => {
    const snapshot = join(dir, 'scan.json.gz');
    const report = join(dir, 'scan-report.json');
    const run = await runCli(['scan', '--snapshot', snapshot, '-o', report, '--format', 'json', ...fast]);
    expect(run.code).toBe(3);
    expect(existsSync(snapshot)).toBe(true);
    expect(existsSync(report)).toBe(false);
    expect(run.stderr).toContain('incomplete collection: no report was written; --allow-partial accepts it');
  });
});
