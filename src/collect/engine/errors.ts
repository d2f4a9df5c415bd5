/**
 * Turns whatever an SDK call threw into one of a few kinds the engine acts on: retry it, give
 * up and record a gap with the right outcome, or treat it as "nothing there".
 */
import type { CoverageOutcome, CoverageReason } from '../../snapshot/index.js';

/** What the engine does with a failed call. */
export type FailureKind = 'absent' | 'denied' | 'throttled' | 'transient' | 'expired' | 'unavailable' | 'unsupported' | 'failed';

/** A classified failure: kind, AWS error code, the cause reports group by, and a message fit for a coverage record. */
export interface Failure {
  kind: FailureKind;
  code: string;
  message: string;
  /** Absent for `absent` (not a gap). */
  reason?: CoverageReason;
}

const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'AuthorizationError',
  'AuthorizationErrorException',
  'NotAuthorized',
  'Forbidden',
  'ForbiddenException',
  'UnauthorizedException',
]);

const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
  'TransactionInProgressException',
]);

/** Codes AWS (and emulators) send for an operation the endpoint does not offer. */
const UNSUPPORTED = new Set(['UnknownOperationException', 'InvalidAction', 'NotImplemented', 'NotImplementedException', 'UnsupportedOperation', 'UnsupportedOperationException']);

/** HTML pages with these statuses come from an endpoint that has no such operation (moto: 404 no route, 500 not implemented). */
const UNSUPPORTED_HTML_STATUSES = new Set([400, 404, 405, 500, 501]);

const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);

/** Network errors worth another attempt, with the words a summary says them in. */
const TRANSIENT_NETWORK = new Map([
  ['ECONNRESET', 'connection reset by'],
  ['ECONNREFUSED', 'connection refused by'],
  ['EPIPE', 'connection closed by'],
  ['ETIMEDOUT', 'connection timed out to'],
  ['EAI_AGAIN', 'name lookup failed for'],
  ['ECONNABORTED', 'connection aborted to'],
  ['EHOSTUNREACH', 'no route to'],
  ['ENETUNREACH', 'no route to'],
]);

interface SdkErrorShape {
  name?: string;
  /** The raw HTTP response the SDK attaches when it cannot parse an answer. */
  $response?: { statusCode?: number; headers?: Record<string, string | undefined> };
  code?: string;
  address?: string;
  port?: number;
  Code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
  $fault?: string;
}

/** The AWS error code of an SDK error (`AccessDenied`), or its Node error code (`ECONNRESET`). */
export function errorCode(error: unknown): string {
  const shape = (error ?? {}) as SdkErrorShape;
  return shape.Code ?? (shape.name && shape.name !== 'Error' ? shape.name : undefined) ?? shape.code ?? 'Error';
}

/** Classifies an SDK error; `absentOn` lists codes that mean the resource simply has no such thing. */
export function classify(error: unknown, absentOn: readonly string[] = []): Failure {
  const shape = (error ?? {}) as SdkErrorShape;
  const code = errorCode(error);
  const status = shape.$metadata?.httpStatusCode;
  const text = oneLine(withoutSdkHints(shape.message ?? String(error)));
  const message = text && text !== code ? `${code}: ${text}` : code;
  if (absentOn.includes(code)) return { kind: 'absent', code, message };
  const html = htmlAnswer(shape);
  if (html !== undefined) return html;
  if (UNSUPPORTED.has(code) || status === 501) return { kind: 'unsupported', code, message: `the endpoint does not offer this operation (${message})`, reason: 'not-implemented' };
  if (DENIED.has(code)) return { kind: 'denied', code, message, reason: 'denied' };
  if (EXPIRED.has(code)) return { kind: 'expired', code, message: `credentials expired (${message})`, reason: 'credentials' };
  if (THROTTLED.has(code) || status === 429 || shape.$retryable?.throttling === true) return { kind: 'throttled', code, message, reason: 'throttled' };
  if (code === 'ENOTFOUND') {
    return { kind: 'unavailable', code, message: `no endpoint found (${message}); the service is probably not offered in this region`, reason: 'region-unavailable' };
  }
  if (/ProviderError$/.test(code)) return { kind: 'failed', code, message: `no usable credentials (${message})`, reason: 'credentials' };
  const network = TRANSIENT_NETWORK.get(shape.code ?? code);
  if (network !== undefined) {
    const peer = shape.address ? `${shape.address}${shape.port ? `:${shape.port}` : ''}` : 'the endpoint';
    const reason = shape.code === 'ETIMEDOUT' || code === 'ETIMEDOUT' ? 'timeout' : 'connection-failed';
    return { kind: 'transient', code, message: `${network} ${peer} (${shape.code ?? code})`, reason };
  }
  // The SDK could not parse the answer: an HTML error page from a proxy or an emulator that
  // lacks the operation. Server errors (5xx) and cut-short successes are worth another try.
  if ((code === 'SyntaxError' || /Deserialization error/.test(shape.message ?? '')) && (status === undefined || status >= 300)) {
    const retry = status === undefined || status >= 500;
    return { kind: retry ? 'transient' : 'failed', code, message: `invalid response${status ? ` (HTTP ${status})` : ''}: the answer is not a valid AWS response`, reason: 'invalid-response' };
  }
  if ((status !== undefined && status >= 500) || shape.$retryable !== undefined) return { kind: 'transient', code, message, reason: 'server-error' };
  // A successful status with a body that does not parse is a response cut short: worth another try.
  if (status !== undefined && status < 300) return { kind: 'transient', code, message: `malformed or truncated response (${message})`, reason: 'invalid-response' };
  return { kind: 'failed', code, message, reason: 'failed' };
}

/** Whether another attempt may succeed. */
export function isRetryable(kind: FailureKind): boolean {
  return kind === 'throttled' || kind === 'transient';
}

/** The coverage outcome a final failure is recorded with. */
export function outcomeOf(kind: FailureKind): Exclude<CoverageOutcome, 'ok'> {
  switch (kind) {
    case 'denied':
      return 'denied';
    case 'throttled':
      return 'throttled';
    case 'unavailable':
    case 'unsupported':
      return 'not-collected';
    default:
      return 'failed';
  }
}

/**
 * An answer that is an HTML page, not an AWS response: an emulator or proxy without this
 * operation (or, for 502-504, a proxy in trouble, worth another try). Said in AWS terms, since
 * the SDK's own message only tells a developer where to look in its error object.
 */
function htmlAnswer(shape: SdkErrorShape): Failure | undefined {
  const type = shape.$response?.headers?.['content-type'] ?? '';
  if (!/html/i.test(type)) return undefined;
  const status = shape.$response?.statusCode ?? shape.$metadata?.httpStatusCode ?? 0;
  if (UNSUPPORTED_HTML_STATUSES.has(status)) {
    return { kind: 'unsupported', code: `HTTP ${status}`, message: `the endpoint answered HTTP ${status} with an HTML page, not an AWS response: operation not implemented there?`, reason: 'not-implemented' };
  }
  return { kind: 'transient', code: `HTTP ${status}`, message: `the endpoint answered HTTP ${status} with an HTML page, not an AWS response`, reason: 'server-error' };
}

/** Drops the SDK's hint about its own error object ("inspect the hidden field {error}.$response"). */
function withoutSdkHints(text: string): string {
  return text.replace(/\s*Deserialization error: to see the raw response, inspect the hidden field \{error\}\.\$response on this object\.?/g, '');
}

/** AWS messages sometimes span lines; coverage messages are one line and bounded. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}
