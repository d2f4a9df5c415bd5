/**
 * API Gateway (regional): REST APIs (resource policy, endpoint configuration and VPC endpoint
 * ids) with their resources and methods (authorization, API key, integration with its URI and
 * credentials role), stages and the deployments they point at, and authorizers; HTTP and
 * WebSocket APIs with their routes, integrations, authorizers and stages. Integrations say
 * which Lambda function, AWS service or HTTP backend an API reaches. Stage variables and
 * literal integration parameters are redacted before a snapshot is written or analyzed.
 */
import { APIGatewayClient, GetAuthorizersCommand, GetDeploymentsCommand, GetResourcesCommand, GetRestApisCommand, GetStagesCommand } from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  GetApisCommand,
  GetAuthorizerCommand as GetHttpAuthorizerCommand,
  GetAuthorizersCommand as GetHttpAuthorizersCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand as GetHttpStagesCommand,
} from '@aws-sdk/client-apigatewayv2';
import { compareStrings } from '../../../core/hash.js';
import { call, str, type Rec, type ServiceDescriptor } from '../../engine/descriptor.js';

const positionPages = { inputToken: 'position', outputToken: 'position' } as const;
const tokenPages = { inputToken: 'NextToken', outputToken: 'NextToken' } as const;

/** The authorizers an HTTP API's routes use, each once (the fallback when GetAuthorizers is missing). */
function routeAuthorizers(api: Rec): Rec[] {
  const ids = new Set(((api['Routes'] ?? []) as Rec[]).map((route) => str(route, 'AuthorizerId')).filter((id) => id !== ''));
  return [...ids].sort(compareStrings).map((AuthorizerId) => ({ ApiId: str(api, 'ApiId'), AuthorizerId }));
}

/** The API Gateway REST API collector. */
export const apigateway: ServiceDescriptor = {
  service: 'apigateway',
  scope: 'regional',
  section: 'ApiGateway',
  client: APIGatewayClient,
  fetches: [
    {
      field: 'RestApis',
      call: call(GetRestApisCommand, () => ({ limit: 500 })),
      paginate: positionPages,
      items: 'items',
      name: (api) => str(api, 'id'),
      required: true,
      details: [
        {
          field: 'Resources',
          call: call(GetResourcesCommand, (api) => ({ restApiId: str(api, 'id'), embed: ['methods'], limit: 500 })),
          paginate: positionPages,
          items: 'items',
        },
        { field: 'Stages', call: call(GetStagesCommand, (api) => ({ restApiId: str(api, 'id') })), pick: 'item' },
        {
          field: 'Deployments',
          call: call(GetDeploymentsCommand, (api) => ({ restApiId: str(api, 'id'), limit: 500 })),
          paginate: positionPages,
          items: 'items',
        },
        {
          field: 'Authorizers',
          call: call(GetAuthorizersCommand, (api) => ({ restApiId: str(api, 'id'), limit: 500 })),
          paginate: positionPages,
          items: 'items',
        },
      ],
    },
  ],
};

/** The API Gateway HTTP and WebSocket API collector (its own section, the same `--services` name). */
export const apigatewayv2: ServiceDescriptor = {
  service: 'apigateway',
  scope: 'regional',
  section: 'ApiGatewayV2',
  client: ApiGatewayV2Client,
  fetches: [
    {
      field: 'Apis',
      call: call(GetApisCommand, () => ({ MaxResults: '100' })),
      paginate: tokenPages,
      items: 'Items',
      name: (api) => str(api, 'ApiId'),
      required: true,
      details: [
        { field: 'Routes', call: call(GetRoutesCommand, (api) => ({ ApiId: str(api, 'ApiId'), MaxResults: '100' })), paginate: tokenPages, items: 'Items' },
        {
          field: 'Integrations',
          call: call(GetIntegrationsCommand, (api) => ({ ApiId: str(api, 'ApiId'), MaxResults: '100' })),
          paginate: tokenPages,
          items: 'Items',
        },
        {
          field: 'Authorizers',
          call: call(GetHttpAuthorizersCommand, (api) => ({ ApiId: str(api, 'ApiId'), MaxResults: '100' })),
          paginate: tokenPages,
          items: 'Items',
          fallback: {
            fetch: {
              over: routeAuthorizers,
              call: call(GetHttpAuthorizerCommand, (a) => ({ ApiId: str(a, 'ApiId'), AuthorizerId: str(a, 'AuthorizerId') })),
              items: (output) => [output],
            },
            note: 'the authorizers routes use are read one by one; authorizers no route uses are not seen',
          },
        },
        { field: 'Stages', call: call(GetHttpStagesCommand, (api) => ({ ApiId: str(api, 'ApiId'), MaxResults: '100' })), paginate: tokenPages, items: 'Items' },
      ],
    },
  ],
};
