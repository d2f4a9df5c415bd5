/**
 * mayAllowIn (src/graph/techniques/callers.ts) reads each principal's statements of a service once
 * per service rather than once per action. Its lists must be those of the plain filter
 * (mayAllowAction over the grant index's principals of the service), for every action a rule
 * asks about and every account, on the demo and a generated organization, and on hand-made
 * principals whose statements a wrong test would misread (Deny, NotAction, another action).
 */
import { describe, expect, it } from 'vitest';
import { ProvenanceKeys } from '../../src/graph/edges.js';
import { buildFacts, GrantIndex, type Facts } from '../../src/graph/facts/index.js';
import { RELATIONS } from '../../src/graph/techniques/index.js';
import { mayAllowIn } from '../../src/graph/techniques/callers.js';
import { TechniqueRun } from '../../src/graph/techniques/relation.js';
import { mayAllowAction } from '../../src/iam/index.js';
import { loadRules } from '../../src/rules/index.js';
import { testRole as role } from '../support/principal.js';
import { demoAndOrganization } from '../support/demo-and-organization.js';

const rules = loadRules();
const ACTIONS = [...new Set([...rules.techniques.flatMap((t) => t.actions.map((a) => a.action)), 'IAM:PassRole', 's3:Get*', 'lambda:InvokeFunction'])];

/** The plain lists: every principal of the service the evaluator's action index says may allow the action. */
function plain(facts: Facts, action: string, accountId?: string): string[] {
  const service = action.toLowerCase().split(':')[0]!;
  return facts.grants.principalsOfService(service).filter((p) => (accountId === undefined || p.accountId === accountId) && mayAllowAction(p.identity, action)).map((p) => p.arn);
}

function expectSameLists(facts: Facts): number {
  const run = new TechniqueRun(facts, rules, { admins: new Set(), modelAccounts: new Set() }, new ProvenanceKeys(), RELATIONS, { blocks: true });
  const accounts = [undefined, ...new Set(facts.principals.map((p) => p.accountId))];
  const found: string[][] = [];
  const expected: string[][] = [];
  for (const action of ACTIONS) {
    for (const accountId of accounts) {
      found.push(mayAllowIn(run, action, accountId).map((p) => p.arn));
      expected.push(plain(facts, action, accountId));
    }
  }
  expect(found).toEqual(expected);
  return found.reduce((n, list) => n + list.length, 0);
}

const facts = demoAndOrganization('may-allow-in', 400, (input) => buildFacts(input));

describe('mayAllowIn', () => {
  for (const name of ['demo', 'organization']) {
    it(`gives the plain filter's lists for every rule action and account (${name})`, () => {
      expect(expectSameLists(facts[name]!)).toBeGreaterThan(100);
    });
  }

  it('reads Deny, NotAction and other actions of the service as the evaluator does', () => {
    const A = '111111111111';
    const principals = [
      role(A, 'denied', { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' }, { Effect: 'Allow', Action: 'iam:GetRole', Resource: '*' }),
      role(A, 'not-action', { Effect: 'Allow', NotAction: 'iam:PassRole', Resource: '*' }),
      role(A, 'not-other', { Effect: 'Allow', NotAction: 'iam:GetRole', Resource: '*' }),
      role(A, 'wildcard', { Effect: 'Allow', Action: 'iam:Pass*', Resource: '*' }),
      role(A, 'everything', { Effect: 'Allow', Action: '*', Resource: '*' }),
    ];
    const small = { principals, grants: new GrantIndex(principals) } as unknown as Facts;
    const run = new TechniqueRun(small, rules, { admins: new Set(), modelAccounts: new Set() }, new ProvenanceKeys(), RELATIONS, { blocks: true });
    expect(mayAllowIn(run, 'iam:PassRole').map((p) => p.name)).toEqual(['not-other', 'wildcard', 'everything']);
    expect(mayAllowIn(run, 'iam:GetRole', A).map((p) => p.name)).toEqual(['denied', 'not-action', 'everything']);
  });
});
