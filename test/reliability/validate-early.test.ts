/**
 * Flags and paths are checked before any work: a collection must not run for minutes and then
 * fail to write, and a typo must come back as an input error (exit 2), not as "denied" or as a
 * credentials problem. The endpoint here is a closed port: had a command started collecting, it
 * would fail with a connection or credentials error instead of the one asserted.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/helpers.js';
import { freePort, motoEnv } from '../support/moto.js';

let dir: string;
const saved = { ...process.env };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blastpath-early-'));
  Object.assign(process.env, motoEnv(`http://127.0.0.1:${await freePort()}`, dir));
});

afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

/** Exit 2, the message names `where`, and no collection started. */
function expectEarly(run: { code: number; stderr: string }, where: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(where);
  expect(run.stderr).not.toMatch(/collected|credentials|ECONNREFUSED/);
}

describe('collect and scan check before collecting', () => {
  it.each([
    ['collect into a missing folder', ['collect', '-o', '/nonexistent/dir/x.json'], /--output \/nonexistent\/dir\/x\.json: cannot write: folder \/nonexistent\/dir: no such directory/],
    ['collect onto a directory', ['collect', '-o', tmpdir()], /cannot write: it is a directory/],
    ['scan with a snapshot in a missing folder', ['scan', '--snapshot', '/nonexistent/dir/s.json.gz'], /\/nonexistent\/dir\/s\.json\.gz: cannot write/],
    ['scan with a report in a missing folder', ['scan', '-o', '/nonexistent/dir/r.json'], /\/nonexistent\/dir\/r\.json: cannot write/],
    ['an endpoint that is not a URL', ['collect', '-o', 'x.json', '--endpoint-url', 'not a url'], /--endpoint-url: "not a url" is not an http:\/\/ or https:\/\/ URL/],
    ['an endpoint with another scheme', ['collect', '-o', 'x.json', '--endpoint-url', 'ftp://127.0.0.1:21'], /--endpoint-url: "ftp:\/\/127\.0\.0\.1:21" is not an http/],
    ['empty --regions', ['collect', '-o', 'x.json', '--regions', ''], /--regions.*at least one item/],
    ['--regions of commas', ['scan', '--regions', ' , '], /--regions.*at least one item/],
    ['empty --services', ['collect', '-o', 'x.json', '--services', ''], /--services.*at least one item/],
  ])('%s: exit 2', async (_name, args, where) => {
    expectEarly(await runCli(args), where);
  });

  it('an AWS_ENDPOINT_URL that is not a URL is named as such, not as a credentials problem', async () => {
    const previous = process.env['AWS_ENDPOINT_URL'];
    process.env['AWS_ENDPOINT_URL'] = 'localhost:5000';
    try {
      expectEarly(await runCli(['collect', '-o', join(dir, 'x.json')]), /AWS_ENDPOINT_URL: "localhost:5000" is not an http/);
    } finally {
      process.env['AWS_ENDPOINT_URL'] = previous;
    }
  });
});

describe('can checks its arguments before reading the inputs', () => {
  // The input does not exist: an error about it would mean the arguments were not checked first.
  const missing = join('/nonexistent', 'snapshot.json');
  it.each([
    ['a principal that is not an ARN', ['notanarn', 's3:GetObject', 'arn:aws:s3:::b/k'], /^blastpath: principal notanarn: expected an ARN/],
    ['a resource that is not an ARN', ['arn:aws:iam::111111111111:role/r', 's3:GetObject', 'notanarn'], /^blastpath: resource notanarn: expected an ARN, or \*/],
    ['an action the catalog does not know', ['arn:aws:iam::111111111111:role/r', 's3:GetObjekt', '*'], /^blastpath: action s3:GetObjekt: expected an action the action catalog/],
    ['an action with a wildcard', ['arn:aws:iam::111111111111:role/r', 's3:Get*', '*'], /^blastpath: action s3:Get\*: expected one action, without wildcards/],
  ])('%s: exit 2', async (_name, args, message) => {
    const run = await runCli(['can', ...args, missing]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('a resource of * is accepted (actions without a resource)', async () => {
    const run = await runCli(['can', 'arn:aws:iam::111111111111:user/ci-legacy', 'iam:ListRoles', '*', 'fixtures/demo']);
    expect([0, 1, 4]).toContain(run.code);
  });
});
