/**
 * API Gateway configuration that holds values rather than routes: stages (their variables) and
 * integrations (their literal request parameters), as workloads without a node. Credentials
 * found there are held by these ARNs (snapshot/redact-sites.ts), which apigateway:GET reads.
 */
import type { HttpApi, RestApi } from '../../snapshot/index.js';
import type { Place, Workload } from './types.js';

/**
 * A stage as a workload without a node: its variables are configuration (credentials found there
 * are held by `<api>/stages/<name>`, the ARN apigateway:GET reads them on), deployed or not.
 */
function stageWorkload(apiArn: string, name: string, at: Place): Workload {
  return { accountId: at.accountId, partition: at.partition, region: at.region, arn: `${apiArn}/stages/${name}`, kind: 'api-stage', name, evidence: [] };
}

/**
 * A REST method or an HTTP integration as a workload without a node: its literal request
 * parameters are configuration (GetMethod returns a method's integration, GetIntegration an
 * HTTP API's), read with apigateway:GET on this ARN.
 */
function integrationWorkload(arn: string, name: string, at: Place): Workload {
  return { accountId: at.accountId, partition: at.partition, region: at.region, arn, kind: 'api-integration', name, evidence: [] };
}

/** Stages and methods of a REST API. */
export function restWorkloads(api: RestApi, at: Place): Workload[] {
  const apiArn = `arn:${at.partition}:apigateway:${at.region}::/restapis/${api.id}`;
  return [
    ...(api.Stages ?? []).map((stage) => stageWorkload(apiArn, stage.stageName, at)),
    ...(api.Resources ?? []).flatMap((resource) => Object.keys(resource.resourceMethods ?? {}).map((verb) => integrationWorkload(`${apiArn}/resources/${resource.id}/methods/${verb}`, `${verb} ${resource.path ?? resource.id}`, at))),
  ];
}

/** Stages and integrations of an HTTP or WebSocket API. */
export function httpWorkloads(api: HttpApi, at: Place): Workload[] {
  const apiArn = `arn:${at.partition}:apigateway:${at.region}::/apis/${api.ApiId}`;
  return [
    ...(api.Stages ?? []).map((stage) => stageWorkload(apiArn, stage.StageName, at)),
    ...(api.Integrations ?? []).map((integration) => integrationWorkload(`${apiArn}/integrations/${integration.IntegrationId}`, integration.IntegrationId, at)),
  ];
}
