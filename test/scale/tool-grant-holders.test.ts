/**
 * Tool grants (src/graph/tool-grants.ts) are read only by identity cards, so the graph asks for
 * them only for principals that may hold a card (cardHolders). Checked on the demo, a generated
 * organization and hand-made accounts whose workload role, outside-trusted role and keyed user
 * each invoke a function (and a role without a card does too), and where a function's policy
 * names a workload role of an account whose holders name no Lambda action (the step skips such
 * accounts' functions unless their policy names AWS principals): every card gets the tools the
 * unrestricted step gives its identity; and on hand-made edge sets.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSnapshot } from '../../bench/generator/index.js';
import { adminEdges } from '../../src/graph/admin.js';
import { EdgeSet, ProvenanceKeys } from '../../src/graph/edges.js';
import { buildFacts, type Facts } from '../../src/graph/facts/index.js';
import { buildGraph } from '../../src/graph/index.js';
import { cardHolders, toolGrants } from '../../src/graph/tool-grants.js';
import { loadInputs, type LoadedInput } from '../../src/load/index.js';
import { analyzeLoaded } from '../../src/pipeline.js';
import { loadRules } from '../../src/rules/index.js';
import { testAccount, writeTestSnapshot } from '../support/snapshot-file.js';

const rules = loadRules();
let dir: string;
const inputs: Record<string, LoadedInput> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blastpath-tool-holders-'));
  const org = join(dir, 'org.json');
  await writeSnapshot(org, { roles: 300, accounts: 4, seed: 'tool-holders' });
  const tools = join(dir, 'tools.json');
  writeTestSnapshot(tools, [toolAccount(), namingAccount()]);
  inputs['demo'] = await loadInputs(['fixtures/demo']);
  inputs['organization'] = await loadInputs([org]);
  inputs['tools'] = await loadInputs([tools]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const A = '111111111111';
const R = 'us-east-1';
const fnArn = (name: string) => `arn:aws:lambda:${R}:${A}:function:${name}`;
const roleArn = (name: string) => `arn:aws:iam::${A}:role/${name}`;
const invoke = (fn: string) => [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: fnArn(fn) }] } }];
const role = (name: string, trusted: object, fn: string) => ({
  RoleName: name,
  Arn: roleArn(name),
  Path: '/',
  AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: trusted, Action: 'sts:AssumeRole' }] },
  RolePolicyList: invoke(fn),
  AttachedManagedPolicies: [],
});

/** A workload role, a role an outside account assumes, a user with an active key and a role nothing makes a card of: each may invoke a function. */
function toolAccount() {
  return testAccount(A, {
    roles: [
      role('agent-role', { Service: 'lambda.amazonaws.com' }, 'refund-tool'),
      role('vendor-role', { AWS: 'arn:aws:iam::999999999999:root' }, 'report-tool'),
      role('batch-role', { Service: 'batch.amazonaws.com' }, 'report-tool'),
      role('tool-role', { Service: 'lambda.amazonaws.com' }, 'none'),
    ],
    users: [{ UserName: 'ops-bot', Arn: `arn:aws:iam::${A}:user/ops-bot`, Path: '/', UserPolicyList: invoke('refund-tool'), AttachedManagedPolicies: [], GroupList: [] }],
    iam: { AccessKeyMetadata: [{ UserName: 'ops-bot', AccessKeyId: 'AKIAEXAMPLEOPSBOT001', Status: 'Active' }] },
    regions: {
      [R]: {
        Lambda: {
          Functions: [
            { FunctionName: 'support-agent', FunctionArn: fnArn('support-agent'), Role: roleArn('agent-role') },
            { FunctionName: 'refund-tool', FunctionArn: fnArn('refund-tool'), Role: roleArn('tool-role') },
            { FunctionName: 'report-tool', FunctionArn: fnArn('report-tool'), Role: roleArn('tool-role') },
          ],
        },
      },
    },
  });
}

const B = '222222222222';

/** An account where no holder's identity names a Lambda action: a function policy naming a workload role is its one grant. */
function namingAccount() {
  const reader = `arn:aws:iam::${B}:role/reader-role`;
  const shared = `arn:aws:lambda:${R}:${B}:function:shared-tool`;
  return testAccount(B, {
    roles: [{ RoleName: 'reader-role', Arn: reader, Path: '/', AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }, RolePolicyList: [], AttachedManagedPolicies: [] }],
    regions: {
      [R]: {
        Lambda: {
          Functions: [
            { FunctionName: 'reader', FunctionArn: `arn:aws:lambda:${R}:${B}:function:reader`, Role: reader },
            { FunctionName: 'shared-tool', FunctionArn: shared, Role: reader, Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: reader }, Action: 'lambda:InvokeFunction', Resource: shared }] }) },
          ],
        },
      },
    },
  });
}

describe('tool grants for card holders only', () => {
  it('reach the cards of a workload role, an outside-trusted role and a keyed user, not a role without a card', async () => {
    const built = buildGraph(inputs['tools']!, rules);
    const cards = new Map((await analyzeLoaded(inputs['tools']!, {})).result.identities!.map((c) => [c.id, c.reaches.tools]));
    expect(cards.get(roleArn('agent-role'))).toEqual([fnArn('refund-tool')]);
    expect(cards.get(roleArn('vendor-role'))).toEqual([fnArn('report-tool')]);
    expect(cards.get(`arn:aws:iam::${A}:user/ops-bot`)).toEqual([fnArn('refund-tool')]);
    expect(cards.has(roleArn('batch-role'))).toBe(false);
    // Named by a function's policy, in an account where no holder's identity names a Lambda action.
    expect(cards.get(`arn:aws:iam::${B}:role/reader-role`)).toEqual([`arn:aws:lambda:${R}:${B}:function:shared-tool`]);
    expect([...built.toolInvokers!.keys()].sort()).toEqual([roleArn('agent-role'), roleArn('vendor-role'), `arn:aws:iam::${A}:user/ops-bot`, `arn:aws:iam::${B}:role/reader-role`].sort());
  });

  for (const name of ['demo', 'organization', 'tools']) {
    it(`give every card the tools the unrestricted step gives (${name})`, async () => {
      const built = buildGraph(inputs[name]!, rules);
      // The pipeline's cards (with the credentials a keyed user's card needs).
      const cards = (await analyzeLoaded(inputs[name]!, {})).result.identities!;
      const facts = buildFacts(inputs[name]!);
      const { admins } = adminEdges(facts, new ProvenanceKeys());
      const everyone = toolGrants(facts, admins, new Set(facts.principals.map((p) => p.arn)));
      let withTools = 0;
      for (const card of cards) {
        const tools = everyone.get(card.id) ?? [];
        expect(built.toolInvokers?.get(card.id) ?? []).toEqual(tools);
        if (tools.length) withTools++;
      }
      if (name === 'tools') expect(withTools).toBe(4);
      // The restriction is what saves the work: most grants belong to no card.
      if (name !== 'demo') expect(built.toolInvokers!.size).toBeLessThan(everyone.size);
    }, 60_000);
  }
});

describe('cardHolders', () => {
  const facts = { principals: [{ arn: 'arn:aws:iam::111111111111:user/u', kind: 'user' }, { arn: 'arn:aws:iam::111111111111:role/r', kind: 'role' }] } as unknown as Facts;
  const hop = (from: string, to: string, kind: 'can-assume' | 'invoke') => {
    const set = new EdgeSet(new ProvenanceKeys());
    set.put(from, to, { kind, actions: ['sts:AssumeRole'], provenance: [], conditional: false, confidence: 1 });
    return set;
  };

  it('holds workload roles, users and every can-assume target of the sets it reads', () => {
    const holders = cardHolders(facts, {
      workloadRoles: [{ role: 'arn:aws:iam::111111111111:role/worker' }],
      edges: [hop('arn:aws:iam::999999999999:root', 'arn:aws:iam::111111111111:role/vendor', 'can-assume'), hop('internet', 'arn:aws:iam::111111111111:role/invoked', 'invoke'), undefined],
    });
    expect([...holders].sort()).toEqual(['arn:aws:iam::111111111111:role/vendor', 'arn:aws:iam::111111111111:role/worker', 'arn:aws:iam::111111111111:user/u']);
  });
});
