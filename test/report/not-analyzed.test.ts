/**
 * "Collected, not analyzed": every report lists the snapshot's data that no analysis reads
 * (sections the graph does not model, fields a reader leaves unread), beside the coverage gaps,
 * and says "none" when analysis reads everything, so silence never reads as safety.
 */
import { describe, expect, it } from 'vitest';
import { toSnapshot } from '../../src/load/index.js';
import { analyzeLoaded } from '../../src/pipeline.js';
import { loadReportTools, renderReport } from '../../src/report/index.js';

const A = '111111111111';

/** A snapshot with AgentCore memories and browsers (fields the AgentCore reader leaves unread), parameters (modelled) and a CloudTrail trail (read by src/logging). */
function analyzed(regions: Record<string, unknown>) {
  const snapshot = toSnapshot(
    {
      schemaVersion: 1,
      collectedAt: '2026-01-01T00:00:00Z',
      tool: { name: 'blastpath', version: '0.1.0' },
      accounts: [{ accountId: A, partition: 'aws', iam: { AuthorizationDetails: { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] } }, regions }],
    },
    'not-analyzed.json',
  );
  return analyzeLoaded({ snapshot, credentials: [], sources: ['not-analyzed.json'] }, {});
}

const unread = {
  'us-east-1': {
    SSM: { Parameters: [{ Name: '/chat/model' }, { Name: '/chat/region' }] },
    BedrockAgentCore: { AgentRuntimes: [], Memories: [{ arn: `arn:aws:bedrock-agentcore:us-east-1:${A}:memory/chat-mem`, name: 'chat-mem' }], Browsers: [{ browserArn: `arn:aws:bedrock-agentcore:us-east-1:${A}:browser/web-1`, name: 'web' }] },
    CloudTrail: { Trails: [] },
  },
  'eu-west-1': { SSM: { Parameters: [{ Name: '/chat/model' }] }, BedrockAgentCore: { AgentRuntimes: [], Memories: [{ arn: `arn:aws:bedrock-agentcore:eu-west-1:${A}:memory/chat-mem-eu`, name: 'chat-mem-eu' }] } },
};

describe('collected, not analyzed', () => {
  it('sums unread data per section and field over regions, leaving out what other stages read', () => {
    const { result } = analyzed(unread);
    expect(result.notAnalyzed?.map((n) => [n.section, n.field ?? '', n.count, n.regions])).toEqual(
      expect.arrayContaining([
        ['BedrockAgentCore', 'Memories', 2, 2],
        ['BedrockAgentCore', 'Browsers', 1, 1],
      ]),
    );
    // Parameters are modelled (SSM SecureString parameters are crown jewels) and trails are read by src/logging.
    expect(result.notAnalyzed).toHaveLength(2);
  });

  it('is listed by the table, JSON, SARIF, Markdown and HTML reports', async () => {
    const { result, meta } = analyzed(unread);
    const ctx = { result, meta, color: false, tools: await loadReportTools('html') };
    const json = JSON.parse(renderReport('json', ctx)) as { collectedNotAnalyzed: Array<{ section: string; field?: string; count: number }> };
    expect(json.collectedNotAnalyzed.map((n) => `${n.section}.${n.field ?? ''}:${n.count}`).sort()).toEqual(['BedrockAgentCore.Browsers:1', 'BedrockAgentCore.Memories:2']);
    const sarif = JSON.parse(renderReport('sarif', ctx)) as { runs: Array<{ invocations: Array<{ toolExecutionNotifications: Array<{ descriptor: { id: string }; message: { text: string } }> }> }> };
    const notes = sarif.runs[0]!.invocations[0]!.toolExecutionNotifications.filter((n) => n.descriptor.id === 'collected-not-analyzed');
    expect(notes).toHaveLength(2);
    for (const format of ['table', 'markdown', 'html'] as const) {
      const text = renderReport(format, ctx);
      expect(text, format).toMatch(/Collected, not analyzed \(2\)/);
      for (const name of ['BedrockAgentCore.Memories', 'BedrockAgentCore.Browsers']) expect(text, `${format}: ${name}`).toContain(name);
    }
  });

  it('says "none" when analysis reads everything collected', () => {
    const { result, meta } = analyzed({ 'us-east-1': { CloudTrail: { Trails: [] }, SSM: { Parameters: [] } } });
    expect(result.notAnalyzed).toEqual([]);
    expect(renderReport('table', { result, meta, color: false })).toMatch(/Collected, not analyzed: none/);
    expect(JSON.parse(renderReport('json', { result, meta, color: false })).collectedNotAnalyzed).toEqual([]);
  });
});
