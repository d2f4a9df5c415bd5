/**
 * `blastpath rules list` and `blastpath rules test`, in process: the list in every format, the
 * generated technique index kept in step with the rules, and the proof runner passing on the
 * bundled fixtures and failing, with exit 1, when a user's fixture does not prove its rule.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLED_RULES_DIR, loadRules } from '../../src/rules/index.js';
import { runCli } from '../cli/helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The bundled entry points' ids. */
const ENTRY_POINTS = loadRules().entryPoints.map((r) => r.id);

/** A user rules directory: the bundled rules plus `fixtures/` holding the named rules' pairs. */
/** The bundled posture rules: a copied rules directory holds them too. */
const POSTURE = loadRules().posture.map((r) => r.id);

function userRules(ids: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'blastpath-user-rules-'));
  dirs.push(dir);
  cpSync(BUNDLED_RULES_DIR, dir, { recursive: true });
  for (const id of ids) cpSync(join('fixtures/rules', id), join(dir, 'fixtures', id), { recursive: true });
  return dir;
}

describe('blastpath rules list', () => {
  it('lists every technique with id, severity, confidence, title and aliases', async () => {
    const run = await runCli(['rules', 'list']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+SEVERITY\s+CONFIDENCE\s+TITLE\s+ALIASES$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(loadRules().techniques.map((t) => t.id));
    expect(run.stdout).toMatch(/^iam-create-policy-version\s+critical\s+documented\s+.*pathfinding\.cloud:iam-001/m);
  });

  it('writes JSON with each technique\'s framework ids', async () => {
    const run = await runCli(['rules', 'list', '--format', 'json']);
    const doc = JSON.parse(run.stdout) as { techniques: Array<{ id: string; attack: string[]; owaspNhi: string[]; confidence: string }> };
    expect(doc.techniques.map((t) => t.id)).toEqual(loadRules().techniques.map((t) => t.id));
    expect(doc.techniques.find((t) => t.id === 'sagemaker-model-artifact-overwrite')).toMatchObject({ attack: ['T1565.001', 'T1195.002'], owaspNhi: ['NHI5'], confidence: 'derived' });
  });

  it('keeps docs/techniques.md equal to the markdown list (regenerate: blastpath rules list --format markdown)', async () => {
    const run = await runCli(['rules', 'list', '--format', 'markdown']);
    // UPDATE_DOCS=1 rewrites the page locally; never on CI, where it would pass by writing itself.
    if (process.env.UPDATE_DOCS === '1' && !process.env.CI) writeFileSync('docs/techniques.md', run.stdout);
    expect(readFileSync('docs/techniques.md', 'utf8')).toBe(run.stdout);
  });
});

describe('blastpath rules test', () => {
  it('passes every bundled technique and entry point on its bundled fixtures', async () => {
    const run = await runCli(['rules', 'test']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const rules = loadRules();
    expect(run.stdout).toContain(`${rules.techniques.length + rules.entryPoints.length + rules.posture.length} passed, 0 failed`);
  }, 60_000);

  it('reads a user directory\'s fixtures and fails, with exit 1, on a technique without proof', async () => {
    const dir = userRules(['iam-create-access-key', 'lambda-update-function-code', 'sagemaker-model-artifact-overwrite', ...ENTRY_POINTS, ...POSTURE]);
    // Keep four techniques, one of which has no fixtures in the user's directory. Other proofs use
    // techniques too: artifact-writable-from-outside's first hops are supply-chain techniques, and
    // identity-model-data-tools counts replacing a function's code as tool execution.
    rmSync(join(dir, 'techniques'), { recursive: true });
    mkdirSync(join(dir, 'techniques'));
    for (const id of ['iam-create-access-key', 'lambda-update-function-code', 'sagemaker-model-artifact-overwrite', 'sts-assume-role']) cpSync(join(BUNDLED_RULES_DIR, 'techniques', `${id}.yaml`), join(dir, 'techniques', `${id}.yaml`));
    const run = await runCli(['rules', 'test', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n').filter((l) => /^(pass|FAIL) /.test(l))).toEqual(['pass iam-create-access-key', 'pass lambda-update-function-code', 'pass sagemaker-model-artifact-overwrite', 'FAIL sts-assume-role', ...ENTRY_POINTS.map((id) => `pass ${id}`), ...POSTURE.map((id) => `pass ${id}`)]);
    expect(run.stdout).toContain(`missing fixture ${join(dir, 'fixtures', 'sts-assume-role', 'vulnerable.json')}`);
    expect(run.stderr).toBe('blastpath: 1 rule(s) failed their fixtures\n');
  });

  it('fails an entry point whose safe twin still reaches its target', async () => {
    const dir = userRules(ENTRY_POINTS);
    cpSync(join(dir, 'fixtures/role-trusts-anyone/vulnerable.json'), join(dir, 'fixtures/role-trusts-anyone/safe.json'));
    const run = await runCli(['rules', 'test', dir, '--fixtures', join(dir, 'fixtures')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL role-trusts-anyone\n\s+safe: role-trusts-anyone reaches arn:aws:iam::111111111111:role\/target-open-role, expected nothing/);
  });

  it('fails a technique whose safe twin still draws the edge', async () => {
    const dir = userRules(['iam-create-access-key']);
    cpSync(join(dir, 'fixtures/iam-create-access-key/vulnerable.json'), join(dir, 'fixtures/iam-create-access-key/safe.json'));
    const run = await runCli(['rules', 'test', dir, '--fixtures', join(dir, 'fixtures')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL iam-create-access-key\n\s+safe: iam-create-access-key draws 1 edge\(s\) from attacker, expected none/);
  });
});
