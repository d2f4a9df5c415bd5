/**
 * Amazon Bedrock AgentCore (regional), through the control-plane API: agent runtimes
 * (execution role, inbound authorizer, environment) with their endpoints, gateways (inbound
 * authorizer type, NONE included; role) with their targets (Lambda, OpenAPI, Smithy, MCP
 * server...) and the credential providers targets call with, memories, code interpreters and
 * browsers; and the resource policies of runtimes, runtime endpoints, gateways and memories.
 * Runtime environments and OAuth custom parameters are redacted before a snapshot is written.
 */
import {
  BedrockAgentCoreControlClient,
  GetAgentRuntimeCommand,
  GetBrowserCommand,
  GetCodeInterpreterCommand,
  GetGatewayCommand,
  GetGatewayTargetCommand,
  GetMemoryCommand,
  GetResourcePolicyCommand,
  ListAgentRuntimeEndpointsCommand,
  ListAgentRuntimesCommand,
  ListBrowsersCommand,
  ListCodeInterpretersCommand,
  ListGatewaysCommand,
  ListGatewayTargetsCommand,
  ListMemoriesCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { call, str, type Fetch, type ServiceDescriptor } from '../../engine/descriptor.js';

const pages = { inputToken: 'nextToken', outputToken: 'nextToken' } as const;

/** The resource policy of the record whose ARN is in `arnField`; absent when it has none. */
function resourcePolicy(arnField: string): Fetch {
  return {
    field: 'ResourcePolicy',
    call: call(GetResourcePolicyCommand, (r) => ({ resourceArn: str(r, arnField) })),
    pick: 'policy',
    absentOn: ['ResourceNotFoundException'],
  };
}

/** The AgentCore collector. */
export const bedrockAgentCore: ServiceDescriptor = {
  service: 'bedrock-agentcore',
  scope: 'regional',
  section: 'BedrockAgentCore',
  client: BedrockAgentCoreControlClient,
  fetches: [
    {
      field: 'AgentRuntimes',
      call: call(ListAgentRuntimesCommand, () => ({ maxResults: 100 })),
      paginate: pages,
      items: 'agentRuntimes',
      name: (r) => str(r, 'agentRuntimeArn'),
      describe: call(GetAgentRuntimeCommand, (r) => ({ agentRuntimeId: str(r, 'agentRuntimeId') })),
      required: true,
      details: [
        resourcePolicy('agentRuntimeArn'),
        {
          field: 'Endpoints',
          call: call(ListAgentRuntimeEndpointsCommand, (r) => ({ agentRuntimeId: str(r, 'agentRuntimeId'), maxResults: 100 })),
          paginate: pages,
          items: 'runtimeEndpoints',
          name: (e) => str(e, 'agentRuntimeEndpointArn'),
          details: [resourcePolicy('agentRuntimeEndpointArn')],
        },
      ],
    },
    {
      field: 'Gateways',
      call: call(ListGatewaysCommand, () => ({ maxResults: 100 })),
      paginate: pages,
      items: 'items',
      name: (g) => str(g, 'gatewayId'),
      describe: call(GetGatewayCommand, (g) => ({ gatewayIdentifier: str(g, 'gatewayId') })),
      details: [
        resourcePolicy('gatewayArn'),
        {
          field: 'Targets',
          call: call(ListGatewayTargetsCommand, (g) => ({ gatewayIdentifier: str(g, 'gatewayId'), maxResults: 100 })),
          paginate: pages,
          items: 'items',
          // The summary lacks its gateway, which GetGatewayTarget needs.
          record: (item, gateway) => ({ ...(item as object), gatewayId: str(gateway, 'gatewayId') }),
          name: (t) => str(t, 'targetId'),
          describe: {
            ...call(GetGatewayTargetCommand, (t) => ({ gatewayIdentifier: str(t, 'gatewayId'), targetId: str(t, 'targetId') })),
            merge: true,
          },
        },
      ],
    },
    {
      field: 'Memories',
      call: call(ListMemoriesCommand, () => ({ maxResults: 100 })),
      paginate: pages,
      items: 'memories',
      name: (m) => str(m, 'arn') || str(m, 'id'),
      describe: { ...call(GetMemoryCommand, (m) => ({ memoryId: str(m, 'id') })), pick: 'memory' },
      details: [resourcePolicy('arn')],
    },
    {
      field: 'CodeInterpreters',
      call: call(ListCodeInterpretersCommand, () => ({ maxResults: 100 })),
      paginate: pages,
      items: 'codeInterpreterSummaries',
      name: (c) => str(c, 'codeInterpreterArn'),
      describe: call(GetCodeInterpreterCommand, (c) => ({ codeInterpreterId: str(c, 'codeInterpreterId') })),
    },
    {
      field: 'Browsers',
      call: call(ListBrowsersCommand, () => ({ maxResults: 100 })),
      paginate: pages,
      items: 'browserSummaries',
      name: (b) => str(b, 'browserArn'),
      describe: call(GetBrowserCommand, (b) => ({ browserId: str(b, 'browserId') })),
    },
  ],
};
