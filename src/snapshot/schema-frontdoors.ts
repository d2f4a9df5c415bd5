/**
 * Snapshot v1 sections for AI front doors beyond Lambda URLs and API Gateway: Bedrock AgentCore
 * (runtimes, gateways and their targets, memories, code interpreters, browsers, resource
 * policies) and Amazon Cognito (identity pools and the roles they hand out, user pools and
 * whether anyone may sign up). Verbatim AWS API response shapes, loose objects: fields we do
 * not read are kept. docs/snapshot.md names the API call behind each field.
 */
import { z } from 'zod';
import { PolicyDocument } from './policy-document.js';

const text = z.string();
const optionalText = z.string().optional();
const list = <T extends z.ZodType>(item: T) => z.array(item).optional();
const StringMap = z.record(z.string(), z.string());

/** AgentCore inbound authorization: a JWT issuer (discovery URL) and who it admits. */
const AuthorizerConfiguration = z
  .looseObject({
    customJWTAuthorizer: z
      .looseObject({ discoveryUrl: optionalText, allowedAudience: list(text), allowedClients: list(text), allowedScopes: list(text) })
      .optional(),
  })
  .optional();

/** bedrock-agentcore:GetResourcePolicy `policy`; absent when the resource has none. */
const ResourcePolicy = PolicyDocument.optional();

/** bedrock-agentcore:GetAgentRuntime, with its endpoints and resource policy. */
export const AgentCoreRuntime = z.looseObject({
  agentRuntimeArn: text,
  agentRuntimeId: optionalText,
  agentRuntimeName: optionalText,
  agentRuntimeVersion: optionalText,
  status: optionalText,
  roleArn: optionalText,
  networkConfiguration: z.looseObject({ networkMode: optionalText }).optional(),
  /** Absent: callers authenticate with SigV4 (IAM); present: a JWT authorizer admits them. */
  authorizerConfiguration: AuthorizerConfiguration,
  /** Redacted: values that look like credentials become markers. */
  environmentVariables: StringMap.optional(),
  ResourcePolicy,
  /** ListAgentRuntimeEndpoints `runtimeEndpoints[]`, each with its resource policy. */
  Endpoints: list(z.looseObject({ agentRuntimeEndpointArn: text, name: optionalText, liveVersion: optionalText, ResourcePolicy })),
});

/** A gateway target's credential provider: how the gateway authenticates to the target. */
const CredentialProviderConfiguration = z.looseObject({
  credentialProviderType: optionalText,
  credentialProvider: z
    .looseObject({
      /** `customParameters` is redacted. */
      oauthCredentialProvider: z.looseObject({ providerArn: optionalText, scopes: list(text), customParameters: StringMap.optional() }).optional(),
      apiKeyCredentialProvider: z.looseObject({ providerArn: optionalText }).optional(),
      iamCredentialProvider: z.looseObject({ service: optionalText, region: optionalText }).optional(),
    })
    .optional(),
});

/** bedrock-agentcore:GetGatewayTarget, merged over its ListGatewayTargets summary. */
export const AgentCoreGatewayTarget = z.looseObject({
  targetId: text,
  name: optionalText,
  status: optionalText,
  /** `mcp.lambda.lambdaArn`, `mcp.openApiSchema`, `mcp.smithyModel`, `mcp.mcpServer.endpoint`... */
  targetConfiguration: z
    .looseObject({
      mcp: z
        .looseObject({
          lambda: z.looseObject({ lambdaArn: optionalText }).optional(),
          openApiSchema: z.looseObject({ s3: z.looseObject({ uri: optionalText }).optional(), inlinePayload: optionalText }).optional(),
          smithyModel: z.looseObject({ s3: z.looseObject({ uri: optionalText }).optional(), inlinePayload: optionalText }).optional(),
          mcpServer: z.looseObject({ endpoint: optionalText }).optional(),
        })
        .optional(),
    })
    .optional(),
  credentialProviderConfigurations: list(CredentialProviderConfiguration),
});

/** bedrock-agentcore:GetGateway, with its targets and resource policy. */
export const AgentCoreGateway = z.looseObject({
  gatewayArn: text,
  gatewayId: optionalText,
  name: optionalText,
  gatewayUrl: optionalText,
  status: optionalText,
  roleArn: optionalText,
  protocolType: optionalText,
  /** `NONE`: anyone who can reach the gateway URL may call its tools. */
  authorizerType: optionalText,
  authorizerConfiguration: AuthorizerConfiguration,
  ResourcePolicy,
  Targets: list(AgentCoreGatewayTarget),
});

/** bedrock-agentcore:GetMemory `memory`, with its resource policy. */
export const AgentCoreMemory = z.looseObject({ arn: text, id: optionalText, name: optionalText, status: optionalText, memoryExecutionRoleArn: optionalText, encryptionKeyArn: optionalText, ResourcePolicy });

/** bedrock-agentcore:GetCodeInterpreter / GetBrowser: tools that run as their execution role. */
const AgentCoreTool = {
  name: optionalText,
  status: optionalText,
  executionRoleArn: optionalText,
  networkConfiguration: z.looseObject({ networkMode: optionalText }).optional(),
};
export const AgentCoreCodeInterpreter = z.looseObject({ codeInterpreterArn: text, codeInterpreterId: optionalText, ...AgentCoreTool });
export const AgentCoreBrowser = z.looseObject({ browserArn: text, browserId: optionalText, ...AgentCoreTool });

/** cognito-identity:DescribeIdentityPool, with GetIdentityPoolRoles. */
export const IdentityPool = z.looseObject({
  IdentityPoolId: text,
  IdentityPoolName: optionalText,
  /** True: anyone on the internet can get the unauthenticated role's credentials. */
  AllowUnauthenticatedIdentities: z.boolean().optional(),
  AllowClassicFlow: z.boolean().optional(),
  CognitoIdentityProviders: list(z.looseObject({ ProviderName: optionalText, ClientId: optionalText, ServerSideTokenCheck: z.boolean().optional() })),
  SupportedLoginProviders: StringMap.optional(),
  OpenIdConnectProviderARNs: list(text),
  SamlProviderARNs: list(text),
  DeveloperProviderName: optionalText,
  /** GetIdentityPoolRoles: `Roles.authenticated`, `Roles.unauthenticated`, and `RoleMappings`. */
  IdentityPoolRoles: z.looseObject({ Roles: StringMap.optional(), RoleMappings: z.record(z.string(), z.looseObject({ Type: optionalText, AmbiguousRoleResolution: optionalText })).optional() }).optional(),
});

/** cognito-idp:DescribeUserPool `UserPool`. */
export const UserPool = z.looseObject({
  Id: text,
  Arn: optionalText,
  Name: optionalText,
  /** `AllowAdminCreateUserOnly` false: anyone may sign up through an app client. */
  AdminCreateUserConfig: z.looseObject({ AllowAdminCreateUserOnly: z.boolean().optional() }).optional(),
});

/** Regional sections added by this module; merged into RegionData in schema.ts. */
export const FrontDoorSections = {
  BedrockAgentCore: z
    .looseObject({
      AgentRuntimes: z.array(AgentCoreRuntime).default([]),
      // Filled by listings of their own: absent, not empty, when a listing failed.
      Gateways: list(AgentCoreGateway),
      Memories: list(AgentCoreMemory),
      CodeInterpreters: list(AgentCoreCodeInterpreter),
      Browsers: list(AgentCoreBrowser),
    })
    .optional(),
  CognitoIdentity: z.looseObject({ IdentityPools: z.array(IdentityPool).default([]) }).optional(),
  CognitoUserPools: z.looseObject({ UserPools: z.array(UserPool).default([]) }).optional(),
};

export type AgentCoreRuntime = z.output<typeof AgentCoreRuntime>;
export type AgentCoreGateway = z.output<typeof AgentCoreGateway>;
export type IdentityPool = z.output<typeof IdentityPool>;
export type UserPool = z.output<typeof UserPool>;
