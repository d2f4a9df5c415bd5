/**
 * Bedrock AgentCore facts. Runtimes run an agent's code as their execution role and are
 * invoked (bedrock-agentcore:InvokeAgentRuntime) by SigV4 callers, or by JWT holders when they
 * have an inbound authorizer; gateways call their targets for their callers with the gateway
 * role (Lambda targets) or a credential provider (OpenAPI, MCP servers), and admit callers by
 * SigV4 (bedrock-agentcore:InvokeGateway), a JWT authorizer, or nobody's say (`NONE`). Custom
 * code interpreters run session code as their execution role. Memories and browsers are
 * collected, not analyzed (`notRead`). A runtime's endpoints are invoked under the runtime's own
 * resource policy here; their separate policies are not read yet.
 */
import type { AgentCoreGateway, AgentCoreRuntime } from '../../snapshot/index.js';
import { endpointOf } from './apigateway-integrations.js';
import type { Backend, CallerAuth } from './front-doors.js';
import { resourcePolicy, type RegionalReader } from './regional.js';
import { configuration, type Place, type Resource } from './types.js';
import { issuerOf } from './apigateway.js';

type JwtConfig = NonNullable<AgentCoreRuntime['authorizerConfiguration']>;

/** The issuer of an OIDC discovery URL (`<issuer>/.well-known/openid-configuration`). */
function issuerOfDiscovery(url: string): string {
  return url.replace(/\/\.well-known\/openid-configuration\/?$/, '');
}

/** Inbound authorization of a runtime or gateway with a JWT authorizer configuration. */
function jwtAuth(config: JwtConfig, owner: string, name: string, field: string, at: Place): CallerAuth {
  const discovery = config.customJWTAuthorizer?.discoveryUrl;
  const known = discovery ? issuerOf(issuerOfDiscovery(discovery), at.partition, at.accountId) : undefined;
  return { kind: 'authorizer', authorizer: { type: known?.type ?? 'jwt', name, issuers: known ? [known.id] : [], evidence: configuration(owner, field) } };
}

function runtime(r: AgentCoreRuntime, at: Place): Resource {
  const name = r.agentRuntimeName ?? r.agentRuntimeId ?? r.agentRuntimeArn;
  const auth: CallerAuth = r.authorizerConfiguration?.customJWTAuthorizer ? jwtAuth(r.authorizerConfiguration, r.agentRuntimeArn, name, 'authorizerConfiguration.customJWTAuthorizer', at) : { kind: 'iam' };
  const { policy } = resourcePolicy(r.agentRuntimeArn, r.ResourcePolicy);
  return {
    accountId: at.accountId,
    partition: at.partition,
    region: at.region,
    arn: r.agentRuntimeArn,
    kind: 'agent-runtime',
    name,
    tags: {},
    flags: [],
    ...(policy ? { policy } : {}),
    ...(r.roleArn ? { role: { arn: r.roleArn, field: 'roleArn' } } : {}),
    frontDoor: {
      invoke: { action: 'bedrock-agentcore:InvokeAgentRuntime', arn: r.agentRuntimeArn },
      auth,
      ...(policy ? { policy } : {}),
      backends: [],
      evidence: [configuration(r.agentRuntimeArn, auth.kind === 'iam' ? 'authorizerConfiguration' : 'authorizerConfiguration.customJWTAuthorizer')],
      detail: { runtime: name, authorization: auth.kind === 'authorizer' ? 'jwt' : 'iam' },
    },
  };
}

/** A gateway target as a backend: a Lambda function, or where the request leaves AWS. */
function targetBackend(gateway: AgentCoreGateway, target: NonNullable<AgentCoreGateway['Targets']>[number]): Backend | undefined {
  const mcp = target.targetConfiguration?.mcp;
  const evidence = configuration(gateway.gatewayArn, `Targets[${target.targetId}].targetConfiguration.mcp`);
  if (mcp?.lambda?.lambdaArn) return { kind: 'function', arn: mcp.lambda.lambdaArn, ...(gateway.roleArn ? { credentials: gateway.roleArn } : {}), evidence };
  if (mcp?.mcpServer?.endpoint) return { kind: 'external', endpoint: endpointOf(mcp.mcpServer.endpoint), evidence };
  // OpenAPI and Smithy targets call the servers their schema names (not collected): the target stands for them.
  if (mcp?.openApiSchema || mcp?.smithyModel) return { kind: 'external', endpoint: `${gateway.gatewayArn}/target/${target.targetId}`, evidence };
  return undefined;
}

function gateway(g: AgentCoreGateway, at: Place): Resource {
  const name = g.name ?? g.gatewayId ?? g.gatewayArn;
  const type = g.authorizerType ?? 'AWS_IAM';
  const auth: CallerAuth =
    type === 'NONE' ? { kind: 'none' } : type === 'CUSTOM_JWT' && g.authorizerConfiguration ? jwtAuth(g.authorizerConfiguration, g.gatewayArn, name, 'authorizerConfiguration.customJWTAuthorizer', at) : { kind: 'iam' };
  const { policy } = resourcePolicy(g.gatewayArn, g.ResourcePolicy);
  const backends = (g.Targets ?? []).flatMap((target) => targetBackend(g, target) ?? []);
  return {
    accountId: at.accountId,
    partition: at.partition,
    region: at.region,
    arn: g.gatewayArn,
    kind: 'agent-gateway',
    name,
    tags: {},
    flags: [],
    ...(policy ? { policy } : {}),
    frontDoor: {
      invoke: { action: 'bedrock-agentcore:InvokeGateway', arn: g.gatewayArn },
      auth,
      ...(policy ? { policy } : {}),
      backends,
      evidence: [configuration(g.gatewayArn, 'authorizerType')],
      detail: { gateway: name, authorization: auth.kind === 'authorizer' ? 'jwt' : auth.kind, ...(g.gatewayUrl ? { url: endpointOf(g.gatewayUrl) } : {}) },
    },
  };
}

/** The AgentCore reader. */
export const agentCore: RegionalReader = {
  resources: (data, at) => {
    const section = data.BedrockAgentCore;
    if (!section) return [];
    return [
      ...section.AgentRuntimes.map((r) => runtime(r, at)),
      ...(section.Gateways ?? []).map((g) => gateway(g, at)),
      ...(section.CodeInterpreters ?? []).flatMap((c): Resource[] =>
        // The AWS-managed interpreter (no execution role) runs nobody's credentials.
        c.executionRoleArn ? [{ accountId: at.accountId, partition: at.partition, region: at.region, arn: c.codeInterpreterArn, kind: 'code-interpreter', name: c.name ?? c.codeInterpreterId ?? c.codeInterpreterArn, tags: {}, flags: [], role: { arn: c.executionRoleArn, field: 'executionRoleArn' } }] : [],
      ),
    ];
  },
  notRead: {
    Memories: 'memories are collected with their resource policies; no sensitivity rule marks them and no technique reads them yet',
    Browsers: 'browser tools are collected; no technique acts on their execution role yet',
  },
};
