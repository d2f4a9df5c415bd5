/**
 * API Gateway: a REST API whose POST /predict has no authorization and proxies to the chat
 * Lambda, a GET /admin method behind IAM, a Cognito authorizer, a deployed `prod` stage with a
 * stage variable holding a token; an HTTP API with a JWT authorizer and a public route. The chat
 * Lambda lets API Gateway invoke it for the REST API only (the permission `aws lambda
 * add-permission` writes), so the HTTP API's routes reach no function.
 */
import {
  APIGatewayClient,
  CreateAuthorizerCommand,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateAuthorizerCommand as CreateHttpAuthorizerCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { AddPermissionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { REGION, roleArn, type SeedContext } from './clients.js';
import { FUNCTIONS } from './lambda.js';

/** A token-shaped stage variable: redacted before the snapshot is written. */
export const STAGE_TOKEN = 'ghp_R7kPq2Wm9Xz4Lt8Vb1Nc6Yd3Hf5Js0Ga2QeU4';

/** What was created, for the expectations. */
export interface SeededApis {
  restApiId: string;
  httpApiId: string;
}

/** Creates both APIs. */
export async function seedApiGateway(context: SeedContext, userPoolArn: string): Promise<SeededApis> {
  const rest = new APIGatewayClient(context.config);
  const api = await rest.send(new CreateRestApiCommand({ name: 'inference-api', endpointConfiguration: { types: ['REGIONAL'] } }));
  const restApiId = api.id!;
  const resources = await rest.send(new GetResourcesCommand({ restApiId }));
  const root = resources.items!.find((r) => r.path === '/')!.id!;
  const predict = await rest.send(new CreateResourceCommand({ restApiId, parentId: root, pathPart: 'predict' }));
  const admin = await rest.send(new CreateResourceCommand({ restApiId, parentId: root, pathPart: 'admin' }));
  const fn = `arn:aws:lambda:${REGION}:${context.account}:function:${FUNCTIONS.chat}`;
  const lambdaUri = `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${fn}/invocations`;
  await rest.send(new PutMethodCommand({ restApiId, resourceId: predict.id!, httpMethod: 'POST', authorizationType: 'NONE' }));
  await rest.send(new PutIntegrationCommand({ restApiId, resourceId: predict.id!, httpMethod: 'POST', type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: lambdaUri }));
  await rest.send(new PutMethodCommand({ restApiId, resourceId: admin.id!, httpMethod: 'GET', authorizationType: 'AWS_IAM', apiKeyRequired: true }));
  await rest.send(
    new PutIntegrationCommand({
      restApiId,
      resourceId: admin.id!,
      httpMethod: 'GET',
      type: 'AWS',
      integrationHttpMethod: 'POST',
      uri: `arn:aws:apigateway:${REGION}:runtime.sagemaker:path//endpoints/llm-prod/invocations`,
      credentials: roleArn(context, 'apigw-sagemaker-invoke'),
    }),
  );
  await rest.send(new CreateAuthorizerCommand({ restApiId, name: 'users', type: 'COGNITO_USER_POOLS', providerARNs: [userPoolArn], identitySource: 'method.request.header.Authorization' }));
  await rest.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod', variables: { backendToken: STAGE_TOKEN, modelName: 'llm-prod' } }));
  rest.destroy();
  const lambda = new LambdaClient(context.config);
  await lambda.send(
    new AddPermissionCommand({
      FunctionName: FUNCTIONS.chat,
      StatementId: `apigateway-${restApiId}`,
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      SourceArn: `arn:aws:execute-api:${REGION}:${context.account}:${restApiId}/*`,
    }),
  );
  lambda.destroy();

  const http = new ApiGatewayV2Client(context.config);
  const httpApi = await http.send(new CreateApiCommand({ Name: 'chat-http', ProtocolType: 'HTTP' }));
  const httpApiId = httpApi.ApiId!;
  const jwt = await http.send(
    new CreateHttpAuthorizerCommand({
      ApiId: httpApiId,
      Name: 'jwt',
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: ['chat-app'], Issuer: `https://cognito-idp.${REGION}.amazonaws.com/pool` },
    }),
  );
  const integration = await http.send(new CreateIntegrationCommand({ ApiId: httpApiId, IntegrationType: 'AWS_PROXY', IntegrationUri: fn, PayloadFormatVersion: '2.0' }));
  await http.send(new CreateRouteCommand({ ApiId: httpApiId, RouteKey: 'POST /chat', AuthorizationType: 'NONE', Target: `integrations/${integration.IntegrationId}` }));
  await http.send(new CreateRouteCommand({ ApiId: httpApiId, RouteKey: 'POST /history', AuthorizationType: 'JWT', AuthorizerId: jwt.AuthorizerId, Target: `integrations/${integration.IntegrationId}` }));
  await http.send(new CreateStageCommand({ ApiId: httpApiId, StageName: '$default', AutoDeploy: true, StageVariables: { mode: 'prod' } }));
  http.destroy();
  return { restApiId, httpApiId };
}
