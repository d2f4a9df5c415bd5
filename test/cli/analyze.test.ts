import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const inputs = 'fixtures/inputs';

describe('blastpath analyze: bad input exits 2 with one line naming file and path', () => {
  it.each([
    ['wrong type', `${inputs}/gaad-bad-type.json`, /^blastpath: fixtures\/inputs\/gaad-bad-type\.json: RoleDetailList\[1\]\.RoleName: expected string/],
    ['truncated JSON', `${inputs}/gaad-truncated.json`, /^blastpath: fixtures\/inputs\/gaad-truncated\.json:\d+:\d+: expected valid JSON/],
    ['not AWS output', `${inputs}/not-aws.json`, /^blastpath: fixtures\/inputs\/not-aws\.json: \(root\): expected a blastpath snapshot/],
    ['missing file', 'no-such-file.json', /^blastpath: no-such-file\.json: cannot read/],
  ])('%s', async (_name, file, message) => {
    const run = await runCli(['analyze', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack trace
  });

  it('rejects an unknown format and a missing input as usage errors', async () => {
    expect((await runCli(['analyze', '--format', 'xml', 'fixtures/demo'])).code).toBe(2);
    expect((await runCli(['analyze'])).code).toBe(2);
    expect((await runCli(['analyze', '--max-depth', '0', 'fixtures/demo'])).code).toBe(2);
    expect((await runCli(['analyze', '--workers', '0', 'fixtures/demo'])).code).toBe(2);
    expect((await runCli(['analyze', '--workers', 'two', 'fixtures/demo'])).stderr).toMatch(/--workers <n>.*expected a whole number from 1 to 64/);
  });

  it('rejects --from for an ARN that is not in the snapshot', async () => {
    const run = await runCli(['analyze', 'fixtures/demo', '--from', 'arn:aws:iam::111111111111:role/nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^blastpath: --from: arn:aws:iam::111111111111:role\/nope is not/);
  });
});

describe('blastpath analyze --at: time conditions decided as of the analysis time', () => {
  const fixture = 'fixtures/iam/precision.snapshot.json';
  const from = ['--from', 'arn:aws:iam::555555555555:role/expired-reader', '--format', 'json'];
  const targets = async (...args: string[]) => {
    const run = await runCli(['analyze', fixture, ...from, ...args]);
    expect(run.code).toBe(0);
    return (JSON.parse(run.stdout) as { findings: Array<{ target: { node: string } }> }).findings.map((f) => f.target.node);
  };

  it('a grant whose window ended before the snapshot reaches nothing; as of a time inside it, it does', async () => {
    expect(await targets()).toEqual([]);
    expect(await targets('--at', '2024-06-01')).toEqual(['arn:aws:secretsmanager:us-east-1:555555555555:secret:prod/api-key-AbCdEf']);
  });

  it('rejects a time that is not ISO 8601 as a usage error', async () => {
    const run = await runCli(['analyze', fixture, '--at', '2024-13-01']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ISO 8601');
  });
});

describe('blastpath analyze: output', () => {
  it('is byte-identical across runs and across argument order', async () => {
    const first = await runCli(['analyze', '--format', 'json', 'fixtures/demo']);
    const second = await runCli(['analyze', '--format', 'json', 'fixtures/demo']);
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const files = ['fixtures/demo/ml-prod.snapshot.json', 'fixtures/demo/data-platform.snapshot.json'];
    const forward = await runCli(['analyze', '--format', 'json', ...files]);
    const backward = await runCli(['analyze', '--format', 'json', ...[...files].reverse()]);
    expect(backward.stdout).toBe(forward.stdout);
    expect(JSON.parse(forward.stdout).findings).toEqual(JSON.parse(first.stdout).findings);
  });

  it('writes --output to a file and says so on stderr', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'blastpath-'));
    const file = join(dir, 'report.json');
    const run = await runCli(['analyze', '--format', 'json', '--output', file, 'fixtures/demo']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const document = JSON.parse(await readFile(file, 'utf8'));
    expect(run.stderr).toContain(`wrote ${document.findings.length} findings`);
  });

  it('colours the table only on a terminal without NO_COLOR', async () => {
    const tty = await runCli(['analyze', 'fixtures/demo'], { isTTY: true });
    const noColor = await runCli(['analyze', 'fixtures/demo'], { isTTY: true, env: { NO_COLOR: '1' } });
    const piped = await runCli(['analyze', 'fixtures/demo']);
    expect(tty.stdout).toContain('\u001b[');
    expect(noColor.stdout).not.toContain('\u001b[');
    expect(piped.stdout).not.toContain('\u001b[');
  });

  it('--from reports only the paths from the compromised principal, ranked, with the crown jewels they reach', async () => {
    const from = 'arn:aws:iam::111111111111:user/security-lead';
    const run = await runCli(['analyze', '--format', 'json', '--from', from, 'fixtures/demo']);
    expect(run.code).toBe(0);
    type Doc = { findings: Array<{ score: number; entry: { node: string; entryPoint: string }; target: { node: string; impact: string } }>; whatIf: { from: string[]; reached: Array<{ node: string; impacts: string[]; score: number }> } };
    const doc = JSON.parse(run.stdout) as Doc;
    expect(new Set(doc.findings.map((f) => `${f.entry.entryPoint} ${f.entry.node}`))).toEqual(new Set([`what-if ${from}`]));
    expect(doc.findings.map((f) => f.target.node)).toContain('admin:111111111111');
    const scores = doc.findings.map((f) => f.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(doc.whatIf.from).toEqual([from]);
    expect(new Set(doc.whatIf.reached.map((j) => j.node))).toEqual(new Set(doc.findings.map((f) => f.target.node)));
    expect(doc.whatIf.reached[0]!.score).toBe(scores[0]);
    const impacts = (node: string) => [...new Set(doc.findings.filter((f) => f.target.node === node).map((f) => f.target.impact))].sort();
    for (const jewel of doc.whatIf.reached) expect(jewel.impacts).toEqual(impacts(jewel.node));

    const table = await runCli(['analyze', '--from', from, 'fixtures/demo']);
    expect(table.stdout).toContain(`what-if from ${from} · reaches ${doc.whatIf.reached.length} crown jewel`);
  });

  it('--from with --all-findings reports every entry point\'s findings too', async () => {
    const from = 'arn:aws:iam::111111111111:user/security-lead';
    const all = JSON.parse((await runCli(['analyze', '--format', 'json', '--from', from, '--all-findings', 'fixtures/demo'])).stdout) as { findings: Array<{ id: string; entry: { entryPoint: string } }> };
    const plain = JSON.parse((await runCli(['analyze', '--format', 'json', 'fixtures/demo'])).stdout) as { findings: Array<{ id: string }>; whatIf?: unknown };
    const isolated = JSON.parse((await runCli(['analyze', '--format', 'json', '--from', from, 'fixtures/demo'])).stdout) as { findings: Array<{ id: string }> };
    expect(plain.whatIf).toBeUndefined();
    expect(new Set(all.findings.map((f) => f.id))).toEqual(new Set([...plain.findings, ...isolated.findings].map((f) => f.id)));
  });
});

describe('bin/blastpath.js', () => {
  it('runs the compiled CLI as a user would', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['bin/blastpath.js', 'analyze', '--format', 'json', 'fixtures/demo']);
    expect(JSON.parse(stdout).schema).toBe('blastpath.findings/v2');
    await expect(promisify(execFile)(process.execPath, ['bin/blastpath.js', 'analyze', `${inputs}/not-aws.json`])).rejects.toMatchObject({ code: 2 });
  });
});
