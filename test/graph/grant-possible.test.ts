/**
 * grantPossible (src/graph/access-candidates.ts) lets access edges and tool grants skip the
 * evaluator for a caller it would certainly deny. It may answer true for a denial, never false
 * for a grant: checked on hand-made cases, then against the evaluator on every principal and
 * resource of the demo and on every candidate of a generated organization.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSnapshot } from '../../bench/generator/index.js';
import { accessCandidates, grantPossible } from '../../src/graph/access-candidates.js';
import { decide } from '../../src/graph/decide.js';
import { buildFacts, GrantIndex, type Facts, type Principal } from '../../src/graph/facts/index.js';
import { compilePolicy, type CompiledPolicy, type PolicyStatementInput } from '../../src/iam/index.js';
import { loadInputs } from '../../src/load/index.js';
import { testRole as role } from '../support/principal.js';

const A = '111111111111';
const B = '222222222222';
const BUCKET = 'arn:aws:s3:::data';
const OBJECTS = `${BUCKET}/*`;


const policy = (...statements: PolicyStatementInput[]): CompiledPolicy => compilePolicy({ Version: '2012-10-17', Statement: statements }, { kind: 'resource', id: `${BUCKET}#resource-policy` });
const grantTo = (principal: PolicyStatementInput['Principal'], action = 's3:GetObject'): PolicyStatementInput => ({ Effect: 'Allow', Principal: principal, Action: action, Resource: OBJECTS });

const reader = role(A, 'reader', { Effect: 'Allow', Action: 's3:GetObject', Resource: OBJECTS });
const bucketOnly = role(A, 'bucket-only', { Effect: 'Allow', Action: 's3:*', Resource: BUCKET });
const bare = role(A, 'bare');
const outsider = role(B, 'outsider');
const possible = grantPossible({ grants: new GrantIndex([reader, bucketOnly, bare, outsider]) });

describe('grantPossible on hand-made cases', () => {
  it.each([
    ['an identity statement that matches', reader, undefined, true],
    ['a statement on the bucket, not its objects, and no resource policy', bucketOnly, undefined, false],
    ['no identity policy, no resource policy', bare, undefined, false],
    ['a resource policy naming the caller', bare, policy(grantTo({ AWS: bare.arn })), true],
    ['a resource policy naming the caller by a pattern', bare, policy(grantTo({ AWS: `arn:aws:iam::${A}:role/b*` })), true],
    ['a resource policy naming a session of the caller', bare, policy(grantTo({ AWS: `arn:aws:sts::${A}:assumed-role/bare/s` })), true],
    ['a resource policy naming the caller\'s account', bare, policy(grantTo({ AWS: `arn:aws:iam::${A}:root` })), true],
    ['a resource policy open to everyone', bare, policy(grantTo('*')), true],
    ['a NotPrincipal that does not exempt the caller', bare, policy({ Effect: 'Allow', NotPrincipal: { AWS: outsider.arn }, Action: 's3:GetObject', Resource: OBJECTS }), true],
    ['a resource policy naming someone else', bare, policy(grantTo({ AWS: reader.arn })), false],
    ['a resource policy naming the caller for another action', bare, policy(grantTo({ AWS: bare.arn }, 's3:PutObject')), false],
    ['a resource policy whose Deny names the caller', bare, policy({ ...grantTo({ AWS: bare.arn }), Effect: 'Deny' }), false],
    ['another account, named by the resource policy, without identity permission', outsider, policy(grantTo({ AWS: outsider.arn })), false],
  ])('%s', (_, caller, resourcePolicy, expected) => {
    expect(possible(caller, 's3:GetObject', OBJECTS, A, resourcePolicy)).toBe(expected);
  });
});

/** Every (caller, action, resource) the filter rules out is denied by the evaluator; returns how many it ruled out. */
function checkSound(facts: Facts, pairs: Iterable<[Principal, string, { arn: string; accountId: string; policy?: CompiledPolicy }]>): { asked: number; ruledOut: number } {
  const test = grantPossible(facts);
  let asked = 0;
  let ruledOut = 0;
  const wrong: string[] = [];
  for (const [caller, action, resource] of pairs) {
    asked++;
    if (test(caller, action, resource.arn, resource.accountId, resource.policy)) continue;
    ruledOut++;
    const result = decide({ caller, action, resource: resource.arn, resourceAccount: resource.accountId, ...(resource.policy ? { resourcePolicy: resource.policy } : {}), mode: 'optional' });
    if (result.decision !== 'denied') wrong.push(`${caller.arn} ${action} ${resource.arn}: ${result.decision}`);
  }
  expect(wrong).toEqual([]);
  return { asked, ruledOut };
}

const ACTIONS = ['s3:GetObject', 's3:PutObject', 'lambda:InvokeFunction', 'secretsmanager:GetSecretValue', 'kms:Decrypt', 'sagemaker:InvokeEndpoint'];

describe('grantPossible against the evaluator', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'blastpath-grant-possible-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('on every principal, resource and access action of the demo', async () => {
    const facts = buildFacts(await loadInputs(['fixtures/demo']));
    function* pairs(): Generator<[Principal, string, { arn: string; accountId: string; policy?: CompiledPolicy }]> {
      for (const caller of facts.principals) for (const resource of facts.resources) for (const action of ACTIONS) yield [caller, action, resource];
    }
    const { asked, ruledOut } = checkSound(facts, pairs());
    expect(ruledOut).toBeGreaterThan(asked / 2);
  });

  it('on every candidate of a generated organization', async () => {
    const file = join(dir, 'org.json');
    await writeSnapshot(file, { roles: 300, accounts: 4, seed: 'grant-possible' });
    const facts = buildFacts(await loadInputs([file]));
    const candidatesFor = accessCandidates(facts);
    function* pairs(): Generator<[Principal, string, { arn: string; accountId: string; policy?: CompiledPolicy }]> {
      for (const resource of facts.resources) {
        for (const action of ACTIONS) {
          const arn = resource.kind === 'bucket' ? `${resource.arn}/*` : resource.arn;
          for (const caller of candidatesFor(resource, [action], arn)) yield [caller, action, { ...resource, arn }];
        }
      }
    }
    const { asked, ruledOut } = checkSound(facts, pairs());
    expect(asked).toBeGreaterThan(10_000);
    expect(ruledOut).toBeGreaterThan(500);
  }, 60_000);
});
