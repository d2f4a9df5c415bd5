/**
 * Fault injection: the local server throttles, denies, hangs, cuts a body short, drops a page
 * token or calls a credential expired, and the collector must turn each into a coverage gap,
 * keep everything else, and finish with a valid snapshot.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isOutOfScope, type CollectOptions } from '../../src/collect/index.js';
import { validateSnapshot, type CoverageRecord, type Snapshot } from '../../src/snapshot/index.js';
import { collectFrom, MANAGEMENT, MEMBER, startOrgServer } from './helpers.js';
import type { AwsServer, FaultRule } from './server/index.js';

let server: AwsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Case {
  name: string;
  faults: FaultRule[];
  options: CollectOptions;
  /** The gap the fault must leave (one per listing it fails), or undefined when the run must recover without one. */
  gap: Partial<CoverageRecord> | Array<Partial<CoverageRecord>> | undefined;
  check: (snapshot: Snapshot, server: AwsServer) => void;
}

const east = (snapshot: Snapshot, account = MANAGEMENT) => snapshot.accounts.find((a) => a.accountId === account)?.regions['us-east-1'];
const calls = (server: AwsServer, operation: string) => server.calls.filter((c) => c.operation === operation).length;
const keyArn = `arn:aws:kms:us-east-1:${MANAGEMENT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

const cases: Case[] = [
  {
    name: 'throttling, then success',
    faults: [{ fault: 'throttle', service: 'lambda', operation: 'ListFunctions', times: 2 }],
    options: { services: ['lambda'], regions: ['us-east-1'] },
    gap: undefined,
    check: (snapshot, server) => {
      expect(east(snapshot)?.Lambda?.Functions.map((f) => f.FunctionName)).toEqual(['chat-frontend', 'nightly-report', 'feature-sync']);
      expect(server.calls.filter((c) => c.operation === 'ListFunctions' && c.page === 1).map((c) => c.status)).toEqual([429, 429, 200]);
    },
  },
  {
    name: 'throttling beyond every retry',
    faults: [{ fault: 'throttle', service: 'secretsmanager', operation: 'ListSecrets' }],
    options: { services: ['secretsmanager', 'lambda'], regions: ['us-east-1'] },
    gap: { region: 'us-east-1', service: 'secretsmanager', operation: 'ListSecrets', outcome: 'throttled' },
    check: (snapshot, server) => {
      expect(east(snapshot)).not.toHaveProperty('SecretsManager');
      expect(east(snapshot)?.Lambda?.Functions).toHaveLength(3);
      expect(calls(server, 'ListSecrets')).toBe(3);
    },
  },
  {
    name: "AccessDenied on one bucket's policy",
    faults: [{ fault: 'denied', service: 's3', operation: 'GetBucketPolicy', key: 'acme-public-site' }],
    options: { services: ['s3'] },
    gap: { service: 's3', operation: 'GetBucketPolicy', outcome: 'denied', resource: 'acme-public-site' },
    check: (snapshot, server) => {
      const buckets = snapshot.accounts[0]?.s3?.Buckets ?? [];
      expect(buckets.map((b) => b.Name)).toEqual(['acme-model-artifacts', 'acme-public-site', 'acme-training-data']);
      expect(buckets[1]).not.toHaveProperty('Policy');
      expect(buckets[1]?.PolicyStatus?.PolicyStatus.IsPublic).toBe(true);
      expect(buckets[2]?.Tagging?.TagSet).toHaveLength(1);
      expect(server.calls.filter((c) => c.operation === 'GetBucketPolicy' && c.key === 'acme-public-site')).toHaveLength(1);
    },
  },
  {
    name: 'a call that never answers',
    faults: [{ fault: 'timeout', service: 'kms', operation: 'DescribeKey', hangMs: 4_000 }],
    options: { services: ['kms'], regions: ['us-east-1'], timeoutMs: 500, maxAttempts: 2 },
    gap: { region: 'us-east-1', service: 'kms', operation: 'DescribeKey', outcome: 'failed', resource: keyArn },
    check: (snapshot) => {
      expect(east(snapshot)?.KMS?.Keys).toEqual([]);
      const gap = snapshot.coverage.find((r) => r.operation === 'DescribeKey');
      expect(gap?.message).toMatch(/timed out after 500 ms \(after 2 attempts\)/);
    },
  },
  {
    name: 'a response body cut short',
    faults: [{ fault: 'truncated-body', service: 'iam', operation: 'GetAccountAuthorizationDetails', page: 2 }],
    options: { services: ['iam'] },
    gap: { service: 'iam', operation: 'GetAccountAuthorizationDetails', outcome: 'failed' },
    check: (snapshot) => {
      // The first page is kept (and said to be incomplete); nothing after the cut is invented.
      expect(snapshot.accounts[0]?.iam?.AuthorizationDetails.UserDetailList.map((u) => u.UserName)).toEqual(['alice', 'bob']);
      expect(snapshot.coverage.find((r) => r.operation === 'GetAccountAuthorizationDetails' && r.outcome === 'failed')?.message).toMatch(/malformed or truncated/);
    },
  },
  {
    name: 'a page that says more follow but carries no token',
    faults: [{ fault: 'missing-token', service: 'iam', operation: 'ListAccessKeys', key: 'bob' }],
    options: { services: ['iam'] },
    gap: { service: 'iam', operation: 'ListAccessKeys', outcome: 'failed', resource: 'bob' },
    check: (snapshot) => {
      expect(snapshot.accounts[0]?.iam?.AccessKeyMetadata?.filter((k) => k.UserName === 'bob')).toHaveLength(2);
      expect(snapshot.coverage.find((r) => r.operation === 'ListAccessKeys' && r.outcome === 'failed')?.message).toMatch(/IsTruncated.*no Marker/);
    },
  },
  {
    name: "an expired credential in a member account",
    faults: [{ fault: 'expired', account: MEMBER, service: 'lambda' }],
    options: { orgRole: 'blastpath-readonly', accounts: [MEMBER], services: ['iam', 'lambda'], regions: ['us-east-1'] },
    // Every Lambda listing of the member account fails alike: functions and event source mappings.
    gap: ['ListEventSourceMappings', 'ListFunctions'].map((operation) => ({ accountId: MEMBER, region: 'us-east-1', service: 'lambda', operation, outcome: 'failed' as const })),
    check: (snapshot, server) => {
      expect(snapshot.accounts.map((a) => a.accountId)).toEqual([MEMBER]);
      expect(snapshot.accounts[0]?.iam?.AuthorizationDetails.RoleDetailList).toHaveLength(2);
      expect(east(snapshot, MEMBER)).toBeUndefined();
      expect(snapshot.coverage.find((r) => r.operation === 'ListFunctions')?.message).toMatch(/^credentials expired \(ExpiredTokenException/);
      expect(server.calls.filter((c) => c.operation === 'ListFunctions')).toHaveLength(1); // not retried
    },
  },
  {
    name: 'an operation the endpoint lacks, with an equivalent: one gap, the equivalent per function',
    faults: [{ fault: 'not-implemented', service: 'lambda', operation: 'ListFunctionUrlConfigs' }],
    options: { services: ['lambda'], regions: ['us-east-1'] },
    gap: { region: 'us-east-1', service: 'lambda', operation: 'ListFunctionUrlConfigs', outcome: 'not-collected' },
    check: (snapshot, server) => {
      const gap = snapshot.coverage.find((r) => r.operation === 'ListFunctionUrlConfigs' && r.outcome !== 'ok');
      expect(gap?.resource).toBeUndefined();
      expect(gap?.message).toBe(
        "the endpoint answered HTTP 404 with an HTML page, not an AWS response: operation not implemented there?; GetFunctionUrlConfig used instead: each function's own URL is read; URLs on its aliases are not seen",
      );
      expect(east(snapshot)?.Lambda?.Functions.map((f) => [f.FunctionName, (f.FunctionUrlConfigs ?? []).map((u) => u.AuthType)])).toEqual([
        ['chat-frontend', ['NONE']],
        ['nightly-report', []],
        ['feature-sync', []],
      ]);
      // Asked once for the region, then never again: not once per function.
      expect(calls(server, 'ListFunctionUrlConfigs')).toBe(1);
      expect(calls(server, 'GetFunctionUrlConfig')).toBe(3);
    },
  },
  {
    name: 'HTTP API authorizers without GetAuthorizers: GetAuthorizer for each authorizer a route uses',
    faults: [{ fault: 'not-implemented', service: 'apigatewayv2', operation: 'GetAuthorizers' }],
    options: { services: ['apigateway'], regions: ['us-east-1'] },
    gap: { region: 'us-east-1', service: 'apigateway', operation: 'GetAuthorizers', outcome: 'not-collected' },
    check: (snapshot, server) => {
      expect(east(snapshot)?.ApiGatewayV2?.Apis[0]?.Authorizers?.map((a) => [a.AuthorizerId, a.AuthorizerType])).toEqual([['jwt1', 'JWT']]);
      expect(server.calls.filter((c) => c.operation === 'GetAuthorizer').map((c) => c.key)).toEqual(['jwt1']);
    },
  },
  {
    name: 'an operation the endpoint lacks, without an equivalent: one gap, the rest kept',
    faults: [{ fault: 'not-implemented', service: 'cognito-identity', operation: 'GetIdentityPoolRoles' }],
    options: { services: ['cognito-identity'], regions: ['us-east-1'] },
    gap: { region: 'us-east-1', service: 'cognito-identity', operation: 'GetIdentityPoolRoles', outcome: 'not-collected' },
    check: (snapshot, server) => {
      expect(east(snapshot)?.CognitoIdentity?.IdentityPools.map((p) => [p.IdentityPoolName, p.IdentityPoolRoles])).toEqual([
        ['chat_guests', undefined],
        ['staff_only', undefined],
      ]);
      expect(calls(server, 'GetIdentityPoolRoles')).toBe(1);
    },
  },
  {
    name: 'a server error, then success',
    faults: [{ fault: 'server-error', service: 'ec2', operation: 'DescribeInstances', times: 1 }],
    options: { services: ['ec2'], regions: ['us-east-1'] },
    gap: undefined,
    check: (snapshot) => {
      expect(east(snapshot)?.EC2?.Instances).toHaveLength(2);
    },
  },
];

describe('collect: injected faults become gaps, never crashes', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
    server = await startOrgServer({ faults: testCase.faults });
    const { snapshot } = await collectFrom(server, testCase.options);
    expect(validateSnapshot(JSON.parse(JSON.stringify(snapshot)), 'collected.json')).toEqual(snapshot);
    const failures = snapshot.coverage.filter((r) => r.outcome !== 'ok' && !isOutOfScope(r));
    if (testCase.gap) expect(failures).toEqual([testCase.gap].flat().map((gap) => expect.objectContaining({ accountId: MANAGEMENT, ...gap })));
    else expect(failures).toEqual([]);
    expect(testCase.faults.every((f) => f.times === undefined || f.times === 0)).toBe(true);
    testCase.check(snapshot, server);
  });
});
