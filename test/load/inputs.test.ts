import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/load/index.js';
import { DIRECTORY, FIXTURES, gaadFor, inputError, snapshotFor, tempFiles } from './helpers.js';

const bucket = (name: string) => ({ Name: name, CreationDate: '2024-01-01T00:00:00Z' });

describe('files and directories', () => {
  it('loads every *.json and *.json.gz of a directory, not recursively, sorted by name', async () => {
    const dir = await tempFiles({
      'b.json.gz': gaadFor('222222222222'),
      'a.json': gaadFor('111111111111'),
      'notes.txt': 'not an input',
      'c.json.bak': 'not an input',
      sub: DIRECTORY,
    });
    const { snapshot, sources } = await loadInputs([dir]);
    expect(sources).toEqual([join(dir, 'a.json'), join(dir, 'b.json.gz')]);
    expect(snapshot.accounts.map((a) => a.accountId)).toEqual(['111111111111', '222222222222']);
  });

  it('gunzips by magic number even without a .gz name', async () => {
    const { gzipSync } = await import('node:zlib');
    const { writeFile } = await import('node:fs/promises');
    const dir = await tempFiles({});
    await writeFile(join(dir, 'gaad.json'), gzipSync(JSON.stringify(gaadFor('333333333333'))));
    const { snapshot } = await loadInputs([join(dir, 'gaad.json')]);
    expect(snapshot.accounts.map((a) => a.accountId)).toEqual(['333333333333']);
  });

  it('reads a file given twice (directly and through its directory) once', async () => {
    const dir = await tempFiles({ 'a.json': gaadFor('111111111111') });
    const { sources, snapshot } = await loadInputs([dir, join(dir, 'a.json'), join(dir, '.', 'a.json')]);
    expect(sources).toEqual([join(dir, 'a.json')]);
    expect(snapshot.accounts).toHaveLength(1);
  });

  it('strips a UTF-8 byte order mark', async () => {
    const dir = await tempFiles({ 'a.json': `\uFEFF${JSON.stringify(gaadFor('111111111111'))}` });
    const { snapshot } = await loadInputs([join(dir, 'a.json')]);
    expect(snapshot.accounts[0]!.accountId).toBe('111111111111');
  });

  it('accepts a valid blastpath snapshot as is', async () => {
    const dir = await tempFiles({ 's.json': snapshotFor('111111111111', { alias: 'prod', s3: { Buckets: [bucket('b')] } }) });
    const { snapshot } = await loadInputs([join(dir, 's.json')]);
    expect(snapshot.accounts).toEqual([{ accountId: '111111111111', alias: 'prod', partition: 'aws', regions: {}, s3: { Buckets: [bucket('b')] } }]);
    expect(snapshot.coverage).toEqual([]);
  });
});

describe('merging inputs', () => {
  const s3Snapshot = snapshotFor(
    '111111111111',
    { s3: { Buckets: [bucket('training-data')] } },
    {
      collectedAt: '2025-03-01T00:00:00Z',
      coverage: [{ accountId: '111111111111', service: 's3', operation: 'ListBuckets', outcome: 'ok' }],
    },
  );

  it("combines one file's GAAD with another's S3 for the same account", async () => {
    const dir = await tempFiles({ 'gaad.json': gaadFor('111111111111'), 's3.json': s3Snapshot });
    const { snapshot } = await loadInputs([dir]);
    expect(snapshot.accounts).toHaveLength(1);
    const account = snapshot.accounts[0]!;
    expect(account.iam!.AuthorizationDetails.UserDetailList.map((u) => u.UserName)).toEqual(['u']);
    expect(account.s3!.Buckets.map((b) => b.Name)).toEqual(['training-data']);
    expect(snapshot.collectedAt).toBe('2025-03-01T00:00:00Z');
    // The S3 data supersedes GAAD's "S3 not collected"; the other gaps stay.
    expect(snapshot.coverage.map((c) => `${c.service} ${c.operation} ${c.outcome}`)).toEqual([
      'iam GetAccountAuthorizationDetails ok',
      'iam ListAccessKeys not-collected',
      'kms * not-collected',
      'lambda * not-collected',
      's3 ListBuckets ok',
      'sagemaker * not-collected',
      'secretsmanager * not-collected',
    ]);
    expect(snapshot.tool).toEqual({
      name: 'aws iam get-account-authorization-details + blastpath',
      version: 'unknown + 0.1.0',
    });
  });

  it('gives the same output whatever the argument order', async () => {
    const dir = await tempFiles({
      'gaad-1.json': gaadFor('111111111111'),
      's3-1.json': s3Snapshot,
      'gaad-2.json': gaadFor('222222222222'),
      'creds.json': JSON.parse(readFileSync(join(FIXTURES, 'snapshot-lambda-credentials.json'), 'utf8')),
    });
    const files = ['gaad-1.json', 's3-1.json', 'gaad-2.json', 'creds.json'].map((f) => join(dir, f));
    const forward = await loadInputs(files);
    const backward = await loadInputs([...files].reverse());
    const rotated = await loadInputs([...files.slice(2), ...files.slice(0, 2)]);
    expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
    expect(JSON.stringify(rotated)).toBe(JSON.stringify(forward));
    expect(forward.snapshot.accounts.map((a) => a.accountId)).toEqual(['111111111111', '210987654321', '222222222222']);
  });

  it('accepts the same section twice when the content is identical', async () => {
    const dir = await tempFiles({ 'a.json': s3Snapshot, 'b.json': s3Snapshot });
    const { snapshot } = await loadInputs([dir]);
    expect(snapshot.accounts[0]!.s3!.Buckets).toHaveLength(1);
    expect(snapshot.coverage).toHaveLength(1);
  });

  it('rejects the same section with different content, naming both files', async () => {
    const other = snapshotFor('111111111111', { s3: { Buckets: [bucket('other')] } });
    const dir = await tempFiles({ 'a.json': s3Snapshot, 'b.json': other });
    const error = await inputError(() => loadInputs([join(dir, 'b.json'), join(dir, 'a.json')]));
    expect(error.where).toBe(`${join(dir, 'a.json')} and ${join(dir, 'b.json')}: account 111111111111: s3.Buckets`);
  });

  it('rejects two GAAD files for one account that disagree', async () => {
    const changed = gaadFor('111111111111');
    changed.UserDetailList[0]!.UserName = 'renamed';
    const dir = await tempFiles({ 'a.json': gaadFor('111111111111'), 'b.json': changed });
    const error = await inputError(() => loadInputs([dir]));
    expect(error.where).toContain('account 111111111111: iam.AuthorizationDetails');
  });
});
