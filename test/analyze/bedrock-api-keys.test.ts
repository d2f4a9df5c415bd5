/**
 * Long-term Amazon Bedrock API keys (IAM service-specific credentials for bedrock.amazonaws.com):
 * the user is an entry held to its Bedrock invocation, its card shows the keys with their age
 * and expiry, and a key that never expires (or is old) is a standing-credential posture finding.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/load/index.js';
import { analyzeLoaded } from '../../src/pipeline.js';
import { credentialWords } from '../../src/report/table-posture.js';
import { testAccount, writeTestSnapshot } from '../support/snapshot-file.js';

const A = '111111111111';
const userArn = (name: string) => `arn:aws:iam::${A}:user/${name}`;
const user = (name: string, actions: string[]) => ({
  UserName: name,
  Arn: userArn(name),
  Path: '/',
  UserPolicyList: [{ PolicyName: 'work', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] } }],
  GroupList: [],
  AttachedManagedPolicies: [],
});
const bedrockKey = (name: string, extra: Record<string, string> = {}) => ({ UserName: name, ServiceName: 'bedrock.amazonaws.com', ServiceSpecificCredentialId: `ACCA${name.toUpperCase().replace(/-/g, '')}KEY00001`, Status: 'Active', CreateDate: '2024-06-01T12:00:00Z', ...extra });

async function analyzeKeys() {
  const dir = mkdtempSync(join(tmpdir(), 'blastpath-bedrock-keys-'));
  const file = join(dir, 'snapshot.json');
  writeTestSnapshot(file, [
    testAccount(A, {
      users: [user('notebook-user', ['bedrock:InvokeModel', 's3:GetObject']), user('expired-user', ['bedrock:InvokeModel']), user('short-user', ['bedrock:InvokeModel'])],
      iam: {
        AccessKeyMetadata: [],
        ServiceSpecificCredentials: [
          bedrockKey('notebook-user'),
          // Expired a month before the snapshot: no entry, no card.
          bedrockKey('expired-user', { ExpirationDate: '2025-05-01T00:00:00Z' }),
          // Made a week ago, expiring in thirty days: an entry, but no standing credential.
          bedrockKey('short-user', { CreateDate: '2025-05-25T12:00:00Z', ExpirationDate: '2025-07-01T00:00:00Z' }),
        ],
      },
      s3: { Buckets: [{ Name: 'customer-records', Tagging: { TagSet: [{ Key: 'classification', Value: 'pii' }] } }] },
    }),
  ]);
  return (await analyzeLoaded(await loadInputs([file]), {})).result;
}

describe('long-term Bedrock API keys', () => {
  it('make the user an entry that reaches model invocation only, never what the user does with an access key', async () => {
    const result = await analyzeKeys();
    const found = result.findings.map((f) => [f.entry.node, f.entry.entryPoint, f.target.node, f.target.impact]).sort();
    expect(found).toEqual([
      [userArn('notebook-user'), 'iam-user-bedrock-api-key', `bedrock:${A}`, 'C-LLMJACK'],
      [userArn('short-user'), 'iam-user-bedrock-api-key', `bedrock:${A}`, 'C-LLMJACK'],
    ]);
    const notebook = result.findings.find((f) => f.entry.node === userArn('notebook-user'))!;
    expect(notebook.entry.credential).toEqual({ kind: 'bedrock-api-key', count: 1, createdAt: '2024-06-01T12:00:00Z', ageDays: 365, windowHours: 8760 });
  });

  it('show on the user card with age and expiry, and count as a standing credential when they never expire or are 90 days old', async () => {
    const result = await analyzeKeys();
    const cards = new Map(result.identities!.map((c) => [c.id, c]));
    expect([...cards.keys()].filter((id) => id.includes(':user/')).sort()).toEqual([userArn('notebook-user'), userArn('short-user')]);
    expect(cards.get(userArn('short-user'))!.bedrockApiKeys).toEqual({ kind: 'bedrock-api-key', count: 1, createdAt: '2025-05-25T12:00:00Z', ageDays: 7, expiresAt: '2025-07-01T00:00:00Z', windowHours: 168 });
    const posture = (result.posture ?? []).filter((p) => p.rule === 'long-lived-bedrock-api-key');
    expect(posture.map((p) => [p.subject, p.evidence])).toEqual([[userArn('notebook-user'), { createdAt: ['2024-06-01T12:00:00Z'], expiresAt: ['never'], ageDays: ['365'] }]]);
    expect(posture[0]!.fix).toEqual({ action: 'replace-key', target: userArn('notebook-user') });
    expect(posture[0]!.remediation).toMatch(/^Replace the long-term Bedrock API key of user `notebook-user`/);
    expect(cards.get(userArn('notebook-user'))!.posture).toEqual([posture[0]!.id]);
    expect(credentialWords(cards.get(userArn('notebook-user'))!.bedrockApiKeys)).toBe('1 Bedrock API key 365 days old, never expires, last use not recorded by IAM');
  });
});
