/**
 * API Gateway (regional): REST APIs with their resources and methods (integrations included),
 * stages, authorizers and resource policy; HTTP and WebSocket APIs with their routes,
 * integrations and stages. Integrations say which Lambda function or SageMaker endpoint an API
 * reaches.
 */
import { APIGatewayClient, GetAuthorizersCommand, GetResourcesCommand, GetRestApisCommand, GetStagesCommand } from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  GetApisCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand as GetHttpStagesCommand,
} from '@aws-sdk/client-apigatewayv2';
import { call, str, type ServiceDescriptor } from '../../engine/descriptor.js';

const positionPages = { inputToken: 'position', outputToken: 'position' } as const;
const tokenPages = { inputToken: 'NextToken', outputToken: 'NextToken' } as const;

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
        { field: 'Stages', call: call(GetHttpStagesCommand, (api) => ({ ApiId: str(api, 'ApiId'), MaxResults: '100' })), paginate: tokenPages, items: 'Items' },
      ],
    },
  ],
};
