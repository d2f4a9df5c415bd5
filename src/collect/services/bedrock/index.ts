/**
 * Bedrock (regional): agents (the working DRAFT version's action groups and knowledge bases,
 * and their aliases), knowledge bases and their data sources, custom models, and the
 * model-invocation logging configuration. Uses two clients: bedrock and bedrock-agent.
 */
import { BedrockClient, GetCustomModelCommand, GetModelInvocationLoggingConfigurationCommand, ListCustomModelsCommand } from '@aws-sdk/client-bedrock';
import {
  BedrockAgentClient,
  GetAgentActionGroupCommand,
  GetAgentCommand,
  GetDataSourceCommand,
  GetKnowledgeBaseCommand,
  ListAgentActionGroupsCommand,
  ListAgentAliasesCommand,
  ListAgentKnowledgeBasesCommand,
  ListAgentsCommand,
  ListDataSourcesCommand,
  ListKnowledgeBasesCommand,
} from '@aws-sdk/client-bedrock-agent';
import { call, str, type ServiceDescriptor } from '../../engine/descriptor.js';

const pages = { inputToken: 'nextToken', outputToken: 'nextToken' } as const;
/** Agents are edited in DRAFT; aliases point at numbered versions made from it. */
const DRAFT = 'DRAFT';
const agent = BedrockAgentClient;

/** The Bedrock collector: agents, knowledge bases, custom models, invocation logging. */
export const bedrock: ServiceDescriptor = {
  service: 'bedrock',
  scope: 'regional',
  section: 'Bedrock',
  client: BedrockClient,
  fetches: [
    {
      field: 'Agents',
      call: call(ListAgentsCommand, () => ({ maxResults: 100 }), agent),
      paginate: pages,
      items: 'agentSummaries',
      name: (a) => str(a, 'agentId'),
      describe: { ...call(GetAgentCommand, (a) => ({ agentId: str(a, 'agentId') }), agent), pick: 'agent' },
      details: [
        {
          field: 'ActionGroups',
          call: call(ListAgentActionGroupsCommand, (a) => ({ agentId: str(a, 'agentId'), agentVersion: DRAFT, maxResults: 100 }), agent),
          paginate: pages,
          items: 'actionGroupSummaries',
          // The summary lacks its agent's id, which GetAgentActionGroup needs; its answer has it.
          record: (item, parent) => ({ ...(item as object), agentId: str(parent, 'agentId') }),
          name: (g) => str(g, 'actionGroupId'),
          describe: {
            ...call(
              GetAgentActionGroupCommand,
              (g) => ({ agentId: str(g, 'agentId'), agentVersion: DRAFT, actionGroupId: str(g, 'actionGroupId') }),
              agent,
            ),
            pick: 'agentActionGroup',
          },
        },
        {
          field: 'Aliases',
          call: call(ListAgentAliasesCommand, (a) => ({ agentId: str(a, 'agentId'), maxResults: 100 }), agent),
          paginate: pages,
          items: 'agentAliasSummaries',
        },
        {
          field: 'KnowledgeBases',
          call: call(ListAgentKnowledgeBasesCommand, (a) => ({ agentId: str(a, 'agentId'), agentVersion: DRAFT, maxResults: 100 }), agent),
          paginate: pages,
          items: 'agentKnowledgeBaseSummaries',
        },
      ],
    },
    {
      field: 'KnowledgeBases',
      call: call(ListKnowledgeBasesCommand, () => ({ maxResults: 100 }), agent),
      paginate: pages,
      items: 'knowledgeBaseSummaries',
      name: (kb) => str(kb, 'knowledgeBaseId'),
      describe: { ...call(GetKnowledgeBaseCommand, (kb) => ({ knowledgeBaseId: str(kb, 'knowledgeBaseId') }), agent), pick: 'knowledgeBase' },
      details: [
        {
          field: 'DataSources',
          call: call(ListDataSourcesCommand, (kb) => ({ knowledgeBaseId: str(kb, 'knowledgeBaseId'), maxResults: 100 }), agent),
          paginate: pages,
          items: 'dataSourceSummaries',
          name: (ds) => str(ds, 'dataSourceId'),
          describe: {
            ...call(GetDataSourceCommand, (ds) => ({ knowledgeBaseId: str(ds, 'knowledgeBaseId'), dataSourceId: str(ds, 'dataSourceId') }), agent),
            pick: 'dataSource',
          },
        },
      ],
    },
    {
      field: 'CustomModels',
      call: call(ListCustomModelsCommand, () => ({ maxResults: 100 })),
      paginate: pages,
      items: 'modelSummaries',
      name: (m) => str(m, 'modelArn'),
      describe: call(GetCustomModelCommand, (m) => ({ modelIdentifier: str(m, 'modelArn') })),
    },
    {
      field: 'ModelInvocationLoggingConfiguration',
      call: call(GetModelInvocationLoggingConfigurationCommand),
      pick: 'loggingConfig',
    },
  ],
};
