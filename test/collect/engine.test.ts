/**
 * The engine's parts on their own: error classification, adaptive concurrency, backoff,
 * pagination guards, shared credentials, the coverage log and progress counters.
 */
import { describe, expect, it, vi } from 'vitest';
import { sharedCredentials } from '../../src/collect/credentials.js';
import { CoverageLog } from '../../src/collect/engine/coverage.js';
import { call } from '../../src/collect/engine/descriptor.js';
import type { Engine, Unit } from '../../src/collect/engine/engine.js';
import { classify, outcomeOf } from '../../src/collect/engine/errors.js';
import { AdaptiveLimiter, Limiter } from '../../src/collect/engine/limiter.js';
import { mergePages, paginate } from '../../src/collect/engine/paginate.js';
import { backoffDelay, CollectionInterrupted, sleep } from '../../src/collect/engine/retry.js';
import { formatProgressEvent, formatProgressLine, ProgressTracker } from '../../src/collect/progress.js';

const sdkError = (name: string, status?: number, extra: object = {}) =>
  Object.assign(new Error(`${name} happened`), { name, ...(status ? { $metadata: { httpStatusCode: status } } : {}), ...extra });

/** What the SDK throws when an answer is an HTML page: a SyntaxError with the raw response attached. */
const htmlError = (status: number) =>
  Object.assign(new SyntaxError('Unexpected token \'<\', "<!doctype "... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.'), {
    $metadata: { httpStatusCode: status },
    $response: { statusCode: status, headers: { 'content-type': 'text/html; charset=utf-8' } },
  });

describe('classify', () => {
  it.each([
    ['AccessDenied', sdkError('AccessDenied', 403), 'denied', 'denied'],
    ['AccessDeniedException', sdkError('AccessDeniedException', 400), 'denied', 'denied'],
    ['ThrottlingException', sdkError('ThrottlingException', 400), 'throttled', 'throttled'],
    ['any 429', sdkError('SomethingElse', 429), 'throttled', 'throttled'],
    ['SlowDown', sdkError('SlowDown', 503), 'throttled', 'throttled'],
    ['ExpiredToken', sdkError('ExpiredToken', 400), 'expired', 'failed'],
    ['a 500', sdkError('InternalError', 500), 'transient', 'failed'],
    ['a reset connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'transient', 'failed'],
    ['an unknown host', Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }), 'unavailable', 'not-collected'],
    ['a body that does not parse', sdkError('SyntaxError', 200), 'transient', 'failed'],
    ['a validation error', sdkError('ValidationException', 400), 'failed', 'failed'],
    ['an HTML 404 (an emulator without the operation)', htmlError(404), 'unsupported', 'not-collected'],
    ['an HTML 500 (moto: not implemented)', htmlError(500), 'unsupported', 'not-collected'],
    ['an HTML 503 (a proxy in trouble)', htmlError(503), 'transient', 'failed'],
    ['UnknownOperationException', sdkError('UnknownOperationException', 404), 'unsupported', 'not-collected'],
    ['no credentials at all', sdkError('CredentialsProviderError'), 'failed', 'failed'],
    ['an error that never reached AWS', new TypeError('Invalid URL'), 'failed', 'failed'],
  ])('%s', (_name, error, kind, outcome) => {
    const failure = classify(error);
    expect(failure.kind).toBe(kind);
    expect(outcomeOf(failure.kind)).toBe(outcome);
  });

  it('treats the codes a fetch names as "nothing there"', () => {
    expect(classify(sdkError('NoSuchBucketPolicy', 404), ['NoSuchBucketPolicy']).kind).toBe('absent');
    expect(classify(sdkError('NoSuchBucketPolicy', 404)).kind).toBe('failed');
  });

  it('says what an HTML answer means in AWS terms, never where the SDK hides the response', () => {
    expect(classify(htmlError(404)).message).toBe('the endpoint answered HTTP 404 with an HTML page, not an AWS response: operation not implemented there?');
    const cutShort = Object.assign(new SyntaxError('Unexpected end of JSON input\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.'), { $metadata: { httpStatusCode: 200 } });
    expect(classify(cutShort).message).toBe('malformed or truncated response (SyntaxError: Unexpected end of JSON input)');
  });

  it('keeps messages on one bounded line', () => {
    const failure = classify(sdkError('AccessDenied', 403, { message: `line one\nline two ${'x'.repeat(400)}` }));
    expect(failure.message).not.toContain('\n');
    expect(failure.message.length).toBeLessThanOrEqual(300 + 'AccessDenied: '.length);
  });
});

describe('limiters', () => {
  async function peak(limiter: Limiter, tasks: number): Promise<number> {
    let active = 0;
    let max = 0;
    await Promise.all(
      Array.from({ length: tasks }, () =>
        limiter.run(async () => {
          max = Math.max(max, ++active);
          await new Promise((resolve) => setTimeout(resolve, 2));
          active -= 1;
        }),
      ),
    );
    return max;
  }

  it('never runs more than the limit at once', async () => {
    expect(await peak(new Limiter(3), 20)).toBe(3);
  });

  it('halves on throttling, down to one, and grows back one step per run of successes', async () => {
    const limiter = new AdaptiveLimiter(8);
    limiter.onThrottle();
    expect(limiter.current).toBe(4);
    for (let i = 0; i < 5; i += 1) limiter.onThrottle();
    expect(limiter.current).toBe(1);
    expect(await peak(limiter, 5)).toBe(1);
    limiter.onSuccess();
    expect(limiter.current).toBe(2);
    for (let i = 0; i < 100; i += 1) limiter.onSuccess();
    expect(limiter.current).toBe(8);
  });
});

describe('backoff', () => {
  const backoff = { baseMs: 100, throttleBaseMs: 500, capMs: 1_000 };
  it.each([
    [1, false, 100],
    [3, false, 400],
    [1, true, 500],
    [9, true, 1_000],
  ])('attempt %i (throttled: %s) waits at most %i ms', (attempt, throttled, ceiling) => {
    for (let i = 0; i < 50; i += 1) expect(backoffDelay(backoff, attempt, throttled)).toBeLessThanOrEqual(ceiling);
  });

  it('a sleep ends with CollectionInterrupted when the run is aborted', async () => {
    const controller = new AbortController();
    const waiting = sleep(10_000, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toThrow(CollectionInterrupted);
    await expect(sleep(1, controller.signal)).rejects.toThrow(CollectionInterrupted);
  });
});

describe('paginate', () => {
  const unit = {} as Unit;
  const request = { spec: call(class ListThingsCommand {} as never), parent: {}, extract: (o: Record<string, unknown>) => o['Things'] as unknown[], pagination: { inputToken: 'NextToken', outputToken: 'NextToken' } };
  function fakeEngine(pages: Array<Record<string, unknown>>) {
    let index = 0;
    const gap = vi.fn();
    const engine = { call: async () => ({ status: 'ok', output: pages[Math.min(index++, pages.length - 1)] }), gap } as unknown as Engine;
    return { engine, gap };
  }

  it('stops at a token it has seen before, keeps what it has, and records a gap', async () => {
    const { engine, gap } = fakeEngine([{ Things: [1], NextToken: 'a' }, { Things: [2], NextToken: 'b' }, { Things: [3], NextToken: 'a' }]);
    const listed = await paginate(engine, unit, request);
    expect(listed).toMatchObject({ items: [1, 2, 3], status: 'partial' });
    expect(gap).toHaveBeenCalledWith(unit, 'ListThings', 'failed', expect.stringMatching(/repeats an earlier NextToken/), undefined);
  });

  it('stops at the limit and says whether more exist', async () => {
    const { engine } = fakeEngine([{ Things: [1, 2], NextToken: 'a' }, { Things: [3, 4], NextToken: 'b' }]);
    expect(await paginate(engine, unit, { ...request, limit: 3 })).toMatchObject({ items: [1, 2, 3], status: 'ok', limited: true });
  });

  it('merges pages that carry several lists', () => {
    const merged = mergePages(
      [
        { Users: [1], Roles: [], IsTruncated: true, Marker: 'm' },
        { Users: [2], Roles: [3], IsTruncated: false },
      ],
      { inputToken: 'Marker', outputToken: 'Marker', moreResults: 'IsTruncated' },
    );
    expect(merged).toEqual({ Users: [1, 2], Roles: [3] });
  });
});

describe('shared credentials', () => {
  it('asks the source once for many clients, and again only near expiry', async () => {
    let now = Date.now();
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    const source = vi.fn(async () => ({ accessKeyId: 'ASIA', secretAccessKey: 's', expiration: new Date(now + 3_600_000) }));
    const provider = sharedCredentials(source) as () => Promise<unknown>;
    await Promise.all([provider(), provider(), provider()]);
    expect(source).toHaveBeenCalledTimes(1);
    now += 3_600_000 - 60_000;
    await provider();
    expect(source).toHaveBeenCalledTimes(2);
    vi.restoreAllMocks();
  });

  it('passes fixed credentials through', () => {
    const fixed = { accessKeyId: 'AKIA', secretAccessKey: 's' };
    expect(sharedCredentials(fixed)).toBe(fixed);
  });
});

describe('coverage log and progress', () => {
  it('keeps one ok per operation, each gap once, sorted', () => {
    const log = new CoverageLog();
    const scope = { accountId: '111111111111', region: 'us-east-1', service: 'lambda' };
    log.recordOk(scope, 'ListFunctions');
    log.recordOk(scope, 'ListFunctions');
    log.recordGap(scope, 'GetPolicy', 'denied', 'AccessDenied', 'fn');
    log.recordGap(scope, 'GetPolicy', 'denied', 'AccessDenied', 'fn');
    log.recordGap({ ...scope, region: 'eu-west-1' }, 'ListFunctions', 'throttled', 'Rate exceeded');
    expect(log.records().map((r) => [r.region, r.operation, r.outcome])).toEqual([
      ['eu-west-1', 'ListFunctions', 'throttled'],
      ['us-east-1', 'GetPolicy', 'denied'],
      ['us-east-1', 'ListFunctions', 'ok'],
    ]);
    expect(log.gapCount).toBe(2);
  });

  it('counts a region done when all its services are, and words the state', () => {
    const events: string[] = [];
    const tracker = new ProgressTracker((event) => {
      const line = formatProgressEvent(event);
      if (line) events.push(line);
    });
    tracker.planAccounts(1);
    tracker.startAccount('111111111111', [{}, { region: 'us-east-1' }, { region: 'us-east-1' }, { region: 'eu-west-1' }]);
    tracker.call('111111111111');
    tracker.serviceDone('111111111111', 'lambda', 'us-east-1');
    expect(tracker.snapshot().regions).toEqual({ done: 0, total: 2 });
    tracker.serviceDone('111111111111', 'kms', 'us-east-1');
    tracker.gap('111111111111');
    expect(formatProgressLine(tracker.snapshot())).toBe('accounts 0/1 · regions 1/2 · services 2/4 · 1 call · 1 gap');
    tracker.accountDone('111111111111');
    expect(events).toEqual(['account 111111111111: collecting 4 services in 2 regions', 'account 111111111111: done, 1 call, 1 gap']);
  });
});
