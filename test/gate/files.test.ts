import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { BASELINE_SCHEMA, loadGateOptions, parseBaseline, parseDay, parseSuppressions, renderBaseline } from '../../src/gate/index.js';
import { renderReport } from '../../src/report/index.js';
import { demoResult, SCENARIOS } from '../report/results.js';

const valid = `suppressions:
  - finding: bp-7f3a9c0e5b8d2146
    reason: the function URL goes behind CloudFront in SEC-1234
    expires: 2026-12-31
  - technique: sts-assume-role
    reason: vendor review
    expires: "2026-07-01"
  - node: "arn:aws:iam::111111111111:role/vendor-*"
    reason: vendor offboarding
    expires: 2026-08-15
`;

describe('suppressions file', () => {
  it('parses finding, technique and node suppressions in file order', () => {
    const parsed = parseSuppressions(valid, '.blastpath.yaml');
    expect(parsed.suppressions.map((s) => [s.index, s.match.by, s.match.value, s.expires])).toEqual([
      [0, 'finding', 'bp-7f3a9c0e5b8d2146', '2026-12-31'],
      [1, 'technique', 'sts-assume-role', '2026-07-01'],
      [2, 'node', 'arn:aws:iam::111111111111:role/vendor-*', '2026-08-15'],
    ]);
  });

  it('treats an empty file as no suppressions', () => {
    expect(parseSuppressions('', 's.yaml').suppressions).toEqual([]);
  });

  it.each([
    ['reason missing', 'suppressions:\n  - finding: bp-7f3a9c0e5b8d2146\n    expires: 2026-12-31\n', 'x.yaml: suppressions[0].reason'],
    ['empty reason', 'suppressions:\n  - finding: bp-7f3a9c0e5b8d2146\n    reason: " "\n    expires: 2026-12-31\n', 'x.yaml: suppressions[0].reason'],
    ['expires missing', 'suppressions:\n  - technique: sts-assume-role\n    reason: r\n', 'x.yaml: suppressions[0].expires'],
    ['expires not a date', 'suppressions:\n  - technique: sts-assume-role\n    reason: r\n    expires: next year\n', 'x.yaml: suppressions[0].expires'],
    ['expires a day that does not exist', 'suppressions:\n  - technique: sts-assume-role\n    reason: r\n    expires: 2026-02-30\n', 'x.yaml: suppressions[0].expires'],
    ['no matcher', 'suppressions:\n  - reason: r\n    expires: 2026-12-31\n', 'x.yaml: suppressions[0]'],
    ['two matchers', 'suppressions:\n  - technique: a\n    node: b\n    reason: r\n    expires: 2026-12-31\n', 'x.yaml: suppressions[0]'],
    ['a bad finding id', 'suppressions:\n  - finding: 7f3a\n    reason: r\n    expires: 2026-12-31\n', 'x.yaml: suppressions[0].finding'],
    ['an unknown field', 'suppressions:\n  - technique: a\n    reason: r\n    expires: 2026-12-31\n    until: 2027-01-01\n', 'x.yaml: suppressions[0].until'],
    ['an unknown top-level key', 'supressions: []\n', 'x.yaml: supressions'],
    ['broken YAML', 'suppressions: [\n', 'x.yaml: line 2, column 1'],
  ])('rejects %s with an InputError naming file and field', (_name, text, where) => {
    const run = () => parseSuppressions(text, 'x.yaml');
    expect(run).toThrow(InputError);
    expect(run).toThrow(expect.objectContaining({ where }));
  });
});

describe('baseline file', () => {
  it('round-trips: render then parse gives the findings, sorted by id, with no timestamp', () => {
    const findings = demoResult().findings;
    const text = renderBaseline(findings);
    expect(text).toBe(renderBaseline([...findings].reverse()));
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    const parsed = parseBaseline(JSON.parse(text), 'b.json');
    expect(parsed.findings.map((e) => e.id)).toEqual(findings.map((f) => f.id).sort());
    expect(JSON.parse(text).schema).toBe(BASELINE_SCHEMA);
  });

  it('accepts a JSON report as a baseline', () => {
    const report = JSON.parse(renderReport('json', { ...SCENARIOS.demo(), color: false }));
    expect(parseBaseline(report, 'r.json').findings.map((e) => e.id).sort()).toEqual(demoResult().findings.map((f) => f.id).sort());
  });

  it.each([
    ['not a baseline', { hello: 1 }, 'b.json: (root)'],
    ['a bad id', { schema: BASELINE_SCHEMA, findings: [{ id: 'x', severity: 'high', entry: '', entryPoint: '', target: '', impact: '' }] }, 'b.json: findings[0].id'],
    ['a bad severity', { schema: BASELINE_SCHEMA, findings: [{ id: 'bp-0123456789abcdef', severity: 'urgent', entry: '', entryPoint: '', target: '', impact: '' }] }, 'b.json: findings[0].severity'],
    ['another schema', { schema: 'blastpath.baseline/v9', findings: [] }, 'b.json: schema'],
  ])('rejects %s naming the field', (_name, data, where) => {
    expect(() => parseBaseline(data, 'b.json')).toThrow(expect.objectContaining({ where }));
  });
});

describe('loadGateOptions', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'blastpath-gate-files-'));

  it('reads .blastpath.yaml from the working directory when --suppressions is absent', async () => {
    const cwd = dir();
    writeFileSync(join(cwd, '.blastpath.yaml'), valid);
    const options = await loadGateOptions({ cwd, today: '2026-01-01' });
    expect(options.suppressions?.file).toBe('.blastpath.yaml');
    expect(options.suppressions?.suppressions).toHaveLength(3);
  });

  it('reads nothing when there is no default file, and fails when a named file is missing', async () => {
    const cwd = dir();
    expect(await loadGateOptions({ cwd, today: '2026-01-01' })).toEqual({ today: '2026-01-01' });
    await expect(loadGateOptions({ cwd, today: '2026-01-01', suppressionsFile: join(cwd, 'nope.yaml') })).rejects.toThrow(InputError);
    await expect(loadGateOptions({ cwd, today: '2026-01-01', baselineFile: join(cwd, 'nope.json') })).rejects.toThrow(InputError);
  });

  it('names the baseline file when it is not JSON', async () => {
    const file = join(dir(), 'b.json');
    writeFileSync(file, '{ not json');
    await expect(loadGateOptions({ cwd: dir(), today: '2026-01-01', baselineFile: file })).rejects.toThrow(expect.objectContaining({ where: `${file}: (root)` }));
  });

  it.each([['2026-01-01', true], ['2026-13-01', false], ['2026-02-29', false], ['2028-02-29', true], ['01/01/2026', false]])('parseDay(%s) accepts: %s', (text, ok) => {
    if (ok) expect(parseDay(text, '--now')).toBe(text);
    else expect(() => parseDay(text, '--now')).toThrow(InputError);
  });
});
