/**
 * The CI gate end to end through the CLI: exit codes for new, baselined, suppressed and expired
 * findings; malformed gate files; `baseline` and `diff`. The commands of docs/ci.md are run by
 * test/docs/recipes.test.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import { sarifErrors } from '../gate/sarif-schema.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false, env: options.env ?? {}, ...(options.cwd ? { cwd: options.cwd } : {}) };
  const code = await main(['node', 'blastpath', ...args], io);
  return { code, stdout, stderr };
}

const temp = () => mkdtempSync(join(tmpdir(), 'blastpath-cli-gate-'));
const DEMO = 'fixtures/demo';

async function demoFindings(): Promise<Array<{ id: string; severity: string; techniques: string[] }>> {
  return JSON.parse((await cli(['analyze', '--format', 'json', DEMO])).stdout).findings;
}

describe('analyze --fail-on, --baseline, --suppressions', () => {
  it('fails on critical findings when there is no baseline, after writing the report', async () => {
    const run = await cli(['analyze', DEMO, '--fail-on', 'critical', '--format', 'json']);
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout);
    expect(doc.gate.passed).toBe(false);
    const critical = doc.findings.filter((f: { severity: string }) => f.severity === 'critical').map((f: { id: string }) => f.id).sort();
    expect(critical.length).toBeGreaterThan(0);
    expect(doc.gate.failing).toEqual(critical);
    expect(run.stderr).toMatch(new RegExp(`^blastpath: gate failed: ${critical.length} findings? at or above critical`));
  });

  it('passes when every finding is in the baseline written by `blastpath baseline`', async () => {
    const file = join(temp(), 'baseline.json');
    const written = await cli(['baseline', '-o', file, DEMO]);
    expect(written.code).toBe(0);
    expect(written.stderr).toContain(`wrote a baseline of ${(await demoFindings()).length} findings`);
    const run = await cli(['analyze', DEMO, '--baseline', file, '--fail-on', 'low', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).gate.baseline).toMatchObject({ new: [], fixed: [] });
  });

  it('fails on a new critical path and not on the baselined ones, naming only the new one', async () => {
    const findings = await demoFindings();
    const [fresh, ...known] = findings.filter((f) => f.severity === 'critical');
    const baseline = join(temp(), 'baseline.json');
    const all = JSON.parse((await cli(['baseline', DEMO])).stdout);
    all.findings = all.findings.filter((e: { id: string }) => e.id !== fresh!.id);
    writeFileSync(baseline, JSON.stringify(all));
    const run = await cli(['analyze', DEMO, '--baseline', baseline, '--fail-on', 'critical', '--format', 'json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).gate.failing).toEqual([fresh!.id]);
    expect(known.every((k) => !run.stderr.includes(k.id))).toBe(true);
  });

  it('a suppressed path passes until its suppression expires, then fails and is listed as expired', async () => {
    const findings = await demoFindings();
    const criticals = findings.filter((f) => f.severity === 'critical');
    const dir = temp();
    const file = join(dir, 'suppressions.yaml');
    writeFileSync(file, `suppressions:\n${criticals.map((f) => `  - finding: ${f.id}\n    reason: accepted until the vendor offboarding\n    expires: 2026-12-31\n`).join('')}`);
    const before = await cli(['analyze', DEMO, '--suppressions', file, '--fail-on', 'critical', '--now', '2026-12-31']);
    expect(before.code).toBe(0);
    const after = await cli(['analyze', DEMO, '--suppressions', file, '--fail-on', 'critical', '--format', 'json'], { env: { BLASTPATH_NOW: '2027-01-01' } });
    expect(after.code).toBe(1);
    expect(JSON.parse(after.stdout).gate.suppressions.expired.map((s: { value: string }) => s.value)).toEqual(criticals.map((f) => f.id));
  });

  it('reads .blastpath.yaml from the working directory', async () => {
    const findings = await demoFindings();
    const cwd = temp();
    writeFileSync(join(cwd, '.blastpath.yaml'), 'suppressions:\n  - technique: iam-create-access-key\n    reason: ci-legacy is being deleted\n    expires: 2030-01-01\n');
    const run = await cli(['analyze', resolve(DEMO), '--format', 'json'], { cwd });
    expect(run.code).toBe(0);
    const applied = JSON.parse(run.stdout).gate.suppressions.applied.map((a: { finding: string }) => a.finding);
    expect(applied).toEqual(findings.filter((f) => f.techniques.includes('iam-create-access-key')).map((f) => f.id));
  });

  it.each([
    ['a suppression without reason', 'suppressions:\n  - technique: sts-assume-role\n    expires: 2026-12-31\n', /^blastpath: .*s\.yaml: suppressions\[0\]\.reason: /],
    ['a suppression with a bad date', 'suppressions:\n  - technique: sts-assume-role\n    reason: r\n    expires: 31/12/2026\n', /^blastpath: .*s\.yaml: suppressions\[0\]\.expires: expected a date YYYY-MM-DD/],
  ])('exits 2 on %s, naming file and field on one line', async (_name, text, message) => {
    const file = join(temp(), 's.yaml');
    writeFileSync(file, text);
    const run = await cli(['analyze', DEMO, '--suppressions', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it.each([
    [['--fail-on', 'urgent'], 2],
    [['--now', '2026-02-30'], 2],
    [['--baseline', 'no-such-baseline.json'], 2],
  ])('rejects %j as a usage or input error', async (flags, code) => {
    expect((await cli(['analyze', DEMO, ...flags])).code).toBe(code);
  });

  it('writes SARIF that validates against the official schema, with the gate applied', async () => {
    const baseline = join(temp(), 'b.json');
    await cli(['baseline', '-o', baseline, DEMO]);
    const run = await cli(['analyze', DEMO, '--format', 'sarif', '--baseline', baseline]);
    expect(run.code).toBe(0);
    const log = JSON.parse(run.stdout);
    expect(sarifErrors(log)).toEqual([]);
    expect(log.runs[0].results.every((r: { baselineState: string }) => r.baselineState === 'unchanged')).toBe(true);
  });
});

describe('blastpath diff', () => {
  it.each(['table', 'json', 'markdown'])('names the added statement in %s', async (format) => {
    const run = await cli(['diff', 'fixtures/gate/diff/old', 'fixtures/gate/diff/new', '--format', format]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('arn:aws:iam::123456789012:role/support-bot-role#inline/support-bot');
    expect(run.stdout).toContain('ReadTrainingData');
  });

  it('accepts JSON reports as sides and exits 1 under --fail-on when a path opened', async () => {
    const dir = temp();
    for (const side of ['old', 'new']) await cli(['analyze', `fixtures/gate/diff/${side}`, '--format', 'json', '-o', join(dir, `${side}.json`)]);
    const run = await cli(['diff', join(dir, 'old.json'), 'fixtures/gate/diff/new', '--format', 'json', '--fail-on', 'high']);
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout);
    expect(doc).toMatchObject({ schema: 'blastpath.diff/v1', old: { basis: 'report' }, new: { basis: 'graph' }, summary: { opened: 1, closed: 1 } });
    expect(doc.opened[0].causes.map((c: { sid?: string }) => c.sid)).toContain('ReadTrainingData');
    expect(run.stderr).toMatch(/^blastpath: gate failed: 1 opened or worsened path at or above high/);
  });
});
