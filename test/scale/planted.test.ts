/**
 * The planted-chain test at size S (1,000 roles, 5,000 resources, 5 accounts): the generator's
 * organization is analyzed end to end; every planted chain's findings are found, and no other
 * finding is critical (the noise is realistic but safe).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingKey, writeSnapshot, type ExpectedFile } from '../../bench/generator/index.js';
import { analyze, type AnalysisResult } from '../../src/analyze/index.js';
import { buildGraph } from '../../src/graph/index.js';
import { loadInputs } from '../../src/load/index.js';
import { loadRules } from '../../src/rules/index.js';

const SIZE_S = { roles: 1_000, resources: 5_000, accounts: 5 };

let dir: string;
let expected: ExpectedFile;
let result: AnalysisResult;

const keyOf = (f: AnalysisResult['findings'][number]) => findingKey({ entry: f.entry.node, entryPoint: f.entry.entryPoint, target: f.target.node, impact: f.target.impact });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blastpath-scale-'));
  const file = join(dir, 'org.json');
  expected = (await writeSnapshot(file, { ...SIZE_S, seed: 'planted-test' })).expected;
  const rules = loadRules();
  result = analyze(buildGraph(await loadInputs([file]), rules), rules);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('planted chains at size S', () => {
  it('plants one chain of each kind, each with its findings', () => {
    expect(expected.chains.map((c) => c.kind)).toEqual([
      'public-url-pass-role',
      'oidc-update-function-code',
      'leaked-key-create-access-key',
      'credential-in-model-config',
      'vendor-presigned-notebook',
      'public-model-bucket',
    ]);
    expect(expected.chains.every((c) => c.findings.length > 0)).toBe(true);
  });

  it('finds every planted finding', () => {
    const found = new Set(result.findings.map(keyOf));
    const missing = expected.chains.flatMap((c) => c.findings.map(findingKey).filter((k) => !found.has(k)).map((k) => `${c.id} ${k}`));
    expect(missing).toEqual([]);
  });

  it('reports nothing else as critical', () => {
    const planted = new Set(expected.chains.flatMap((c) => c.findings.map(findingKey)));
    const unexpected = result.findings.filter((f) => f.severity === 'critical').map(keyOf).filter((k) => !planted.has(k));
    expect(unexpected).toEqual([]);
  });

  it('searched the whole organization', () => {
    expect(result.stats.nodes).toBeGreaterThan(SIZE_S.roles + SIZE_S.resources);
    expect(result.stats.crownJewels).toBeGreaterThan(100);
  });
});
