/**
 * The Glue collector against recorded responses (fixtures/aws-api/org, 111111111111 us-east-1)
 * through the real SDK client: every page of GetJobs and GetDevEndpoints, only the fields the
 * snapshot format holds, and credentials in job arguments redacted with their place named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DetectedCredential, RegionData, Snapshot } from '../../src/snapshot/index.js';
import { collectFrom, MANAGEMENT, startOrgServer } from './helpers.js';
import type { AwsServer } from './server/index.js';

let server: AwsServer;
let snapshot: Snapshot;
let credentials: DetectedCredential[];

beforeAll(async () => {
  server = await startOrgServer();
  const result = await collectFrom(server, { regions: ['us-east-1'], services: ['glue'] });
  snapshot = result.snapshot;
  credentials = result.credentials;
});
afterAll(() => server.close());

const east = (): RegionData => snapshot.accounts.find((a) => a.accountId === MANAGEMENT)!.regions['us-east-1']!;

describe('collect: Glue, from recordings', () => {
  it('has no gaps, and no section left unsupported', () => {
    expect(snapshot.coverage.filter((r) => r.outcome !== 'ok' && r.accountId === MANAGEMENT && r.region === 'us-east-1')).toEqual([]);
    expect(snapshot.coverage.filter((r) => r.service === 'glue' && r.outcome !== 'ok')).toEqual([]);
  });

  it('follows GetJobs to its last page (two jobs a page)', () => {
    expect(server.calls.filter((c) => c.account === MANAGEMENT && c.operation === 'GetJobs')).toHaveLength(2);
    expect(east().Glue?.Jobs.map((j) => [j.Name, j.Role, j.Command?.ScriptLocation])).toEqual([
      ['nightly-features', 'glue-etl', 's3://etl-scripts/nightly_features.py'],
      ['visual-export', `arn:aws:iam::${MANAGEMENT}:role/sagemaker-execution`, 's3://etl-scripts/visual_export.py'],
      ['compact-logs', 'glue-etl', 's3://etl-scripts/compact.py'],
    ]);
  });

  it('keeps only the fields the snapshot format holds', () => {
    expect(east().Glue?.Jobs.map((j) => Object.keys(j).sort())).toEqual([
      ['Command', 'DefaultArguments', 'Name', 'NonOverridableArguments', 'Role'],
      ['Command', 'Name', 'Role'],
      ['Command', 'Name', 'Role'],
    ]);
    expect(east().Glue?.Jobs[0]?.Command).toEqual({ Name: 'glueetl', ScriptLocation: 's3://etl-scripts/nightly_features.py' });
    expect(east().Glue?.DevEndpoints).toEqual([{ EndpointName: 'legacy-notebooks', RoleArn: `arn:aws:iam::${MANAGEMENT}:role/glue-etl`, Status: 'READY' }]);
  });

  it('redacts credentials in both argument maps and leaves other arguments alone', () => {
    const text = JSON.stringify(snapshot);
    for (const secret of ['Wh1sperQu1etlyDbPa55-2026', 'hf_G1ueN0nOverr1dableT0kenAbCdEfGh99', 'V1sualN0deSecretNeverKept', 'n0tebookJobConfigNeverKept']) expect(text).not.toContain(secret);
    const job = east().Glue?.Jobs[0];
    expect(job?.DefaultArguments?.['--db_password']).toMatch(/^<redacted:\S+ sha256:/);
    expect(job?.NonOverridableArguments?.['--hf_token']).toMatch(/^<redacted:huggingface-token sha256:/);
    expect(job?.DefaultArguments?.['--TempDir']).toBe('s3://etl-temp/nightly/');
    const found = credentials.filter((c) => c.resourceKind === 'glue-job').map((c) => [c.resourceArn, c.field]);
    expect(found.sort()).toEqual([
      [`arn:aws:glue:us-east-1:${MANAGEMENT}:job/nightly-features`, 'DefaultArguments["--db_password"]'],
      [`arn:aws:glue:us-east-1:${MANAGEMENT}:job/nightly-features`, 'NonOverridableArguments["--hf_token"]'],
    ]);
  });
});
