/**
 * The synthetic organization generator: deterministic per seed, valid snapshot v1, sized as
 * asked, with planted chains in workload accounts and their expected findings next to it.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedPath, findingKey, readExpected, writeSnapshot } from '../../bench/generator/index.js';
import { loadInputs } from '../../src/load/index.js';

let dir: string;
const small = { roles: 300, accounts: 4, resources: 1_200 };
const sha = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blastpath-gen-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('generator', () => {
  it('writes the same bytes for the same seed, and different ones for another seed', async () => {
    const [a, b, c] = ['a.json', 'b.json', 'c.json'].map((name) => join(dir, name));
    await writeSnapshot(a!, { ...small, seed: '7' });
    await writeSnapshot(b!, { ...small, seed: '7' });
    await writeSnapshot(c!, { ...small, seed: '8' });
    expect(await sha(a!)).toBe(await sha(b!));
    expect(await sha(a!)).not.toBe(await sha(c!));
    expect(await sha(expectedPath(a!))).toBe(await sha(expectedPath(b!)));
  });

  it('writes a valid snapshot of the requested size', async () => {
    const file = join(dir, 'sized.json');
    const summary = await writeSnapshot(file, { ...small, seed: 'size' });
    const { snapshot } = await loadInputs([file]);
    expect(snapshot.accounts).toHaveLength(small.accounts);
    const roles = snapshot.accounts.reduce((n, a) => n + (a.iam?.AuthorizationDetails.RoleDetailList.length ?? 0), 0);
    expect(roles).toBe(summary.roles);
    expect(roles).toBeGreaterThanOrEqual(small.roles);
    expect(roles).toBeLessThan(small.roles * 1.1);
    expect(summary.resources).toBeGreaterThanOrEqual(small.resources);
    expect(summary.resources).toBeLessThan(small.resources * 1.2);
    expect(snapshot.organization?.Accounts.map((a) => a.Id).sort()).toEqual(snapshot.accounts.map((a) => a.accountId).sort());
  });

  it('writes gzip when the name ends in .gz', async () => {
    const file = join(dir, 'org.json.gz');
    await writeSnapshot(file, { ...small, seed: 'gz' });
    expect([...(await readFile(file)).subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    expect((await loadInputs([file])).snapshot.accounts).toHaveLength(small.accounts);
  });

  it('plants every chain in workload accounts and writes its expected findings next to the snapshot', async () => {
    const file = join(dir, 'chains.json');
    await writeSnapshot(file, { ...small, seed: 'chains' });
    const expected = readExpected(join(dir, 'chains.expected.json'));
    const { snapshot } = await loadInputs([file]);
    const workloads = new Set(snapshot.organization!.Accounts.filter((a) => a.Parents[0]?.Type === 'ORGANIZATIONAL_UNIT' && !/-(security|tooling)$/.test(a.Name ?? '')).map((a) => a.Id));
    expect(expected.chains).toHaveLength(6);
    for (const chain of expected.chains) for (const account of chain.accounts) expect(workloads.has(account)).toBe(true);
    // Seven distinct findings: the leaked model credential is found from two doors.
    expect(new Set(expected.chains.flatMap((c) => c.findings.map(findingKey))).size).toBe(7);
  });

  it.each([
    [{ roles: 10, accounts: 3, seed: 'x' }, /--accounts must be a whole number of at least 4/],
    [{ roles: 0, accounts: 4, seed: 'x' }, /--roles must be a whole number of at least 1/],
    [{ roles: 1.5, accounts: 4, seed: 'x' }, /--roles/],
  ])('rejects %j', async (options, message) => {
    await expect(writeSnapshot(join(dir, 'bad.json'), options)).rejects.toThrow(message);
  });

  it.each([
    ['org.json', 'org.expected.json'],
    ['dir/org.json.gz', 'dir/org.expected.json'],
    ['snapshot', 'snapshot.expected.json'],
  ])('names the expected file of %s %s', (snapshot, expected) => {
    expect(expectedPath(snapshot)).toBe(expected);
  });
});
