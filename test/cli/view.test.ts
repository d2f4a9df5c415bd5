/**
 * The terminal view and the finding filters through the CLI, on the demo: the one-line summary,
 * `--details`, `--top`, `--severity`, `--account`, `--target`, `--entry`, and the width.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const DEMO = 'fixtures/demo';
type Doc = { summary: { findings: number }; selection?: { total: number; filters: string[] }; findings: Array<{ id: string; severity: string; score: number; accounts: string[]; target: { node: string; label: string }; entry: { node: string; entryPoint: string } }>; rootCauses: Array<{ findings: string[] }> };
const json = async (...flags: string[]) => JSON.parse((await runCli(['analyze', DEMO, '--format', 'json', ...flags])).stdout) as Doc;

describe('blastpath analyze: the terminal view', () => {
  it('prints a one-line-per-finding summary by default: the 29 demo findings in under 130 lines', async () => {
    const run = await runCli(['analyze', DEMO]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    // Under 5 lines a finding, root causes, posture (one line per rule) and gaps included (--details: over 300).
    expect(lines.length).toBeLessThan(130);
    expect(run.stdout).toMatch(/^Silent: 12 paths leave no CloudTrail record:/m);
    expect(lines.filter((l) => /^ {2}(CRITICAL|HIGH|MEDIUM|LOW) +\d+(?: \(\d+\.\d\))? → /.test(l))).toHaveLength(29);
    // Capped criticals print the unclipped value that ranks them beside the 100.
    const capped = lines.filter((l) => l.startsWith('  CRITICAL') && l.includes('→')).map((l) => /100 \((\d+\.\d)\)/.exec(l)?.[1]).filter((x) => x !== undefined);
    expect(capped.length).toBeGreaterThanOrEqual(2);
    expect(new Set(capped).size).toBe(capped.length);
    // Posture: one line per rule, the most severe rules first.
    const posture = lines.slice(lines.findIndex((l) => l.startsWith('Posture findings'))).filter((l) => /^ {2}(CRITICAL|HIGH|MEDIUM|LOW) [a-z-]+ · /.test(l));
    const ranks = posture.map((l) => ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'].indexOf(l.trim().split(' ')[0]!));
    expect(posture.length).toBeGreaterThan(1);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(run.stdout).not.toContain('──[');
    expect(run.stdout).toMatch(/^Fix first: \d+ root causes behind 29 findings$/m);
  });

  it('--details adds every path, with every finding id, after the same summary', async () => {
    const all = await json();
    const run = await runCli(['analyze', DEMO, '--details']);
    for (const f of all.findings) expect(run.stdout).toContain(f.id);
    expect(run.stdout.split('\n').length).toBeGreaterThan(300);
  });

  it('--top N keeps the N highest-scoring findings and shows them in full', async () => {
    const all = await json();
    const run = await runCli(['analyze', DEMO, '--top', '2']);
    const shown = all.findings.slice(0, 2).map((f) => f.id);
    for (const id of shown) expect(run.stdout).toContain(`id           ${id}`);
    expect(run.stdout).toContain('2 findings shown of 29');
    expect((await json('--top', '2')).findings.map((f) => f.id)).toEqual(shown);
  });

  it.each([
    ['--severity', 'critical', (f: Doc['findings'][number]) => f.severity === 'critical'],
    ['--severity', 'critical,medium', (f: Doc['findings'][number]) => f.severity === 'critical' || f.severity === 'medium'],
    ['--account', '222222222222', (f: Doc['findings'][number]) => f.accounts.includes('222222222222')],
    ['--target', 'acme-public-*', (f: Doc['findings'][number]) => f.target.label.startsWith('acme-public-')],
    ['--target', 'arn:aws:s3:::acme-customer-features', (f: Doc['findings'][number]) => f.target.node === 'arn:aws:s3:::acme-customer-features'],
    ['--entry', 'iam-user-access-key', (f: Doc['findings'][number]) => f.entry.entryPoint === 'iam-user-access-key'],
    ['--entry', 'acme-chat-api', (f: Doc['findings'][number]) => f.entry.entryPoint === 'lambda-function-url-public' && ['acme-model-artifacts', 'acme-training-data-pii', 'Bedrock models of acme-ml-prod'].includes(f.target.label)],
  ] as const)('%s %s keeps exactly the matching findings', async (flag, value, keep) => {
    const all = await json();
    const doc = await json(flag, value);
    const expected = all.findings.filter(keep).map((f) => f.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(doc.findings.map((f) => f.id)).toEqual(expected);
    expect(doc.summary.findings).toBe(expected.length);
    expect(doc.selection).toEqual({ total: 29, filters: [`${flag} ${value}`] });
    // Root causes are trimmed to the findings shown.
    for (const c of doc.rootCauses) for (const id of c.findings) expect(expected).toContain(id);
  });

  it('filters combine: all must hold', async () => {
    const doc = await json('--severity', 'high', '--account', '222222222222', '--entry', 'data-sync-bot');
    expect(doc.findings.length).toBeGreaterThan(0);
    expect(doc.findings.every((f) => f.severity === 'high' && f.accounts.includes('222222222222') && f.entry.node.endsWith('user/data-sync-bot'))).toBe(true);
  });

  it('filters narrow the report, never the gate', async () => {
    const run = await runCli(['analyze', DEMO, '--severity', 'medium', '--fail-on', 'critical']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bp-844018ef94a23acc');
  });

  it.each([
    [['--severity', 'urgent'], /--severity.*expected severities from critical, high, medium, low/],
    [['--account', '1234'], /--account.*expected 12-digit AWS account ids/],
    [['--top', '0'], /--top.*expected a whole number of at least 1/],
  ])('rejects %j as a usage error', async (flags, message) => {
    const run = await runCli(['analyze', DEMO, ...flags]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it.each([80, 100, 160])('lays the table out in the terminal width (%i columns)', async (columns) => {
    const run = await runCli(['analyze', DEMO, '--details'], { isTTY: true, columns, env: { NO_COLOR: '1' } });
    const rows = run.stdout.split('\n');
    expect(Math.max(...rows.map((r) => r.length))).toBeLessThanOrEqual(columns);
    if (columns > 100) expect(Math.max(...rows.map((r) => r.length))).toBeGreaterThan(100);
  });

  it('uses 100 columns when stdout is not a terminal', async () => {
    const run = await runCli(['analyze', DEMO, '--details']);
    const widest = Math.max(...run.stdout.split('\n').map((r) => r.length));
    expect(widest).toBeLessThanOrEqual(100);
    expect(widest).toBeGreaterThan(90);
  });
});
