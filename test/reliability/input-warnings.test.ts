/**
 * What looks wrong in the input is said in every report, with the file and the JSON path:
 * duplicate keys, an IAM entity listed twice (the last copy is used), a managed policy without
 * a default version, actions and condition operators AWS does not have.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/helpers.js';
import { tempFiles } from '../load/helpers.js';

const ROLE = 'arn:aws:iam::111111111111:role/app';
const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };

/** GAAD output with one of each problem; the duplicate key is written into the text. */
function gaadText(): string {
  const first = { RoleName: 'app', Arn: ROLE, AssumeRolePolicyDocument: trust, RolePolicyList: [{ PolicyName: 'all', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } }] };
  const last = {
    RoleName: 'app',
    Arn: ROLE,
    AssumeRolePolicyDocument: trust,
    RolePolicyList: [
      {
        PolicyName: 'odd',
        PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['s3:GetObjekt', 'nosuchservice:Do'], Resource: '*', Condition: { StringEqualz: { 'aws:username': 'x' } } }] },
      },
    ],
  };
  const policy = { PolicyName: 'p', Arn: 'arn:aws:iam::111111111111:policy/p', PolicyVersionList: [{ VersionId: 'v2', IsDefaultVersion: false, Document: { Statement: [] } }] };
  const doc = JSON.stringify({ RoleDetailList: [first, last], Policies: [policy] }, null, 2);
  // "PolicyName" twice in the managed policy.
  return doc.replace('"PolicyName": "p",', '"PolicyName": "p", "PolicyName": "p",');
}

const EXPECTED = [
  ['duplicate-key', 'Policies[0]'],
  ['duplicate-arn', 'RoleDetailList[1]'],
  ['no-default-version', 'Policies[0].PolicyVersionList'],
  ['unknown-action', 'RoleDetailList[1].RolePolicyList[0].PolicyDocument.Statement[0].Action[0]'],
  ['unknown-action', 'RoleDetailList[1].RolePolicyList[0].PolicyDocument.Statement[0].Action[1]'],
  ['unknown-condition-operator', 'RoleDetailList[1].RolePolicyList[0].PolicyDocument.Statement[0].Condition.StringEqualz'],
];

describe('input warnings', () => {
  it('the JSON report lists each one with kind, file and JSON path', async () => {
    const dir = await tempFiles({ 'gaad.json': gaadText() });
    const file = join(dir, 'gaad.json');
    const run = await runCli(['analyze', file, '--format', 'json']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.inputWarnings.map((w: { kind: string; path: string }) => [w.kind, w.path])).toEqual(EXPECTED);
    expect(doc.inputWarnings.every((w: { file: string }) => w.file === file)).toBe(true);
    expect(doc.summary.inputWarnings).toBe(EXPECTED.length);
  });

  it.each(['table', 'markdown', 'sarif', 'html'])('the %s report names every warning with its file and path', async (format) => {
    const dir = await tempFiles({ 'gaad.json': gaadText() });
    const file = join(dir, 'gaad.json');
    const run = await runCli(['analyze', file, '--format', format, '--no-color']);
    expect(run.code).toBe(0);
    const text = run.stdout.replace(/\s+/g, '');
    for (const [kind, path] of EXPECTED) {
      expect(text).toContain(kind!);
      expect(text).toContain(path!.replace(/\s+/g, ''));
    }
    expect(text).toContain(file);
  });

  it('of a role listed twice, the last copy is the one evaluated', async () => {
    const dir = await tempFiles({ 'gaad.json': gaadText() });
    // The first copy allows s3:*, the last allows nothing that exists.
    const run = await runCli(['can', ROLE, 's3:GetObject', 'arn:aws:s3:::bucket/key', join(dir, 'gaad.json')]);
    expect(run.code).toBe(1);
  });

  it('a large file is scanned for duplicate keys on a worker thread, with the same answer (blastpath process)', async () => {
    const dir = await tempFiles({});
    const file = join(dir, 'big.json');
    // Over 4 MiB, so the compiled CLI scans on its worker thread.
    const text = gaadText().replace(/^\{/, `{\n  "Padding": "${'x'.repeat(5 * 1024 * 1024)}",`);
    await writeFile(file, text);
    const { stdout } = await promisify(execFile)(process.execPath, ['bin/blastpath.js', 'analyze', file, '--format', 'json'], { maxBuffer: 64 * 1024 * 1024 });
    const doc = JSON.parse(stdout);
    expect(doc.inputWarnings.map((w: { kind: string; path: string }) => [w.kind, w.path])).toEqual(EXPECTED);
  });
});
