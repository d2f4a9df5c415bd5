/**
 * Bedrock facts: the S3 prefixes knowledge bases ingest and the model-invocation log prefix,
 * and agents' tools. An agent calls the Lambda function of each enabled action group (not
 * RETURN_CONTROL ones) when a prompt asks for it, provided the function's policy lets Bedrock
 * invoke it: that check is part of the fact, so a tool here is a function Bedrock really calls.
 */
import { evaluate } from '../../iam/index.js';
import type { AccountData, RegionData } from '../../snapshot/index.js';
import { provenanceOf } from '../decide.js';
import type { Provenance } from '../schema.js';
import type { RegionalReader } from './regional.js';
import { configuration, type AgentTool, type Place, type Resource, type S3Location } from './types.js';

/** Knowledge-base data sources and the invocation log bucket. */
function locations(data: RegionData, at: Place): S3Location[] {
  const out: S3Location[] = [];
  const where = { accountId: at.accountId, region: at.region };
  for (const kb of data.Bedrock?.KnowledgeBases ?? []) {
    const by = kb.knowledgeBaseArn ?? `arn:${at.partition}:bedrock:${at.region}:${at.accountId}:knowledge-base/${kb.knowledgeBaseId}`;
    (kb.DataSources ?? []).forEach((source, i) => {
      const config = source.dataSourceConfiguration?.s3Configuration;
      const bucket = config?.bucketArn?.split(':::')[1];
      if (!bucket) return;
      const field = `DataSources[${i}].dataSourceConfiguration.s3Configuration`;
      const prefixes = config?.inclusionPrefixes?.length ? config.inclusionPrefixes : [''];
      for (const prefix of prefixes) out.push({ accountId: where.accountId, region: where.region, bucket, key: prefix, exact: false, use: 'knowledge-base-source', by, field });
    });
  }
  const logs = data.Bedrock?.ModelInvocationLoggingConfiguration?.s3Config;
  if (logs?.bucketName) {
    const by = `bedrock:${at.region}:${at.accountId}#ModelInvocationLoggingConfiguration`;
    out.push({ accountId: where.accountId, region: where.region, bucket: logs.bucketName, key: logs.keyPrefix ?? '', exact: false, use: 'model-invocation-logs', by, field: 's3Config' });
  }
  return out;
}

/** The Bedrock reader. */
export const bedrock: RegionalReader = { locations };

/** The statements that let Bedrock invoke the function for this agent, or undefined when none does. */
function bedrockMayInvoke(fn: Resource, agentArn: string, accountId: string): Provenance[] | undefined {
  if (!fn.policy) return undefined;
  const result = evaluate(
    {
      principal: { arn: 'bedrock.amazonaws.com', type: 'service' },
      action: 'lambda:InvokeFunction',
      resource: fn.arn,
      resourceAccount: accountId,
      context: { 'aws:sourcearn': [agentArn], 'aws:sourceaccount': [accountId] },
    },
    { identity: [], resource: fn.policy, resourcePolicyMode: 'required' },
  );
  return result.decision === 'denied' ? undefined : provenanceOf(result, 'lambda:InvokeFunction', fn.arn);
}

/** Every tool of one account's agents whose function is in the snapshot and lets Bedrock call it. */
export function agentTools(account: AccountData, resourcesByArn: ReadonlyMap<string, Resource>): AgentTool[] {
  const out: AgentTool[] = [];
  for (const [region, data] of Object.entries(account.regions)) {
    const arn = (kind: string, id: string) => `arn:${account.partition}:bedrock:${region}:${account.accountId}:${kind}/${id}`;
    for (const agent of data.Bedrock?.Agents ?? []) {
      const agentArn = agent.agentArn ?? arn('agent', agent.agentId);
      // The draft alias TSTALIASID exists for every agent and invokes its working draft.
      const aliases = [arn('agent-alias', `${agent.agentId}/TSTALIASID`), ...(agent.Aliases ?? []).map((a) => a.agentAliasArn ?? arn('agent-alias', `${agent.agentId}/${a.agentAliasId}`))];
      const knowledgeBases = (agent.KnowledgeBases ?? []).filter((kb) => kb.knowledgeBaseState !== 'DISABLED').map((kb) => kb.knowledgeBaseId);
      (agent.ActionGroups ?? []).forEach((group, i) => {
        const fn = group.actionGroupExecutor?.lambda ? resourcesByArn.get(group.actionGroupExecutor.lambda) : undefined;
        if (!fn || group.actionGroupState === 'DISABLED') return;
        const allowed = bedrockMayInvoke(fn, agentArn, account.accountId);
        if (!allowed) return;
        const evidence = [configuration(agentArn, `ActionGroups[${i}].actionGroupExecutor.lambda`), ...allowed];
        out.push({ agentArn, aliases, knowledgeBases, fn: fn.arn, accountId: account.accountId, region, evidence });
      });
    }
  }
  return out;
}
