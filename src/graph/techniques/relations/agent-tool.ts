/**
 * `agent-tool`: the caller steers a Bedrock agent (`via`: invoking one of its aliases, or writing
 * what its knowledge bases retrieve) into calling its action-group Lambda functions -> those
 * functions, bounded by their code (prompt-influence confidence).
 */
import { configuration } from '../../facts/index.js';
import { locationArn } from '../artifacts.js';
import type { Candidate } from '../model.js';
import type { Relation } from '../relation.js';

/** Tool functions a caller could steer an agent into calling, by the rule's route. */
export const agentTool: Relation = {
  derive: {
    by: 'candidate',
    candidates: (run, rule) => {
      const out: Candidate[] = [];
      for (const tool of run.facts.tools) {
        const base = { accountId: tool.accountId, region: tool.region, detail: { agent: tool.agentArn } };
        if (rule.via === 'invoke-agent') {
          for (const alias of tool.aliases) out.push({ node: tool.fn, target: { ...base, arn: alias, evidence: tool.evidence } });
          continue;
        }
        for (const location of run.facts.locations) {
          const kbId = location.by.split('/').pop() ?? '';
          if (location.use !== 'knowledge-base-source' || !tool.knowledgeBases.includes(kbId)) continue;
          const partition = location.by.split(':')[1] ?? 'aws';
          const bucket = run.facts.resourcesByArn.get(`arn:${partition}:s3:::${location.bucket}`);
          const artifact = { arn: locationArn(location, partition), ...(bucket ? { accountId: bucket.accountId, ...(bucket.policy ? { policy: bucket.policy } : {}) } : {}) };
          out.push({ node: tool.fn, target: { ...base, arn: location.by, artifact, evidence: [...tool.evidence, configuration(location.by, location.field)] } });
        }
      }
      return out;
    },
  },
  targetGrant: () => 'policy',
  // An agent's tools run their own code: steering the agent is an influence, not control.
  steering: (scoring) => scoring.edgeConfidence.promptInfluence,
};
