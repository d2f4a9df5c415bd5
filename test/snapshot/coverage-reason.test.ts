/** Gap causes: classification of SDK errors, derivation for older snapshots, grouping and order. */
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/collect/engine/errors.js';
import { COVERAGE_REASONS, deriveReason, describeGroup, groupGaps, type CoverageRecord } from '../../src/snapshot/index.js';

const sdkError = (fields: Record<string, unknown>) => Object.assign(new Error(String(fields['message'] ?? '')), fields);

describe('classify: the cause of a failed call', () => {
  it.each([
    ['refused connection', sdkError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5078', address: '127.0.0.1', port: 5078 }), 'connection-failed', 'connection refused by 127.0.0.1:5078 (ECONNREFUSED)'],
    ['reset connection', sdkError({ code: 'ECONNRESET', message: 'socket hang up' }), 'connection-failed', 'connection reset by the endpoint (ECONNRESET)'],
    ['network timeout', sdkError({ code: 'ETIMEDOUT', message: 'connect ETIMEDOUT' }), 'timeout', undefined],
    ['access denied', sdkError({ name: 'AccessDenied', message: 'no' }), 'denied', undefined],
    ['throttling', sdkError({ name: 'ThrottlingException', message: 'slow down' }), 'throttled', undefined],
    ['expired token', sdkError({ name: 'ExpiredToken', message: 'expired' }), 'credentials', undefined],
    ['no credentials', sdkError({ name: 'CredentialsProviderError', message: 'none' }), 'credentials', undefined],
    ['not implemented', sdkError({ name: 'NotImplemented', message: 'nope', $metadata: { httpStatusCode: 501 } }), 'not-implemented', undefined],
    ['HTML error page', sdkError({ name: 'SyntaxError', message: 'Unexpected token < Deserialization error: ...', $metadata: { httpStatusCode: 500 } }), 'invalid-response', 'invalid response (HTTP 500): the answer is not a valid AWS response'],
    ['cut-short 200', sdkError({ name: 'SyntaxError', message: 'Unexpected end', $metadata: { httpStatusCode: 200 } }), 'invalid-response', undefined],
    ['server error', sdkError({ name: 'InternalFailure', message: 'oops', $metadata: { httpStatusCode: 503 } }), 'server-error', undefined],
    ['unknown region endpoint', sdkError({ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND' }), 'region-unavailable', undefined],
    ['anything else', sdkError({ name: 'ValidationException', message: 'bad', $metadata: { httpStatusCode: 400 } }), 'failed', undefined],
  ])('%s -> %s', (_name, error, reason, message) => {
    const failure = classify(error);
    expect(failure.reason).toBe(reason);
    if (message) expect(failure.message).toBe(message);
  });

  it('a code that names an Object.prototype member is not mistaken for a network error', () => {
    expect(classify(sdkError({ code: 'constructor', message: 'x' })).reason).toBe('failed');
  });
});

describe('deriveReason: snapshots written before reasons existed', () => {
  it.each([
    [{ outcome: 'denied', message: 'AccessDenied: ...' }, 'denied'],
    [{ outcome: 'throttled' }, 'throttled'],
    [{ outcome: 'failed', message: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:5078 (after 5 attempts)' }, 'connection-failed'],
    [{ outcome: 'failed', message: 'timed out after 30 s' }, 'timeout'],
    [{ outcome: 'failed', message: 'left out: the response does not fit the snapshot format at accounts[0]' }, 'invalid-response'],
    [{ outcome: 'failed', message: 'IsTruncated is true: only the first page was saved' }, 'partial'],
    [{ outcome: 'failed', message: 'ValidationException: bad' }, 'failed'],
    [{ outcome: 'not-collected', message: 'not requested (--services)' }, 'not-requested'],
    [{ outcome: 'not-collected', message: 'not collected: this version of blastpath has no collector for it (snapshot files can still supply it)' }, 'not-supported'],
    [{ outcome: 'not-collected', message: 'only the 100 most recent were collected; older ones exist (--recent-jobs)' }, 'partial'],
    [{ outcome: 'not-collected', message: 'region ap-east-1 is not enabled for this account (or does not exist)' }, 'region-unavailable'],
    [{ outcome: 'not-collected', message: 'the input was get-account-authorization-details output, which covers IAM only' }, 'not-collected'],
    [{ outcome: 'AccessDenied' }, 'denied'],
  ])('%j -> %s', (record, reason) => {
    expect(deriveReason(record)).toBe(reason);
  });
});

const gap = (fields: Partial<CoverageRecord>): CoverageRecord => ({ accountId: '111111111111', service: 's3', operation: 'GetBucketPolicy', outcome: 'failed', ...fields });

describe('groupGaps', () => {
  const refused = 'connection refused by 127.0.0.1:5078 (ECONNREFUSED)';
  const gaps: CoverageRecord[] = [
    gap({ service: 'apprunner', operation: '*', outcome: 'not-collected', reason: 'not-supported', message: 'no collector' }),
    gap({ service: 'ecs', operation: '*', outcome: 'not-collected', reason: 'not-supported', message: 'no collector' }),
    ...['iam', 's3', 's3', 'lambda'].map((service, i) => gap({ service, operation: `Op${i}`, reason: 'connection-failed', message: `${refused} (after 2 attempts)` })),
    gap({ operation: 'GetBucketPolicy', resource: 'arn:aws:s3:::a', outcome: 'denied', reason: 'denied', message: 'AccessDenied: a' }),
    gap({ operation: 'GetBucketTagging', resource: 'arn:aws:s3:::b', outcome: 'denied', reason: 'denied', message: 'AccessDenied: b' }),
    gap({ service: 'kms', operation: 'GetKeyPolicy', outcome: 'denied', reason: 'denied', message: 'AccessDenied: k' }),
    gap({ outcome: 'ok' }),
  ];

  it('groups endpoint-wide causes across services and per-call causes per service, most severe first', () => {
    const groups = groupGaps(gaps);
    expect(groups.map((g) => [g.reason, g.count, g.services])).toEqual([
      ['connection-failed', 4, ['s3', 'iam', 'lambda']],
      ['denied', 2, ['s3']],
      ['denied', 1, ['kms']],
      ['not-supported', 2, ['apprunner', 'ecs']],
    ]);
    expect(groups[0]!.cause).toBe(refused);
    expect(groups[1]!.distinctCauses).toBe(2);
    expect(groups[2]!.resource).toBeUndefined();
  });

  it('describes a group in one line that names the count, the cause and the services', () => {
    const [connection, denied] = groupGaps(gaps);
    expect(describeGroup(connection!)).toBe(`4 gaps, connection-failed: s3, iam, lambda: ${refused}`);
    expect(describeGroup(denied!)).toBe('2 gaps, denied: s3 GetBucketPolicy, GetBucketTagging: e.g. AccessDenied: a');
  });

  it('orders groups by the declared severity of their reason', () => {
    const shuffled = COVERAGE_REASONS.map((reason, i) => gap({ operation: `Op${i}`, reason, service: `svc${COVERAGE_REASONS.length - i}` })).reverse();
    expect(groupGaps(shuffled).map((g) => g.reason)).toEqual([...COVERAGE_REASONS]);
  });
});
