/**
 * LLMjacking on one model (issue 15, class 10). A role anyone may assume, allowed to invoke a
 * single foundation model, gave a data finding but no LLMjacking finding: the invoke hop was
 * decided on a probe model ARN only, which a grant naming one model does not cover. Every model
 * invoked is billed to the account, so a grant on any one model ARN reaches the account's Bedrock
 * node: a foundation model, a provisioned, imported or custom model. An inference profile alone
 * does not: the caller must also be allowed the foundation models it routes to
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-prereq.html).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import { inEdges } from '../../src/graph/edge-view.js';
import { buildGraph } from '../../src/graph/index.js';
import { loadInputs } from '../../src/load/index.js';
import { loadRules } from '../../src/rules/index.js';
import { testAccount, writeTestSnapshot } from '../support/snapshot-file.js';

const ACCT = '999000111333';
const R = 'us-east-1';
const dir = mkdtempSync(join(tmpdir(), 'blastpath-llmjacking-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const invoking = (name: string, resource: string, trustAnyone = false) => ({
  RoleName: name,
  Arn: `arn:aws:iam::${ACCT}:role/${name}`,
  Path: '/',
  AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: trustAnyone ? { AWS: '*' } : { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
  RolePolicyList: [{ PolicyName: 'invoke', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], Resource: resource }] } }],
  AttachedManagedPolicies: [],
  InstanceProfileList: [],
});

const snapshot = join(dir, 'snapshot.json');
writeTestSnapshot(snapshot, [
  testAccount(ACCT, {
    roles: [
      invoking('open-chat-role', `arn:aws:bedrock:${R}::foundation-model/anthropic.claude-3-opus-20240229-v1:0`, true),
      invoking('family-role', 'arn:aws:bedrock:*::foundation-model/anthropic.*'),
      invoking('provisioned-role', `arn:aws:bedrock:${R}:${ACCT}:provisioned-model/abc123`),
      invoking('imported-role', `arn:aws:bedrock:${R}:${ACCT}:imported-model/m0del`),
      invoking('profile-only-role', `arn:aws:bedrock:${R}:${ACCT}:inference-profile/us.anthropic.claude-3-opus-20240229-v1:0`),
      invoking('any-model-role', '*'),
    ],
    regions: { [R]: {} },
  }),
]);

describe('invoking one model', () => {
  it('reaches the account\'s Bedrock node and names the model; any model needs no name; a profile alone does not', async () => {
    const rules = loadRules();
    const built = buildGraph(await loadInputs([snapshot]), rules);
    const hops: Record<string, string> = {};
    for (const { attrs, from } of inEdges(built, `bedrock:${ACCT}`)) hops[from.split('/').pop()!] = attrs.detail?.model ?? 'any';
    expect(hops).toEqual({
      'open-chat-role': `arn:aws:bedrock:${R}::foundation-model/anthropic.claude-3-opus-20240229-v1:0`,
      'family-role': `arn:aws:bedrock:${R}::foundation-model/anthropic.x`,
      'provisioned-role': `arn:aws:bedrock:${R}:${ACCT}:provisioned-model/abc123`,
      'imported-role': `arn:aws:bedrock:${R}:${ACCT}:imported-model/m0del`,
      'any-model-role': 'any',
    });

    const findings = analyze(built, rules, { gaps: [] }).findings;
    const llmjacking = findings.filter((f) => f.entry.node === 'anonymous' && f.target.node === `bedrock:${ACCT}`);
    expect(llmjacking.map((f) => [f.target.impact, f.path.nodes.map((n) => n.id)])).toEqual([['C-LLMJACK', ['anonymous', `arn:aws:iam::${ACCT}:role/open-chat-role`, `bedrock:${ACCT}`]]]);
  });
});
