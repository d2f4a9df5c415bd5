import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { NEXT_TOKEN_MESSAGE, TRUNCATED_MESSAGE } from '../../src/load/gaad.js';
import { loadInputs, type LoadedInput } from '../../src/load/index.js';
import type { AccountData, AuthorizationDetails } from '../../src/snapshot/index.js';
import { FIXTURES, gaadFor, tempFiles } from './helpers.js';

const raw = JSON.parse(readFileSync(join(FIXTURES, 'gaad-123456789012.json'), 'utf8'));

describe('raw get-account-authorization-details output', () => {
  let loaded: LoadedInput;
  let account: AccountData;
  let details: AuthorizationDetails;
  beforeAll(async () => {
    loaded = await loadInputs([join(FIXTURES, 'gaad-123456789012.json')]);
    account = loaded.snapshot.accounts[0]!;
    details = account.iam!.AuthorizationDetails;
  });

  it('becomes a one-account snapshot with the account and partition from its ARNs', () => {
    const { snapshot, sources, credentials } = loaded;
    expect(snapshot.accounts.map((a) => [a.accountId, a.partition])).toEqual([['123456789012', 'aws']]);
    expect(snapshot.schemaVersion).toBe(1);
    expect(sources).toEqual([join(FIXTURES, 'gaad-123456789012.json')]);
    expect(credentials).toEqual([]);
  });

  it('keeps every entity', () => {
    expect(details.UserDetailList.map((u) => u.UserName)).toEqual(['alice', 'bob', 'ci-bot']);
    expect(details.GroupDetailList.map((g) => g.GroupName)).toEqual(['admins', 'data-scientists']);
    expect(details.RoleDetailList.map((r) => r.RoleName)).toEqual(raw.RoleDetailList.map((r: { RoleName: string }) => r.RoleName));
    expect(details.RoleDetailList.length).toBeGreaterThanOrEqual(5);
    expect(details.Policies.map((p) => [p.PolicyName, p.PolicyVersionList.map((v) => v.VersionId)])).toContainEqual([
      'InferenceDataAccess',
      ['v3', 'v2', 'v1'],
    ]);
  });

  it('decodes every policy document, whatever its encoding, to an object', () => {
    const documents = [
      ...details.UserDetailList.flatMap((u) => (u.UserPolicyList ?? []).map((p) => p.PolicyDocument)),
      ...details.GroupDetailList.flatMap((g) => (g.GroupPolicyList ?? []).map((p) => p.PolicyDocument)),
      ...details.RoleDetailList.flatMap((r) => [r.AssumeRolePolicyDocument, ...(r.RolePolicyList ?? []).map((p) => p.PolicyDocument)]),
      ...details.Policies.flatMap((p) => p.PolicyVersionList.map((v) => v.Document)),
    ];
    const rawEncoded = JSON.stringify(raw).match(/%7B/g)?.length ?? 0;
    expect(rawEncoded).toBeGreaterThan(5); // the fixture really mixes encodings
    expect(documents.length).toBeGreaterThan(15);
    for (const document of documents) {
      expect(typeof document).toBe('object');
      expect(document.Version).toBe('2012-10-17');
    }
  });

  it('decodes URL-encoded trust policies to the same shape as decoded ones', () => {
    const trust = (name: string) => details.RoleDetailList.find((r) => r.RoleName === name)!.AssumeRolePolicyDocument;
    expect(trust('AmazonSageMaker-ExecutionRole-20240115T101500')).toEqual({
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' },
    });
    expect(trust('github-actions-deploy')).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
        },
      ],
    });
    // Decoded in the file already: kept as written.
    expect(trust('inference-lambda-role')).toEqual(raw.RoleDetailList[1].AssumeRolePolicyDocument);
  });

  it('records what GAAD does not cover as coverage gaps', () => {
    expect(loaded.snapshot.coverage.map((c) => [c.service, c.operation, c.outcome, c.region])).toEqual([
      ['iam', 'GetAccountAuthorizationDetails', 'ok', undefined],
      ['iam', 'ListAccessKeys', 'not-collected', undefined],
      ['kms', '*', 'not-collected', undefined],
      ['lambda', '*', 'not-collected', undefined],
      ['s3', '*', 'not-collected', undefined],
      ['sagemaker', '*', 'not-collected', undefined],
      ['secretsmanager', '*', 'not-collected', undefined],
    ]);
    expect(account.iam!.AccessKeyMetadata).toBeUndefined();
    expect(account.s3).toBeUndefined();
    expect(account.regions).toEqual({});
  });

  it('dates the snapshot by the newest date inside, reproducibly', () => {
    expect(loaded.snapshot.collectedAt).toBe('2025-02-14T17:30:00.000Z');
  });
});

describe('policy document forms', () => {
  const object = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' } };
  const arrays = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111111111111:root'] }, Action: ['s3:GetObject'], Resource: ['*'] }],
  };
  const single = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Deny', Principal: '*', NotAction: 's3:*', NotResource: 'arn:aws:s3:::b' }],
  };
  const forms = (doc: unknown) => [
    ['object', doc],
    ['JSON string', JSON.stringify(doc)],
    ['URL-encoded', encodeURIComponent(JSON.stringify(doc))],
    ['URL-encoded, indented', encodeURIComponent(JSON.stringify(doc, null, 4))],
  ];
  const table = [object, arrays, single].flatMap((doc, i) => forms(doc).map(([form, value]) => ({ doc, form, value, i })));

  it.each(table)('document $i as $form decodes to the object form', async ({ doc, value }) => {
    const gaad = gaadFor('111111111111');
    gaad.RoleDetailList[0]!.AssumeRolePolicyDocument = value as never;
    const dir = await tempFiles({ 'gaad.json': gaad });
    const { snapshot } = await loadInputs([join(dir, 'gaad.json')]);
    expect(snapshot.accounts[0]!.iam!.AuthorizationDetails.RoleDetailList[0]!.AssumeRolePolicyDocument).toEqual(doc);
  });
});

describe('GAAD edge cases', () => {
  it('a single saved page is a failed coverage record, not silently complete', async () => {
    const { snapshot } = await loadInputs([join(FIXTURES, 'gaad-first-page.json')]);
    expect(snapshot.coverage.filter((c) => c.outcome === 'failed')).toEqual([
      {
        accountId: '123456789012',
        service: 'iam',
        operation: 'GetAccountAuthorizationDetails',
        outcome: 'failed',
        reason: 'partial',
        message: TRUNCATED_MESSAGE,
      },
    ]);
    const details = snapshot.accounts[0]!.iam!.AuthorizationDetails;
    expect(Object.keys(details)).not.toContain('IsTruncated');
    expect(Object.keys(details)).not.toContain('Marker');
  });

  it('output cut by the AWS CLI --max-items (NextToken) is a failed coverage record too', async () => {
    const dir = await tempFiles({ 'gaad.json': { ...gaadFor('111111111111'), NextToken: 'eyJNYXJrZXIiOiBudWxsfQ==' } });
    const { snapshot } = await loadInputs([join(dir, 'gaad.json')]);
    const failed = snapshot.coverage.filter((c) => c.outcome === 'failed');
    expect(failed.map((c) => [c.operation, c.message])).toEqual([['GetAccountAuthorizationDetails', NEXT_TOKEN_MESSAGE]]);
    expect(snapshot.accounts[0]!.iam!.AuthorizationDetails).not.toHaveProperty('NextToken');
  });

  it('takes the partition from the ARNs', async () => {
    const dir = await tempFiles({ 'gaad.json': gaadFor('111111111111', 'aws-cn') });
    const { snapshot } = await loadInputs([join(dir, 'gaad.json')]);
    expect(snapshot.accounts.map((a) => [a.accountId, a.partition])).toEqual([['111111111111', 'aws-cn']]);
  });

  it('ignores AWS managed policy ARNs when finding the account', async () => {
    const gaad = {
      ...gaadFor('111111111111'),
      Policies: [
        {
          PolicyName: 'ReadOnlyAccess',
          Arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
          PolicyVersionList: [{ Document: { Statement: [{ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }] }, IsDefaultVersion: true }],
        },
      ],
    };
    const dir = await tempFiles({ 'gaad.json': gaad });
    const { snapshot } = await loadInputs([join(dir, 'gaad.json')]);
    expect(snapshot.accounts[0]!.accountId).toBe('111111111111');
  });

  it('dates a GAAD without any dates at the epoch', async () => {
    const gaad = { RoleDetailList: gaadFor('111111111111').RoleDetailList };
    const dir = await tempFiles({ 'gaad.json': gaad });
    const { snapshot } = await loadInputs([join(dir, 'gaad.json')]);
    expect(snapshot.collectedAt).toBe('1970-01-01T00:00:00.000Z');
  });
});
