/**
 * What an API Gateway integration calls, read from its type and URI: a Lambda function (proxy
 * or not), an AWS service action through the integration's credentials role, or a backend
 * outside AWS (an HTTP URL, or a VPC link's load balancer). Only the service integrations whose
 * target the graph has a node for are read down to the resource (S3 objects, SageMaker
 * endpoints, Bedrock models); the others keep their action, so reports can say where the
 * request goes, and draw no edge.
 */
import type { Backend } from './front-doors.js';
import type { Provenance } from '../schema.js';

/** `arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations` -> the function ARN. */
export function functionOfUri(uri: string): string | undefined {
  if (uri.startsWith('arn:') && uri.split(':')[2] === 'lambda') return uri;
  const match = /:lambda:path\/[^/]+\/functions\/(arn:[^/]+)\/invocations$/.exec(uri);
  return match?.[1];
}

/** A URL without its query, fragment or user info: node ids must carry no token a URL may hold. */
export function endpointOf(uri: string): string {
  try {
    const url = new URL(uri);
    return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    // A listener or Cloud Map ARN, or a URL with stage variables: keep what precedes any query.
    return uri.split(/[?#]/)[0]!;
  }
}

/** Path parameters the caller's request fills (`{bucket}` mapped from `method.request.path.*`). */
function requestChosen(segment: string, parameters: Record<string, string> | undefined): boolean {
  const name = /^\{([^}]+)\}$/.exec(segment)?.[1];
  if (!name) return false;
  const source = parameters?.[`integration.request.path.${name}`];
  return source !== undefined && source.startsWith('method.request.');
}

/** Where a REST integration of type AWS calls: `arn:aws:apigateway:<region>:<service>:path|action/<...>`. */
function awsServiceBackend(
  uri: string,
  at: { partition: string; region: string; accountId: string },
  integration: { httpMethod?: string | undefined; credentials?: string | undefined; requestParameters?: Record<string, string> | undefined },
  evidence: Provenance,
): Backend | undefined {
  const parts = uri.split(':');
  const service = parts[4] ?? '';
  const rest = parts.slice(5).join(':');
  const credentials = integration.credentials ? { credentials: integration.credentials } : {};
  const [mode, ...pathParts] = rest.split('/');
  if (service === 's3' && mode === 'path') {
    const [bucket, ...key] = pathParts;
    const action = integration.httpMethod === 'PUT' ? 's3:PutObject' : integration.httpMethod === 'DELETE' ? 's3:DeleteObject' : 's3:GetObject';
    if (!bucket) return undefined;
    const chosen = requestChosen(bucket, integration.requestParameters);
    if (bucket.includes('{') && !chosen) return undefined;
    return { kind: 'aws-service', action, ...(chosen ? {} : { resource: `arn:${at.partition}:s3:::${bucket}/${key.join('/') || '*'}` }), ...credentials, evidence };
  }
  if (service.endsWith('sagemaker') && mode === 'path') {
    const name = /endpoints\/([^/]+)\/invocations/.exec(rest)?.[1];
    if (!name) return undefined;
    const chosen = requestChosen(name, integration.requestParameters);
    if (name.includes('{') && !chosen) return undefined;
    return { kind: 'aws-service', action: 'sagemaker:InvokeEndpoint', ...(chosen ? {} : { resource: `arn:${at.partition}:sagemaker:${at.region}:${at.accountId}:endpoint/${name.toLowerCase()}` }), ...credentials, evidence };
  }
  if (service.startsWith('bedrock') && mode === 'path') {
    const model = /model\/([^/]+)\/(invoke|converse)/.exec(rest)?.[1];
    if (!model) return undefined;
    const chosen = requestChosen(model, integration.requestParameters);
    if (model.includes('{') && !chosen) return undefined;
    const resource = `arn:${at.partition}:bedrock:${at.region}::foundation-model/${decodeURIComponent(model)}`;
    return { kind: 'aws-service', action: 'bedrock:InvokeModel', ...(chosen ? {} : { resource }), ...credentials, evidence };
  }
  if (service === 'lambda') {
    const fn = functionOfUri(uri);
    return fn ? { kind: 'function', arn: fn, ...credentials, evidence } : undefined;
  }
  // Other services (SQS, Step Functions, DynamoDB...): named for the report, no node to reach.
  const action = mode === 'action' ? pathParts[0] : undefined;
  return { kind: 'aws-service', action: `${service}:${action ?? '*'}`, ...credentials, evidence };
}

/** A REST method's integration (`methodIntegration`) as a backend. */
export function restBackend(
  integration: { type?: string | undefined; uri?: string | undefined; httpMethod?: string | undefined; credentials?: string | undefined; connectionType?: string | undefined; connectionId?: string | undefined; requestParameters?: Record<string, string> | undefined },
  at: { partition: string; region: string; accountId: string },
  evidence: Provenance,
): Backend | undefined {
  const { type, uri } = integration;
  if (!uri || type === 'MOCK') return undefined;
  if (type === 'AWS_PROXY') {
    const fn = functionOfUri(uri);
    return fn ? { kind: 'function', arn: fn, ...(integration.credentials ? { credentials: integration.credentials } : {}), evidence } : undefined;
  }
  if (type === 'AWS') return awsServiceBackend(uri, at, integration, evidence);
  if (type === 'HTTP' || type === 'HTTP_PROXY') {
    return { kind: 'external', endpoint: endpointOf(uri), ...(integration.connectionType === 'VPC_LINK' && integration.connectionId ? { via: integration.connectionId } : {}), evidence };
  }
  return undefined;
}

/** IntegrationSubtype of an HTTP API service integration -> the action it performs. */
function subtypeAction(subtype: string): string {
  const [service, operation] = subtype.split('-');
  const prefix: Record<string, string> = { SQS: 'sqs', StepFunctions: 'states', EventBridge: 'events', Kinesis: 'kinesis', AppConfig: 'appconfig' };
  return `${prefix[service ?? ''] ?? (service ?? '').toLowerCase()}:${operation ?? '*'}`;
}

/** An HTTP API integration as a backend. */
export function httpBackend(
  integration: { IntegrationType?: string | undefined; IntegrationSubtype?: string | undefined; IntegrationUri?: string | undefined; CredentialsArn?: string | undefined; ConnectionType?: string | undefined; ConnectionId?: string | undefined },
  evidence: Provenance,
): Backend | undefined {
  const credentials = integration.CredentialsArn ? { credentials: integration.CredentialsArn } : {};
  if (integration.IntegrationType === 'AWS_PROXY') {
    if (integration.IntegrationSubtype) return { kind: 'aws-service', action: subtypeAction(integration.IntegrationSubtype), ...credentials, evidence };
    const fn = integration.IntegrationUri ? functionOfUri(integration.IntegrationUri) : undefined;
    return fn ? { kind: 'function', arn: fn, ...credentials, evidence } : undefined;
  }
  if ((integration.IntegrationType === 'HTTP_PROXY' || integration.IntegrationType === 'HTTP') && integration.IntegrationUri) {
    const via = integration.ConnectionType === 'VPC_LINK' && integration.ConnectionId ? { via: integration.ConnectionId } : {};
    return { kind: 'external', endpoint: endpointOf(integration.IntegrationUri), ...via, evidence };
  }
  return undefined;
}
