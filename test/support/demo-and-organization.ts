/**
 * The two inputs the scale tests compare shortcuts on: the demo and a generated 4-account
 * organization, written to a temporary directory that is removed after the file's tests.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { writeSnapshot } from '../../bench/generator/index.js';
import { loadInputs, type LoadedInput } from '../../src/load/index.js';

/**
 * Registers the hooks that load both inputs (the organization generated with `roles` roles and
 * `seed`) and returns a record filled with `make` of each before the file's tests run.
 */
export function demoAndOrganization<T>(seed: string, roles: number, make: (input: LoadedInput) => T): Record<string, T> {
  const made: Record<string, T> = {};
  let dir: string | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), `blastpath-${seed}-`));
    const org = join(dir, 'org.json');
    await writeSnapshot(org, { roles, accounts: 4, seed });
    made['demo'] = make(await loadInputs(['fixtures/demo']));
    made['organization'] = make(await loadInputs([org]));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return made;
}
