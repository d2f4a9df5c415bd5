/**
 * Bedrock AgentCore (as far as moto serves it): an agent runtime with an environment holding a
 * key, a gateway with no inbound authorization whose target is the chat Lambda, and a memory.
 */
import {
  BedrockAgentCoreControlClient,
  CreateAgentRuntimeCommand,
  CreateGatewayCommand,
  CreateGatewayTargetCommand,
  CreateMemoryCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { REGION, roleArn, type SeedContext } from './clients.js';
import { FUNCTIONS } from './lambda.js';

/** An Anthropic-shaped key planted in the runtime's environment: never in the snapshot. */
export const PLANTED_RUNTIME_KEY = 'sk-ant-api03-Zx9Wv8Ut7Sr6Qp5On4Ml3Kj2Ih1Gf0Ed';

/** What was created, for the expectations. */
export interface SeededAgentCore {
  runtimeId: string;
  runtimeArn: string;
  gatewayId: string;
  memoryId: string;
}

/** Creates the runtime, the gateway with its Lambda target, and the memory. */
export async function seedAgentCore(context: SeedContext): Promise<SeededAgentCore> {
  const client = new BedrockAgentCoreControlClient(context.config);
  const runtime = await client.send(
    new CreateAgentRuntimeCommand({
      agentRuntimeName: 'support_agent',
      agentRuntimeArtifact: { containerConfiguration: { containerUri: `${context.account}.dkr.ecr.${REGION}.amazonaws.com/agent:1` } },
      roleArn: roleArn(context, 'agent-runtime-role'),
      networkConfiguration: { networkMode: 'PUBLIC' },
      environmentVariables: { ANTHROPIC_API_KEY: PLANTED_RUNTIME_KEY, LOG_LEVEL: 'info' },
    }),
  );
  const gateway = await client.send(
    new CreateGatewayCommand({ name: 'tools', roleArn: roleArn(context, 'agent-runtime-role'), protocolType: 'MCP', authorizerType: 'NONE' }),
  );
  await client.send(
    new CreateGatewayTargetCommand({
      gatewayIdentifier: gateway.gatewayId!,
      name: 'chat-tool',
      targetConfiguration: {
        mcp: {
          lambda: {
            lambdaArn: `arn:aws:lambda:${REGION}:${context.account}:function:${FUNCTIONS.chat}`,
            toolSchema: { inlinePayload: [{ name: 'ask', description: 'ask the model', inputSchema: { type: 'object' } }] },
          },
        },
      },
      credentialProviderConfigurations: [{ credentialProviderType: 'GATEWAY_IAM_ROLE' }],
    }),
  );
  const memory = await client.send(new CreateMemoryCommand({ name: 'support_memory', eventExpiryDuration: 30 }));
  client.destroy();
  return { runtimeId: runtime.agentRuntimeId!, runtimeArn: runtime.agentRuntimeArn!, gatewayId: gateway.gatewayId!, memoryId: memory.memory!.id! };
}
