/**
 * Bedrock agents and their tools: an agent calls the Lambda function of each enabled action
 * group (not RETURN_CONTROL ones) when a prompt asks for it, provided the function's policy
 * lets Bedrock invoke it. Whoever can talk to the agent, or write what its knowledge bases
 * retrieve, can steer it into those calls.
 */
import { evaluate } from '../../iam/index.js';
import type { TechniqueRule } from '../../rules/index.js';
import type { BuildContext } from '../context.js';
import { provenanceOf } from '../decide.js';
import { putNode } from '../edges.js';
import { locationArn, s3Locations } from './locations.js';
import { configuration, type Candidate } from './model.js';
import type { Provenance } from '../schema.js';

interface Tool {
  agentArn: string;
  aliases: string[];
  knowledgeBases: string[];
  fn: string;
  accountId: string;
  region: string;
  evidence: Provenance[];
}

const cache = new WeakMap<BuildContext, Tool[]>();

/** True (with the statements) when the function policy lets Bedrock invoke it for this agent. */
function bedrockMayInvoke(ctx: BuildContext, fn: string, agentArn: string, accountId: string): Provenance[] | undefined {
  const policy = ctx.inventory.resourcesByArn.get(fn)?.policy;
  if (!policy) return undefined;
  const result = evaluate(
    {
      principal: { arn: 'bedrock.amazonaws.com', type: 'service' },
      action: 'lambda:InvokeFunction',
      resource: fn,
      resourceAccount: accountId,
      context: { 'aws:sourcearn': [agentArn], 'aws:sourceaccount': [accountId] },
    },
    { identity: [], resource: policy, resourcePolicyMode: 'required' },
  );
  return result.decision === 'denied' ? undefined : provenanceOf(result, 'lambda:InvokeFunction', fn);
}

function tools(ctx: BuildContext): Tool[] {
  const found = cache.get(ctx);
  if (found) return found;
  const out: Tool[] = [];
  for (const account of ctx.input.snapshot.accounts) {
    for (const [region, data] of Object.entries(account.regions)) {
      for (const agent of data.Bedrock?.Agents ?? []) {
        const agentArn = agent.agentArn ?? `arn:${account.partition}:bedrock:${region}:${account.accountId}:agent/${agent.agentId}`;
        // The draft alias TSTALIASID exists for every agent and invokes its working draft.
        const aliases = [
          `arn:${account.partition}:bedrock:${region}:${account.accountId}:agent-alias/${agent.agentId}/TSTALIASID`,
          ...(agent.Aliases ?? []).map((a) => a.agentAliasArn ?? `arn:${account.partition}:bedrock:${region}:${account.accountId}:agent-alias/${agent.agentId}/${a.agentAliasId}`),
        ];
        const knowledgeBases = (agent.KnowledgeBases ?? []).filter((kb) => kb.knowledgeBaseState !== 'DISABLED').map((kb) => kb.knowledgeBaseId);
        (agent.ActionGroups ?? []).forEach((group, i) => {
          const fn = group.actionGroupExecutor?.lambda;
          if (!fn || group.actionGroupState === 'DISABLED' || !ctx.graph.hasNode(fn)) return;
          const allowed = bedrockMayInvoke(ctx, fn, agentArn, account.accountId);
          if (!allowed) return;
          putNode(ctx.graph, fn, { ...ctx.graph.getNodeAttributes(fn), flags: ['bedrock-agent-tool'] });
          const evidence = [configuration(agentArn, `ActionGroups[${i}].actionGroupExecutor.lambda`), ...allowed];
          out.push({ agentArn, aliases, knowledgeBases, fn, accountId: account.accountId, region, evidence });
        });
      }
    }
  }
  cache.set(ctx, out);
  return out;
}

/** Flags every action-group function Bedrock may invoke, so reports show what a function is for. */
export function markAgentTools(ctx: BuildContext): void {
  tools(ctx);
}

/** Tool functions a caller could steer an agent into calling, by the rule's route. */
export function agentCandidates(ctx: BuildContext, rule: TechniqueRule): Candidate[] {
  const out: Candidate[] = [];
  for (const tool of tools(ctx)) {
    const base = { accountId: tool.accountId, region: tool.region, detail: { agent: tool.agentArn } };
    if (rule.via === 'invoke-agent') {
      for (const alias of tool.aliases) out.push({ node: tool.fn, target: { ...base, arn: alias, evidence: tool.evidence } });
      continue;
    }
    for (const location of s3Locations(ctx)) {
      const kbId = location.by.split('/').pop() ?? '';
      if (location.use !== 'knowledge-base-source' || !tool.knowledgeBases.includes(kbId)) continue;
      const partition = location.by.split(':')[1] ?? 'aws';
      const bucket = ctx.inventory.resourcesByArn.get(`arn:${partition}:s3:::${location.bucket}`);
      const artifact = { arn: locationArn(location, partition), ...(bucket ? { accountId: bucket.accountId, ...(bucket.policy ? { policy: bucket.policy } : {}) } : {}) };
      out.push({ node: tool.fn, target: { ...base, arn: location.by, artifact, evidence: [...tool.evidence, configuration(location.by, location.field)] } });
    }
  }
  return out;
}
