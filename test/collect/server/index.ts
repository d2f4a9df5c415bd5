/**
 * A local stand-in for AWS, for tests and the benchmark: one HTTP server on 127.0.0.1 that
 * speaks each service's real wire protocol to the real AWS SDK clients, answers from recorded
 * responses, and injects faults. Requests are routed by their SigV4 signature (service and
 * region) and their protocol's own markers, so one endpoint serves every service.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerOperation, answerSts, assumedKeyId, pageOf, type Answer, type Identity } from './answer.js';
import { takeFault, type FaultRule } from './faults.js';
import { OPERATIONS } from './operations.js';
import { faultError, parseRequest, renderError, renderSuccess, type ParsedRequest, type WireAnswer } from './protocols.js';
import { setPath, type World } from './world.js';

export type { FaultRule } from './faults.js';
export { loadWorld, type World } from './world.js';

/** One request the server answered. */
export interface CallRecord {
  service: string;
  operation: string;
  account: string;
  region: string;
  key?: string;
  page: number;
  status: number;
}

/** How the server behaves. */
export interface AwsServerOptions {
  world: World;
  /** Delay before every answer (the benchmark's 20 ms). */
  latencyMs?: number;
  /** Items per page of every listing (small in tests, so pagination is exercised). */
  pageSize?: number;
  faults?: FaultRule[];
  /** Keep a log of calls (default true; the benchmark turns it off). */
  log?: boolean;
}

/** A running server. */
export interface AwsServer {
  endpoint: string;
  calls: CallRecord[];
  faults: FaultRule[];
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 on a free port. */
export async function startAwsServer(options: AwsServerOptions): Promise<AwsServer> {
  const calls: CallRecord[] = [];
  const faults = options.faults ?? [];
  const pageSize = options.pageSize ?? 2;
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const body = await readBody(request);
    const parsed = parseRequest(request, body);
    const requestId = `req-${calls.length + 1}`;
    if (!parsed) return send(response, { status: 400, contentType: 'text/plain', body: 'not an AWS request this server knows' });
    const identity = identify(options.world, parsed.accessKeyId);
    const operation = OPERATIONS[parsed.service]?.[parsed.operation];
    const keyName = operation?.key;
    const key = keyName ? String(parsed.params[keyName] ?? '') : undefined;
    const page = pageOf(operation, parsed.params, pageSize);
    const record: CallRecord = { service: parsed.service, operation: parsed.operation, account: identity?.account ?? 'unknown', region: parsed.region, page, status: 0, ...(key !== undefined ? { key } : {}) };
    if (options.log !== false) calls.push(record);
    if (options.latencyMs) await delay(options.latencyMs);
    const fault = takeFault(faults, { ...record });
    let answer: WireAnswer;
    if (!identity) {
      answer = renderError(parsed.protocol, { status: 403, code: parsed.protocol === 'json' ? 'UnrecognizedClientException' : 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' }, requestId);
    } else if (fault?.fault === 'not-implemented') {
      answer = { status: 404, contentType: 'text/html; charset=utf-8', body: '<!doctype html><html><title>404 Not Found</title><h1>Not Found</h1></html>' };
    } else if (fault && fault.fault !== 'timeout' && fault.fault !== 'truncated-body' && fault.fault !== 'missing-token') {
      answer = renderError(parsed.protocol, faultError(parsed.protocol, fault.fault), requestId);
    } else {
      if (fault?.fault === 'timeout') await delay(fault.hangMs ?? 5_000, { unref: true });
      answer = render(parsed, reply(options.world, parsed, identity, pageSize), requestId, fault);
    }
    record.status = answer.status;
    send(response, answer);
  };
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => send(response, { status: 500, contentType: 'text/plain', body: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function reply(world: World, parsed: ParsedRequest, identity: Identity, pageSize: number): Answer {
  if (parsed.service === 'sts') return answerSts(world, parsed.operation, parsed.params, identity);
  return answerOperation(world, parsed, identity, pageSize);
}

function render(parsed: ParsedRequest, answer: Answer, requestId: string, fault: FaultRule | undefined): WireAnswer {
  if ('error' in answer) return renderError(parsed.protocol, answer.error, requestId);
  let body = answer.body;
  if (fault?.fault === 'missing-token') body = withoutToken(parsed, body);
  const wire = renderSuccess(parsed, body, requestId);
  if (fault?.fault === 'truncated-body') return { ...wire, body: wire.body.slice(0, Math.floor(wire.body.length / 2)) };
  return wire;
}

/** The page as a buggy proxy might pass it on: "more results follow", but no token. */
function withoutToken(parsed: ParsedRequest, body: unknown): unknown {
  const list = OPERATIONS[parsed.service]?.[parsed.operation]?.list;
  if (!list?.tokenOut || typeof body !== 'object' || body === null) return body;
  const copy = structuredClone(body) as Record<string, unknown>;
  setPath(copy, list.tokenOut, undefined);
  if (list.more) setPath(copy, list.more, true);
  return copy;
}

/** The identity behind an access key: a configured one, or a role the server handed out. */
function identify(world: World, accessKeyId: string): Identity | undefined {
  const configured = world.credentials[accessKeyId];
  if (configured) return configured;
  const assumed = world.assumable.find((arn) => assumedKeyId(arn.split(':')[4] ?? '') === accessKeyId);
  return assumed ? { account: assumed.split(':')[4] ?? '', arn: assumed } : undefined;
}

function send(response: ServerResponse, answer: WireAnswer): void {
  if (response.destroyed || response.headersSent) return;
  response.writeHead(answer.status, { 'content-type': answer.contentType, 'content-length': Buffer.byteLength(answer.body), ...answer.headers });
  response.end(answer.body);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** Waits; an unref'd wait (a hanging answer) does not keep a finished test process alive. */
function delay(ms: number, options: { unref?: boolean } = {}): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    if (options.unref) timer.unref();
  });
}
