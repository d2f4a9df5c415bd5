/** Shared helpers for the load tests: temporary input files and error capture. */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { InputError } from '../../src/core/errors.js';

/** fixtures/inputs, absolute. */
export const FIXTURES = fileURLToPath(new URL('../../fixtures/inputs', import.meta.url));

/** Writes files (objects are JSON-encoded; names ending in .gz are gzipped) into a new temp dir. */
export async function tempFiles(files: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'blastpath-load-'));
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    if (content === DIRECTORY) {
      await mkdir(path);
      continue;
    }
    const text = typeof content === 'string' ? content : JSON.stringify(content, null, 2);
    await writeFile(path, name.endsWith('.gz') ? gzipSync(text) : text);
  }
  return dir;
}

/** Marks an entry of tempFiles as a sub-directory. */
export const DIRECTORY = Symbol('directory');

/** Runs an async action that must fail with InputError and returns the error. */
export async function inputError(action: () => Promise<unknown>): Promise<InputError> {
  try {
    await action();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError, but the action succeeded');
}

/** A minimal valid snapshot for one account, with overrides for the account's fields. */
export function snapshotFor(accountId: string, account: Record<string, unknown> = {}, top: Record<string, unknown> = {}) {
  return {
    schemaVersion: 1,
    collectedAt: '2025-01-01T00:00:00Z',
    tool: { name: 'blastpath', version: '0.1.0' },
    accounts: [{ accountId, ...account }],
    ...top,
  };
}

/** A minimal GAAD document for one account. */
export function gaadFor(accountId: string, partition = 'aws') {
  return {
    UserDetailList: [{ UserName: 'u', Arn: `arn:${partition}:iam::${accountId}:user/u`, CreateDate: '2024-05-01T00:00:00Z' }],
    GroupDetailList: [],
    RoleDetailList: [
      {
        RoleName: 'r',
        Arn: `arn:${partition}:iam::${accountId}:role/r`,
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' } },
      },
    ],
    Policies: [],
  };
}
