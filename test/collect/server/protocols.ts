/**
 * AWS wire protocols, server side: which service and operation a signed request is for, and
 * how answers and errors look on the wire for query/XML (IAM, STS, ELBv2), EC2 query, REST/XML
 * (S3, S3 Control), JSON 1.0/1.1 (SSM, KMS, Secrets Manager, SageMaker, ECR, Organizations, ECS,
 * Cognito, App Runner) and REST/JSON (Lambda, API Gateway, Bedrock, AgentCore, EKS).
 */
import type { IncomingMessage } from 'node:http';
import type { AwsError } from './operations.js';
import { matchRoute } from './routes.js';
import { documentXml, escapeXml, toXml } from './xml.js';

/** The wire protocols the server speaks. */
export type Protocol = 'query' | 'ec2' | 'rest-xml' | 'json' | 'rest-json';

/** A request, understood. */
export interface ParsedRequest {
  protocol: Protocol;
  service: string;
  operation: string;
  params: Record<string, unknown>;
  accessKeyId: string;
  region: string;
}

/** An HTTP answer. */
export interface WireAnswer {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

const SIGNATURE = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

/** Parses a SigV4-signed request; undefined when it is not one the server knows. */
export function parseRequest(request: IncomingMessage, body: string): ParsedRequest | undefined {
  const signature = SIGNATURE.exec(request.headers.authorization ?? '');
  if (!signature) return undefined;
  const [, accessKeyId = '', region = '', signingName = ''] = signature;
  const url = new URL(request.url ?? '/', 'http://localhost');
  const base = { accessKeyId, region };
  const target = request.headers['x-amz-target'];
  if (typeof target === 'string') {
    const operation = target.split('.')[1] ?? '';
    return { ...base, protocol: 'json', service: signingName, operation, params: parseJson(body) };
  }
  if ((request.headers['content-type'] ?? '').includes('x-www-form-urlencoded')) {
    const form = new URLSearchParams(body);
    const params = Object.fromEntries(form.entries());
    return { ...base, protocol: signingName === 'ec2' ? 'ec2' : 'query', service: signingName, operation: form.get('Action') ?? '', params };
  }
  return parseRest(request.method ?? 'GET', url, body, signingName, base);
}

function parseRest(method: string, url: URL, body: string, signingName: string, base: { accessKeyId: string; region: string }): ParsedRequest | undefined {
  let path = url.pathname;
  let services: string[];
  const params: Record<string, unknown> = { ...parseJson(body), ...Object.fromEntries(url.searchParams.entries()) };
  if (signingName === 's3' && path.startsWith('/v20180820/')) services = ['s3control'];
  else if (signingName === 's3') {
    // Path-style addressing: the first segment is the bucket.
    const [, bucket = '', ...rest] = path.split('/');
    if (bucket) params['Bucket'] = decodeURIComponent(bucket);
    path = `/${rest.join('/')}`;
    services = ['s3'];
  } else if (signingName === 'apigateway') services = ['apigatewayv2', 'apigateway'];
  else if (signingName === 'bedrock') services = ['bedrock', 'bedrock-agent'];
  else services = [signingName];
  const match = matchRoute(services, method, path, url.searchParams);
  if (!match) return undefined;
  const protocol: Protocol = match.service === 's3' || match.service === 's3control' ? 'rest-xml' : 'rest-json';
  return { ...base, protocol, service: match.service, operation: match.operation, params: { ...params, ...match.labels } };
}

function parseJson(body: string): Record<string, unknown> {
  if (!body.trim()) return {};
  try {
    const value = JSON.parse(body) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const QUERY_NAMESPACES: Record<string, string> = {
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  elasticloadbalancing: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
};
const XML = 'text/xml';

/** A successful answer. `body` is the recording: XML transcribed to JSON, or the JSON body itself. */
export function renderSuccess(request: ParsedRequest, body: unknown, requestId: string): WireAnswer {
  const { protocol, operation } = request;
  switch (protocol) {
    case 'query': {
      const ns = QUERY_NAMESPACES[request.service] ?? '';
      const xml = `<${operation}Response xmlns="${ns}"><${operation}Result>${toXml(body)}</${operation}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`;
      return { status: 200, contentType: XML, body: xml };
    }
    case 'ec2':
      return { status: 200, contentType: XML, body: `<${operation}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>${requestId}</requestId>${toXml(body)}</${operation}Response>` };
    case 'rest-xml': {
      if (request.service === 's3' && operation === 'GetBucketPolicy') {
        // The policy is the body itself, as JSON text.
        const policy = (body as { Policy?: unknown }).Policy;
        return { status: 200, contentType: 'application/json', body: typeof policy === 'string' ? policy : JSON.stringify(policy) };
      }
      const namespace = request.service === 's3' ? 'http://s3.amazonaws.com/doc/2006-03-01/' : 'http://awss3control.amazonaws.com/doc/2018-08-20/';
      return { status: 200, contentType: 'application/xml', body: documentXml(body, namespace) };
    }
    case 'json':
      return { status: 200, contentType: 'application/x-amz-json-1.1', body: JSON.stringify(body) };
    case 'rest-json':
      return { status: 200, contentType: 'application/json', body: JSON.stringify(body) };
  }
}

/** An error answer in the protocol's own format. */
export function renderError(protocol: Protocol, error: AwsError, requestId: string): WireAnswer {
  const message = error.message ?? error.code;
  switch (protocol) {
    case 'query':
      return {
        status: error.status,
        contentType: XML,
        body: `<ErrorResponse><Error><Type>Sender</Type><Code>${error.code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      };
    case 'ec2':
      return {
        status: error.status,
        contentType: XML,
        body: `<Response><Errors><Error><Code>${error.code}</Code><Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
      };
    case 'rest-xml':
      return {
        status: error.status,
        contentType: 'application/xml',
        body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${error.code}</Code><Message>${escapeXml(message)}</Message><RequestId>${requestId}</RequestId></Error>`,
      };
    case 'json':
      return { status: error.status, contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: error.code, message }) };
    case 'rest-json':
      return { status: error.status, contentType: 'application/json', body: JSON.stringify({ message }), headers: { 'x-amzn-errortype': error.code } };
  }
}

/** The error each protocol's services send for a fault. */
export function faultError(protocol: Protocol, fault: 'throttle' | 'denied' | 'expired' | 'server-error'): AwsError {
  const table: Record<typeof fault, Record<Protocol, [number, string]>> = {
    throttle: { query: [400, 'Throttling'], ec2: [503, 'RequestLimitExceeded'], 'rest-xml': [503, 'SlowDown'], json: [400, 'ThrottlingException'], 'rest-json': [429, 'TooManyRequestsException'] },
    denied: { query: [403, 'AccessDenied'], ec2: [403, 'UnauthorizedOperation'], 'rest-xml': [403, 'AccessDenied'], json: [400, 'AccessDeniedException'], 'rest-json': [403, 'AccessDeniedException'] },
    expired: { query: [403, 'ExpiredToken'], ec2: [400, 'RequestExpired'], 'rest-xml': [400, 'ExpiredToken'], json: [400, 'ExpiredTokenException'], 'rest-json': [403, 'ExpiredTokenException'] },
    'server-error': { query: [500, 'ServiceFailure'], ec2: [500, 'InternalError'], 'rest-xml': [500, 'InternalError'], json: [500, 'InternalFailure'], 'rest-json': [500, 'ServiceException'] },
  };
  const [status, code] = table[fault][protocol];
  const messages: Record<typeof fault, string> = {
    throttle: 'Rate exceeded',
    denied: 'User is not authorized to perform this action',
    expired: 'The security token included in the request is expired',
    'server-error': 'We encountered an internal error. Please try again.',
  };
  return { status, code, message: messages[fault] };
}
