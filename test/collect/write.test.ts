/** Writing snapshots: atomic (temporary file, then rename), plain or gzip, and read back as written. */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSnapshot } from '../../src/collect/write.js';
import { InputError } from '../../src/core/errors.js';
import { loadInputs } from '../../src/load/index.js';
import { validateSnapshot, withReason } from '../../src/snapshot/index.js';

const snapshot = validateSnapshot(
  {
    schemaVersion: 1,
    collectedAt: '2025-06-01T12:00:00Z',
    tool: { name: 'blastpath', version: '0.1.0' },
    accounts: [{ accountId: '111111111111', iam: { AuthorizationDetails: {} }, regions: {} }],
    coverage: [{ accountId: '111111111111', service: 's3', operation: '*', outcome: 'not-collected', message: 'not requested (--services)' }],
  },
  'test',
);

describe('writeSnapshot', () => {
  it.each([['snapshot.json'], ['snapshot.json.gz']])('writes %s so that analyze reads back the same snapshot', async (name) => {
    const dir = await mkdtemp(join(tmpdir(), 'blastpath-write-'));
    await writeSnapshot(join(dir, name), snapshot);
    expect(await readdir(dir)).toEqual([name]);
    const loaded = await loadInputs([join(dir, name)]);
    // Loading derives the gap's reason, which this snapshot (written like an older one) lacks.
    expect(loaded.snapshot).toEqual({ ...snapshot, coverage: snapshot.coverage.map(withReason) });
    expect(loaded.snapshot.coverage.map((r) => r.reason)).toEqual(['not-requested']);
  });

  it('replaces an existing file whole', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'blastpath-write-'));
    const file = join(dir, 'snapshot.json');
    await writeFile(file, 'old content that is longer than nothing');
    await writeSnapshot(file, snapshot);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(snapshot);
    expect(await readdir(dir)).toEqual(['snapshot.json']);
  });

  it('fails with an InputError naming the path, and leaves no temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'blastpath-write-'));
    const file = join(dir, 'missing-folder', 'snapshot.json');
    await expect(writeSnapshot(file, snapshot)).rejects.toThrow(InputError);
    await expect(writeSnapshot(file, snapshot)).rejects.toThrow(`--output ${file}: cannot write: ENOENT`);
    expect(await readdir(dir)).toEqual([]);
  });
});
