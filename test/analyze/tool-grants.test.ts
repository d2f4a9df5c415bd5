/**
 * "Tools" on identity cards counts lambda:InvokeFunction on functions (an agent's tools), not
 * only escalation hops: functions are no crown jewels, so no edge carries the grant, but the
 * card and the model/data/tools separation check see it. The grant is evaluated, not guessed:
 * an explicit deny, or a grant on another function, counts nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/load/index.js';
import { analyzeLoaded } from '../../src/pipeline.js';
import { testAccount, writeTestSnapshot } from '../support/snapshot-file.js';

const A = '111111111111';
const R = 'us-east-1';
const fnArn = (name: string) => `arn:aws:lambda:${R}:${A}:function:${name}`;
const roleArn = (name: string) => `arn:aws:iam::${A}:role/${name}`;
const role = (name: string, statements: object[]) => ({
  RoleName: name,
  Arn: roleArn(name),
  Path: '/',
  AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
  RolePolicyList: [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
  AttachedManagedPolicies: [],
  InstanceProfileList: [],
});
const modelAndData = [
  { Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' },
  { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::customer-records/*' },
];

async function analyzeAgents() {
  const file = join(mkdtempSync(join(tmpdir(), 'blastpath-tools-')), 'snapshot.json');
  writeTestSnapshot(file, [
    testAccount(A, {
      roles: [
        role('agent-role', [...modelAndData, { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: fnArn('refund-tool') }]),
        role('denied-agent-role', [...modelAndData, { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*' }, { Effect: 'Deny', Action: 'lambda:*', Resource: '*' }]),
        role('tool-role', [{ Effect: 'Allow', Action: 'logs:CreateLogGroup', Resource: '*' }]),
      ],
      iam: { AccessKeyMetadata: [] },
      s3: { Buckets: [{ Name: 'customer-records', Tagging: { TagSet: [{ Key: 'classification', Value: 'pii' }] } }] },
      regions: {
        [R]: {
          Lambda: {
            Functions: [
              { FunctionName: 'support-agent', FunctionArn: fnArn('support-agent'), Role: roleArn('agent-role') },
              { FunctionName: 'legacy-agent', FunctionArn: fnArn('legacy-agent'), Role: roleArn('denied-agent-role') },
              { FunctionName: 'refund-tool', FunctionArn: fnArn('refund-tool'), Role: roleArn('tool-role') },
            ],
          },
        },
      },
    }),
  ]);
  return (await analyzeLoaded(await loadInputs([file]), {})).result;
}

describe('tools on identity cards', () => {
  it('count the functions a role may invoke, and raise model+data+tools when it also reaches models and data', async () => {
    const result = await analyzeAgents();
    const cards = new Map(result.identities!.map((c) => [c.id, c]));
    expect(cards.get(roleArn('agent-role'))!.reaches.tools).toEqual([fnArn('refund-tool')]);
    expect(cards.get(roleArn('agent-role'))!.capabilities).toEqual(['model', 'data', 'tools']);
    // The explicit deny wins: model and data, no tools, so no separation finding.
    expect(cards.get(roleArn('denied-agent-role'))!.reaches.tools).toEqual([]);
    const split = (result.posture ?? []).filter((p) => p.rule === 'identity-model-data-tools');
    expect(split.map((p) => [p.subject, p.evidence['tools']])).toEqual([[roleArn('agent-role'), [fnArn('refund-tool')]]]);
    // No edge carries the grant: functions are no crown jewels, and no finding starts anywhere here.
    expect(result.findings).toEqual([]);
  });
});
