/**
 * callersFor (src/graph/techniques/callers.ts) stops building a candidate's admission key at the
 * first policy action whose key so far is known to leave no caller: the intersection of the
 * admitted sets emptied there for an earlier candidate. Trap: functions whose first action's part
 * of the key is equal but whose second differs (a deploy user may change the code of every `a-`
 * function but the configuration of `a-x` functions only), so only the key through the action
 * where the intersection emptied may be remembered, never a shorter one. Every candidate's
 * callers must equal those the reference path finds afresh.
 */
import { describe, expect, it } from 'vitest';
import { ProvenanceKeys } from '../../src/graph/edges.js';
import { buildFacts } from '../../src/graph/facts/index.js';
import { RELATIONS } from '../../src/graph/techniques/index.js';
import { callersFor, gateCallers } from '../../src/graph/techniques/callers.js';
import { candidatesOf } from '../../src/graph/techniques/candidates.js';
import { TechniqueRun } from '../../src/graph/techniques/relation.js';
import { loadRules, type TechniqueRule } from '../../src/rules/index.js';
import { loadedAccounts } from '../support/technique-step.js';
import { testAccount, testSnapshot } from '../support/snapshot-file.js';
import { stepView, techniqueScope } from '../support/technique-step.js';
import { techniqueEdges } from '../../src/graph/techniques/index.js';

const ACCT = '111111111111';
const fn = (name: string) => `arn:aws:lambda:us-east-1:${ACCT}:function:${name}`;
const FUNCTIONS = ['a-1', 'a-x1', 'a-y', 'a-x2', 'b-1', 'c-1'];

function user(name: string, statements: unknown[]) {
  return { UserName: name, Arn: `arn:aws:iam::${ACCT}:user/${name}`, Path: '/', UserPolicyList: [{ PolicyName: 'deploy', PolicyDocument: { Version: '2012-10-17', Statement: statements } }] };
}

const allow = (action: string, resource: string) => ({ Effect: 'Allow', Action: action, Resource: resource });

function snapshot() {
  return testSnapshot([
    testAccount(ACCT, {
      users: [
        user('deploy-a', [allow('lambda:UpdateFunctionCode', fn('a-*')), allow('lambda:UpdateFunctionConfiguration', fn('a-x*'))]),
        user('deploy-b', [allow('lambda:UpdateFunctionCode', fn('b-*'))]),
        user('deploy-c', [allow('lambda:UpdateFunctionCode', fn('*')), allow('lambda:UpdateFunctionConfiguration', fn('c-*'))]),
      ],
      roles: FUNCTIONS.map((name) => ({
        RoleName: `${name}-role`,
        Arn: `arn:aws:iam::${ACCT}:role/${name}-role`,
        Path: '/',
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
      })),
      iam: { AccessKeyMetadata: [] },
      regions: {
        'us-east-1': {
          Lambda: {
            Functions: FUNCTIONS.map((name) => ({
              FunctionName: name,
              FunctionArn: fn(name),
              Role: `arn:aws:iam::${ACCT}:role/${name}-role`,
              // a-y's policy names deploy-b for the configuration: a part of its own, still no caller.
              ...(name === 'a-y' ? { Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:user/deploy-b` }, Action: 'lambda:UpdateFunctionConfiguration', Resource: fn('a-y') }] }) } : {}),
            })),
          },
        },
      },
    }),
  ]);
}

const rules = loadRules();
const code = rules.techniques.find((t) => t.id === 'lambda-update-function-code')!;
/** lambda-update-function-code asking for the configuration too: two policy actions, so the key has two parts. */
const twoActions: TechniqueRule = { ...code, id: 'test-code-and-configuration', actions: [code.actions[0]!, { action: 'lambda:UpdateFunctionConfiguration', on: 'target' }] };
const ruleSet = { ...rules, techniques: [twoActions] };
const { input } = loadedAccounts('callers-emptied', () => [snapshot()]);

describe('callers per candidate, stopping where the admitted sets emptied', () => {
  it('gives every candidate the callers found afresh, and stops on the keys that emptied', () => {
    const facts = buildFacts(input());
    const scope = { admins: new Set<string>(), modelAccounts: new Set<string>() };
    const fast = new TechniqueRun(facts, ruleSet, scope, new ProvenanceKeys(), RELATIONS, { blocks: true });
    const reference = new TechniqueRun(facts, ruleSet, scope, new ProvenanceKeys(), RELATIONS, { blocks: true, reference: true });
    const derive = fast.relationOf(twoActions).derive;
    if (derive.by !== 'candidate') throw new Error('expected a per-candidate relation');
    const gate = gateCallers(fast, twoActions);
    const gateSet = new Set(gate);
    const candidates = candidatesOf(fast, twoActions, derive.candidates);
    expect(candidates.map((c) => c.target.arn)).toEqual([...FUNCTIONS].sort().map(fn));
    const found = Object.fromEntries(candidates.map((c) => [c.target.arn.split(':').pop(), callersFor(fast, twoActions, c, gateSet, gate).map((p) => p.arn.split('/').pop())]));
    for (const candidate of candidates) {
      expect(callersFor(fast, twoActions, candidate, gateSet, gate).map((p) => p.arn)).toEqual(callersFor(reference, twoActions, candidate, gateSet, gate).map((p) => p.arn));
    }
    expect(found).toEqual({ 'a-1': [], 'a-x1': ['deploy-a'], 'a-x2': ['deploy-a'], 'a-y': [], 'b-1': [], 'c-1': ['deploy-c'] });
    // a-1 emptied at the configuration (its code part is a-x1's), b-1 too: the shortcut was taken.
    const known = fast.ofRule(twoActions, 'callers-by-admission', () => ({ emptied: new Set<string>() })) as { emptied: Set<string> };
    expect(known.emptied.size).toBeGreaterThanOrEqual(2);
  });

  it('leaves the step equal to the reference path', () => {
    const run = (reference: boolean) => {
      const facts = buildFacts(input());
      const { keys, scope } = techniqueScope(facts, ruleSet);
      return stepView(techniqueEdges(facts, ruleSet, scope, keys, { reference }));
    };
    const fast = run(false);
    expect(fast.blocks.length + fast.edges.length).toBeGreaterThan(0);
    expect(fast).toEqual(run(true));
  });
});
