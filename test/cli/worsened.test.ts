/**
 * Worsened and rewritten paths through the CLI: a path whose severity rose fails `--fail-on` in
 * `analyze --baseline` and in `diff`; a statement rewritten with the same risk keeps its ticket
 * key, so the baseline knows it and `diff` shows a changed route, not an opened and a closed one.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const DEMO = 'fixtures/demo';
const VENDOR = 'bp-844018ef94a23acc';
const temp = () => mkdtempSync(join(tmpdir(), 'blastpath-worsened-'));

/** The demo with the Sid of the vendor takeover's last statement renamed: same grant, new id. */
function rewrittenDemo(): string {
  const dir = temp();
  cpSync(DEMO, dir, { recursive: true });
  const file = join(dir, 'ml-prod.snapshot.json');
  const text = readFileSync(file, 'utf8');
  expect(text.split('SelfServiceBucketAccess')).toHaveLength(2);
  writeFileSync(file, text.replace('SelfServiceBucketAccess', 'ResearchSelfService'));
  return dir;
}

/** A JSON report of the demo in which the vendor takeover was MEDIUM 54. */
async function reportWithMildVendor(): Promise<string> {
  const doc = JSON.parse((await runCli(['analyze', DEMO, '--format', 'json'])).stdout);
  const vendor = doc.findings.find((f: { id: string }) => f.id === VENDOR);
  Object.assign(vendor, { severity: 'medium', score: 54 });
  const file = join(temp(), 'old.json');
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

describe('worsened paths fail the gate like new ones', () => {
  it('analyze --baseline: a known finding whose severity rose fails --fail-on high', async () => {
    const dir = temp();
    const baseline = join(dir, 'baseline.json');
    await runCli(['baseline', '-o', baseline, DEMO]);
    expect((await runCli(['analyze', DEMO, '--baseline', baseline, '--fail-on', 'high'])).code).toBe(0);
    const doc = JSON.parse(readFileSync(baseline, 'utf8'));
    doc.findings.find((e: { id: string }) => e.id === VENDOR).severity = 'medium';
    writeFileSync(baseline, JSON.stringify(doc));
    const run = await runCli(['analyze', DEMO, '--baseline', baseline, '--fail-on', 'high', '--format', 'json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(VENDOR);
    const gate = JSON.parse(run.stdout).gate;
    expect(gate.failing).toEqual([VENDOR]);
    expect(gate.baseline.worsened).toEqual([{ id: VENDOR, previousId: VENDOR, previousSeverity: 'medium', severity: 'critical' }]);
    // A rise that stays below the threshold does not fail: medium → high under --fail-on critical.
    doc.findings.find((e: { id: string }) => e.id === VENDOR).severity = 'critical';
    doc.findings.find((e: { severity: string }) => e.severity === 'high').severity = 'medium';
    writeFileSync(baseline, JSON.stringify(doc));
    expect((await runCli(['analyze', DEMO, '--baseline', baseline, '--fail-on', 'critical'])).code).toBe(0);
    expect((await runCli(['analyze', DEMO, '--baseline', baseline, '--fail-on', 'high'])).code).toBe(1);
  });

  it('diff: MEDIUM 54 → CRITICAL fails diff --fail-on high, and is listed as worsened', async () => {
    const old = await reportWithMildVendor();
    const run = await runCli(['diff', old, DEMO, '--format', 'json', '--fail-on', 'high']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/gate failed: 1 opened or worsened path at or above high: bp-844018ef94a23acc/);
    const doc = JSON.parse(run.stdout);
    expect(doc.summary).toMatchObject({ opened: 0, closed: 0, worsened: 1 });
    expect(doc.worsened[0]).toMatchObject({ id: VENDOR, severity: 'critical', previousId: VENDOR, previousSeverity: 'medium', previousScore: 54 });
    const table = await runCli(['diff', old, DEMO]);
    expect(table.stdout).toMatch(/Worsened \(1\):\n {2}! CRITICAL 100 · outside account → admin of acme-ml-prod .*\(was MEDIUM 54\)/);
    expect((await runCli(['diff', old, DEMO, '--format', 'markdown'])).stdout).toContain('### Worsened (1)');
    expect((await runCli(['diff', old, DEMO, '--fail-on', 'critical'])).code).toBe(1);
  });
});

describe('a rewritten statement with the same risk is the same ticket', () => {
  it('diff shows a changed route, not an opened and a closed path', async () => {
    const run = await runCli(['diff', DEMO, rewrittenDemo(), '--format', 'json', '--fail-on', 'low']);
    const doc = JSON.parse(run.stdout);
    expect(doc.summary).toMatchObject({ opened: 0, closed: 0, changed: 1, worsened: 0 });
    expect(doc.changed[0].previousId).toBe(VENDOR);
    expect(doc.changed[0].id).not.toBe(VENDOR);
    expect(run.code).toBe(0);
  });

  it('the baseline knows it by its ticket key: neither new nor fixed, and the gate passes', async () => {
    const baseline = join(temp(), 'baseline.json');
    await runCli(['baseline', '-o', baseline, DEMO]);
    const run = await runCli(['analyze', rewrittenDemo(), '--baseline', baseline, '--fail-on', 'low', '--format', 'json']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    const rewritten = doc.findings.find((f: { id: string; title: string }) => f.id !== VENDOR && f.title.includes('outside account'));
    expect(doc.gate.baseline).toMatchObject({ new: [], fixed: [], worsened: [], changed: [{ id: rewritten.id, previousId: VENDOR }] });
    expect(rewritten.remediation).toMatch(/^Scope statement `ResearchSelfService` of inline policy `research`/);
  });
});
