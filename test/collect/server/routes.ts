/**
 * REST routes of the services that use REST protocols (S3, S3 Control, Lambda, API Gateway,
 * Bedrock, AgentCore, EKS), read from the AWS SDK's own operation schemas: method, path template with
 * labels, and literal query keys. The server needs no hand-written route list.
 */
import * as apigateway from '@aws-sdk/client-api-gateway';
import * as apigatewayv2 from '@aws-sdk/client-apigatewayv2';
import * as bedrock from '@aws-sdk/client-bedrock';
import * as bedrockAgent from '@aws-sdk/client-bedrock-agent';
import * as bedrockAgentCore from '@aws-sdk/client-bedrock-agentcore-control';
import * as eks from '@aws-sdk/client-eks';
import * as lambda from '@aws-sdk/client-lambda';
import * as s3 from '@aws-sdk/client-s3';
import * as s3control from '@aws-sdk/client-s3-control';

/** One operation's HTTP binding. */
interface Route {
  service: string;
  operation: string;
  method: string;
  segments: string[];
  /** Literal query keys (and values, when given) the request must carry. */
  query: Array<[string, string | undefined]>;
}

const MODULES: Record<string, Record<string, unknown>> = {
  s3,
  s3control,
  lambda,
  apigateway,
  apigatewayv2,
  bedrock,
  'bedrock-agent': bedrockAgent,
  'bedrock-agentcore': bedrockAgentCore,
  eks,
};

const routes = new Map<string, Route[]>();

function routesOf(service: string): Route[] {
  let list = routes.get(service);
  if (list) return list;
  list = [];
  for (const [name, value] of Object.entries(MODULES[service] ?? {})) {
    if (!name.endsWith('Command') || typeof value !== 'function') continue;
    const schema = (new (value as new (input: object) => { schema?: unknown[] })({}).schema ?? []) as unknown[];
    const http = (schema[3] as { http?: [string, string, number] } | undefined)?.http;
    if (!http) continue;
    const [path, query = ''] = http[1].split('?');
    list.push({
      service,
      operation: name.replace(/Command$/, ''),
      method: http[0],
      segments: (path ?? '/').split('/'),
      query: query
        .split('&')
        .filter(Boolean)
        .map((pair) => {
          const [key, literal] = pair.split('=');
          return [key ?? '', literal];
        }),
    });
  }
  // More literal query keys first: `/?policy` must win over `/`.
  list.sort((a, b) => b.query.length - a.query.length);
  routes.set(service, list);
  return list;
}

/** The operation a REST request is for, and its path labels. */
export function matchRoute(services: readonly string[], method: string, path: string, query: URLSearchParams): { service: string; operation: string; labels: Record<string, string> } | undefined {
  const segments = path.split('/');
  for (const service of services) {
    for (const route of routesOf(service)) {
      if (route.method !== method) continue;
      if (!route.query.every(([key, literal]) => query.has(key) && (literal === undefined || query.get(key) === literal))) continue;
      const labels = matchSegments(route.segments, segments);
      if (labels) return { service, operation: route.operation, labels };
    }
  }
  return undefined;
}

function matchSegments(template: string[], actual: string[]): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  for (let i = 0; i < template.length; i += 1) {
    const part = template[i] ?? '';
    const label = /^\{(\w+)(\+?)\}$/.exec(part);
    if (label?.[2]) {
      labels[label[1]!] = actual.slice(i).map(decodeURIComponent).join('/');
      return labels;
    }
    if (i >= actual.length) return undefined;
    if (label) labels[label[1]!] = decodeURIComponent(actual[i] ?? '');
    else if (part !== actual[i]) return undefined;
  }
  return template.length === actual.length ? labels : undefined;
}
