/**
 * API Gateway facts: one front door per method (REST) or route (HTTP, WebSocket) of every
 * deployed stage, with its authorization, API key requirement, the API's resource policy and
 * endpoint type, and the integration it calls. Only deployed stages serve traffic: REST stages
 * point at a deployment, HTTP stages have one or deploy automatically. The snapshot holds the
 * API's current methods, not the deployment's copy of them; a method added since the last
 * deployment is read as deployed (the deployment's contents are not collected).
 */
import { compilePolicy, type CompiledPolicy, type PolicyDocumentInput } from '../../iam/index.js';
import { PolicyDocument, type HttpApi, type RestApi } from '../../snapshot/index.js';
import { httpBackend, restBackend } from './apigateway-integrations.js';
import type { Authorizer, Backend, CallerAuth, FrontDoor } from './front-doors.js';
import type { RegionalReader } from './regional.js';
import { configuration, type Place, type Resource } from './types.js';
import { httpWorkloads, restWorkloads } from './apigateway-configuration.js';

/**
 * The REST API resource policy: API Gateway returns it as JSON whose quotes are escaped
 * (`{\"Version\":...}`); an unreadable one is flagged, never taken for "no policy". The
 * `execute-api:/<stage>/<verb>/<path>` shorthand of policies written by hand names this API.
 */
function restPolicy(api: RestApi, apiArn: string, at: Place): { policy?: CompiledPolicy; policyUnreadable?: boolean } {
  if (!api.policy) return {};
  const own = `"arn:${at.partition}:execute-api:${at.region}:${at.accountId}:${api.id}/`;
  for (const raw of [api.policy, api.policy.replace(/\\"/g, '"').replace(/\\\//g, '/').replace(/\\\\/g, '\\')]) {
    const text = raw.replace(/"execute-api:\//g, own);
    const parsed = PolicyDocument.safeParse(text);
    if (parsed.success) return { policy: compilePolicy(parsed.data as PolicyDocumentInput, { kind: 'resource', id: `${apiArn}#resource-policy` }) };
  }
  return { policyUnreadable: true };
}

/** `arn:aws:execute-api:<region>:<account>:<api>/<stage>/<VERB>/<path>`; ANY is `*`. */
function executeArn(at: Place, apiId: string, stage: string, verb: string, path: string): string {
  return `arn:${at.partition}:execute-api:${at.region}:${at.accountId}:${apiId}/${stage}/${verb === 'ANY' ? '*' : verb}${path.startsWith('/') ? path : `/${path}`}`;
}

/** The ARN a request is authorized on: an ANY method is called with some verb (GET stands for it). */
function requestArn(arn: string): string {
  return arn.replace(/(:[^:/]+\/[^/]+\/)\*(\/|$)/, '$1GET$2');
}

function restAuth(api: RestApi, apiArn: string, method: { authorizationType?: string | undefined; authorizerId?: string | undefined }, field: string): CallerAuth {
  const type = method.authorizationType ?? 'NONE';
  if (type === 'NONE') return { kind: 'none' };
  if (type === 'AWS_IAM') return { kind: 'iam' };
  const found = (api.Authorizers ?? []).findIndex((a) => a.id === method.authorizerId);
  const authorizer = api.Authorizers?.[found];
  const evidence = configuration(apiArn, found >= 0 ? `Authorizers[${method.authorizerId}]` : `${field}.authorizerId`);
  if (type === 'COGNITO_USER_POOLS') {
    return { kind: 'authorizer', authorizer: { type: 'cognito', name: authorizer?.name ?? method.authorizerId ?? 'cognito', issuers: authorizer?.providerARNs ?? [], evidence } };
  }
  // CUSTOM: a Lambda authorizer (TOKEN or REQUEST); its function is the custom code that admits callers.
  const fn = /functions\/(arn:[^/]+)\/invocations/.exec(authorizer?.authorizerUri ?? '')?.[1];
  return { kind: 'authorizer', authorizer: { type: 'lambda', name: authorizer?.name ?? method.authorizerId ?? 'lambda', issuers: [fn ?? `${apiArn}/authorizers/${method.authorizerId ?? 'unknown'}`], evidence } };
}

/** One front door per method of every deployed stage of a REST API. */
function restRoutes(api: RestApi, at: Place): Resource[] {
  const apiArn = `arn:${at.partition}:apigateway:${at.region}::/restapis/${api.id}`;
  const { policy, policyUnreadable } = restPolicy(api, apiArn, at);
  const types = api.endpointConfiguration?.types ?? [];
  const out: Resource[] = [];
  for (const stage of api.Stages ?? []) {
    if (!stage.deploymentId) continue;
    for (const resource of api.Resources ?? []) {
      for (const [verb, method] of Object.entries(resource.resourceMethods ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        const field = `Resources[${resource.path ?? resource.id}].resourceMethods.${verb}`;
        const path = resource.path ?? '/';
        const arn = executeArn(at, api.id, stage.stageName, verb, path);
        const auth = restAuth(api, apiArn, method, field);
        const backend = method.methodIntegration ? restBackend(method.methodIntegration, at, configuration(apiArn, `${field}.methodIntegration`)) : undefined;
        const route = `${verb} ${path}`;
        const frontDoor: FrontDoor = {
          invoke: { action: 'execute-api:Invoke', arn: requestArn(arn) },
          auth,
          ...(policy ? { policy } : {}),
          ...(policyUnreadable ? { policyUnreadable } : {}),
          ...(types.includes('PRIVATE') ? { privateEndpoint: true } : {}),
          ...(api.disableExecuteApiEndpoint ? { defaultEndpointDisabled: true } : {}),
          ...(method.apiKeyRequired ? { apiKeyRequired: true } : {}),
          backends: backend ? [backend] : [],
          evidence: [configuration(apiArn, `Stages[${stage.stageName}].deploymentId`), configuration(apiArn, `${field}.authorizationType`)],
          detail: detailOf(api.name ?? api.id, stage.stageName, route, auth, method.apiKeyRequired),
        };
        out.push(routeResource(arn, `${api.name ?? api.id} ${route} (${stage.stageName})`, at, frontDoor));
      }
    }
  }
  return out;
}

function detailOf(api: string, stage: string, route: string, auth: CallerAuth, apiKeyRequired: boolean | undefined): Record<string, string> {
  return {
    api,
    stage,
    route,
    authorization: auth.kind === 'authorizer' ? auth.authorizer.type : auth.kind,
    ...(auth.kind === 'authorizer' ? { authorizer: auth.authorizer.name } : {}),
    ...(apiKeyRequired ? { apiKeyRequired: 'true' } : {}),
  };
}

function routeResource(arn: string, name: string, at: Place, frontDoor: FrontDoor): Resource {
  return { accountId: at.accountId, partition: at.partition, region: at.region, arn, kind: 'api-route', name, tags: {}, flags: [], frontDoor };
}

/** An HTTP API JWT issuer, or the Cognito user pool it is (`https://cognito-idp.<region>.amazonaws.com/<pool id>`). */
export function issuerOf(issuer: string, partition: string, accountId: string): { type: 'cognito' | 'jwt'; id: string } {
  const match = /^https:\/\/cognito-idp\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([\w-]+_[\w]+)\/?$/.exec(issuer);
  return match ? { type: 'cognito', id: `arn:${partition}:cognito-idp:${match[1]}:${accountId}:userpool/${match[2]}` } : { type: 'jwt', id: issuer.replace(/\/$/, '') };
}

function httpAuth(api: HttpApi, apiArn: string, route: { AuthorizationType?: string | undefined; AuthorizerId?: string | undefined }, field: string, at: Place): CallerAuth {
  const type = route.AuthorizationType ?? 'NONE';
  if (type === 'NONE') return { kind: 'none' };
  if (type === 'AWS_IAM') return { kind: 'iam' };
  const found = (api.Authorizers ?? []).findIndex((a) => a.AuthorizerId === route.AuthorizerId);
  const authorizer = api.Authorizers?.[found];
  const evidence = configuration(apiArn, found >= 0 ? `Authorizers[${route.AuthorizerId}]` : `${field}.AuthorizerId`);
  const name = authorizer?.Name ?? route.AuthorizerId ?? type.toLowerCase();
  if (type === 'JWT') {
    const issuer = authorizer?.JwtConfiguration?.Issuer;
    const known = issuer ? issuerOf(issuer, at.partition, at.accountId) : undefined;
    const found: Authorizer = { type: known?.type ?? 'jwt', name, issuers: known ? [known.id] : [], evidence };
    return { kind: 'authorizer', authorizer: found };
  }
  const fn = authorizer?.AuthorizerUri ? /functions\/(arn:[^/]+)\/invocations/.exec(authorizer.AuthorizerUri)?.[1] : undefined;
  return { kind: 'authorizer', authorizer: { type: 'lambda', name, issuers: [fn ?? `${apiArn}/authorizers/${route.AuthorizerId ?? 'unknown'}`], evidence } };
}

/** `POST /chat` -> verb and path; `$default` and WebSocket route keys have no verb. */
function splitRouteKey(key: string): { verb: string; path: string } {
  const space = key.indexOf(' ');
  return space < 0 ? { verb: '', path: key } : { verb: key.slice(0, space), path: key.slice(space + 1) };
}

/** One front door per route of every deployed stage of an HTTP or WebSocket API. */
function httpRoutes(api: HttpApi, at: Place): Resource[] {
  const apiArn = `arn:${at.partition}:apigateway:${at.region}::/apis/${api.ApiId}`;
  const integrations = new Map((api.Integrations ?? []).map((integration) => [integration.IntegrationId, { integration }]));
  const websocket = api.ProtocolType === 'WEBSOCKET';
  // A WebSocket API authorizes the connection: every route is as open as `$connect`.
  const connect = websocket ? (api.Routes ?? []).find((r) => r.RouteKey === '$connect') : undefined;
  const out: Resource[] = [];
  for (const stage of api.Stages ?? []) {
    const deployed = stage.AutoDeploy === true || typeof (stage as { DeploymentId?: unknown }).DeploymentId === 'string';
    if (!deployed) continue;
    for (const route of api.Routes ?? []) {
      const field = `Routes[${route.RouteKey}]`;
      const authRoute = connect ?? route;
      const auth = httpAuth(api, apiArn, authRoute, connect ? 'Routes[$connect]' : field, at);
      const { verb, path } = splitRouteKey(route.RouteKey);
      const arn = verb ? executeArn(at, api.ApiId, stage.StageName, verb, path) : `arn:${at.partition}:execute-api:${at.region}:${at.accountId}:${api.ApiId}/${stage.StageName}/${path}`;
      const target = route.Target?.startsWith('integrations/') ? integrations.get(route.Target.slice('integrations/'.length)) : undefined;
      const backend: Backend | undefined = target ? httpBackend(target.integration, configuration(apiArn, `Integrations[${target.integration.IntegrationId}]`)) : undefined;
      const apiKeyRequired = route.ApiKeyRequired === true;
      const frontDoor: FrontDoor = {
        invoke: { action: 'execute-api:Invoke', arn: requestArn(arn) },
        auth,
        ...(api.DisableExecuteApiEndpoint ? { defaultEndpointDisabled: true } : {}),
        ...(apiKeyRequired ? { apiKeyRequired } : {}),
        backends: backend ? [backend] : [],
        evidence: [configuration(apiArn, `Stages[${stage.StageName}]`), configuration(apiArn, `${field}.AuthorizationType`)],
        detail: detailOf(api.Name ?? api.ApiId, stage.StageName, route.RouteKey, auth, apiKeyRequired),
      };
      out.push(routeResource(arn, `${api.Name ?? api.ApiId} ${route.RouteKey} (${stage.StageName})`, at, frontDoor));
    }
  }
  return out;
}

/** The API Gateway reader (REST APIs). */
export const apiGateway: RegionalReader = {
  resources: (data, at) => (data.ApiGateway?.RestApis ?? []).flatMap((api) => restRoutes(api, at)),
  workloads: (data, at) => (data.ApiGateway?.RestApis ?? []).flatMap((api) => restWorkloads(api, at)),
};

/** The API Gateway v2 reader (HTTP and WebSocket APIs). */
export const apiGatewayV2: RegionalReader = {
  resources: (data, at) => (data.ApiGatewayV2?.Apis ?? []).flatMap((api) => httpRoutes(api, at)),
  workloads: (data, at) => (data.ApiGatewayV2?.Apis ?? []).flatMap((api) => httpWorkloads(api, at)),
};
