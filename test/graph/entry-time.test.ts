/**
 * Entry-point detectors decide through the same door as every other edge (src/graph/decide.ts):
 * as of the analysis time (`--at`, default the snapshot's collectedAt), so a public grant or an
 * open trust whose window closed before the snapshot opens no entry, and one still open does.
 * AWS compares aws:CurrentTime with the time of the request
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-currenttime).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forEachEdge } from '../../src/graph/edge-view.js';
import { buildGraph } from '../../src/graph/index.js';
import { loadInputs } from '../../src/load/index.js';
import { loadRules } from '../../src/rules/index.js';
import { testAccount, writeTestSnapshot } from '../support/snapshot-file.js';

const ACCT = '777777777777';
const dir = mkdtempSync(join(tmpdir(), 'blastpath-entry-time-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Anyone, until the end of 2020. */
const until2021 = { DateLessThan: { 'aws:CurrentTime': '2021-01-01T00:00:00Z' } };
const bucket = (name: string) => ({
  Name: name,
  Location: { LocationConstraint: null },
  Tagging: { TagSet: [{ Key: 'data-classification', Value: 'pii' }] },
  Policy: { Policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}/*`, Condition: until2021 }] } },
});
const role = (name: string) => ({
  RoleName: name,
  Arn: `arn:aws:iam::${ACCT}:role/${name}`,
  Path: '/',
  AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: until2021 }] },
  RolePolicyList: [],
  AttachedManagedPolicies: [],
});

const snapshot = join(dir, 'snapshot.json');
writeTestSnapshot(snapshot, [
  testAccount(ACCT, {
    roles: [role('migration-helper')],
    s3: { Buckets: [bucket('legacy-exports')] },
  }),
]);

async function entryHops(at?: string): Promise<string[]> {
  const built = buildGraph(await loadInputs([snapshot]), loadRules(), at ? { at } : {});
  const out: string[] = [];
  forEachEdge(built, (_key, attrs, from, to) => {
    if (attrs.entryPoint) out.push(`${from} -> ${to.split(/[:/]/).pop()} ${attrs.entryPoint}${attrs.conditional ? ' (conditional)' : ''}`);
  });
  return out.sort();
}

describe('entry points decided as of the analysis time', () => {
  it('a window closed before the snapshot opens no entry', async () => {
    expect(await entryHops()).toEqual([]);
  });

  it('as of a time inside the window (--at), both entries are open, unconditionally', async () => {
    expect(await entryHops('2020-06-01T00:00:00Z')).toEqual(['anonymous -> legacy-exports resource-policy-public', 'anonymous -> migration-helper role-trusts-anyone']);
  });
});
