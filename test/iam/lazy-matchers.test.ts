/**
 * A statement's matcher is compiled in two parts (src/iam/statement.ts): its actions when an
 * action is first asked, its resource patterns and conditions when a request first gets past
 * the action. Statements of the same text share both parts through the pool. Whatever order
 * the questions come in (actions alone first, as the action indexes and `policyActsOn` ask, or
 * a whole request first), every answer equals that of the same documents compiled apart and
 * asked whole requests only, which compiles everything at once as before. The traps: statements
 * of one action (the pool shares their action list) with different resources and conditions,
 * one text under two policy versions, NotAction and NotResource, repeated text in two policies.
 */
import { describe, expect, it } from 'vitest';
import { compilePolicy, PolicyPool, type CompiledPolicy, type CompiledStatement, type PolicyDocumentInput, type PolicySource } from '../../src/iam/index.js';
import { actionMatches, compiledConditions, coversAction, openParts, resourceApplies, statementApplies } from '../../src/iam/statement.js';
import { serviceOf } from '../../src/iam/compile.js';
import type { AccessRequest } from '../../src/iam/types.js';
import { alice, request } from './helpers.js';

const HOME = 'arn:aws:s3:::home/${aws:username}/*';

/** Statements whose resource or condition parts differ where their actions are the same list. */
const STATEMENTS: PolicyDocumentInput['Statement'] = [
  { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::alpha/*' },
  { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::beta/*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'red' } } },
  { Effect: 'Allow', Action: 's3:GetObject', Resource: HOME },
  { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': '${aws:username}' } } },
  { Effect: 'Deny', NotAction: 's3:GetObject', NotResource: 'arn:aws:s3:::alpha/*' },
  { Effect: 'Allow', Action: ['s3:Get*', 'iam:PassRole'], Resource: ['arn:aws:s3:::beta/*', 'arn:aws:iam::111111111111:role/*'] },
];

/** The same statements under both versions, and repeated in a second policy (its bodies shared). */
const DOCUMENTS: Array<[PolicyDocumentInput, PolicySource]> = [
  [{ Version: '2012-10-17', Statement: STATEMENTS }, { kind: 'identity', id: 'v2012' }],
  [{ Statement: STATEMENTS }, { kind: 'identity', id: 'literal' }],
  [{ Version: '2012-10-17', Statement: [...STATEMENTS].reverse() }, { kind: 'identity', id: 'v2012-again' }],
  [{ Version: '2012-10-17', Statement: STATEMENTS }, { kind: 'resource', id: 'bucket#resource-policy' }],
];

const ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:GetBucketPolicy', 'iam:PassRole', 'ec2:RunInstances'];
const RESOURCES = ['arn:aws:s3:::alpha/x', 'arn:aws:s3:::beta/x', 'arn:aws:s3:::home/alice/x', 'arn:aws:s3:::home/bob/x', 'arn:aws:iam::111111111111:role/r', '*'];
const CONTEXTS: Array<AccessRequest['context']> = [
  undefined,
  { 'aws:username': ['alice'], 'aws:principaltag/team': ['alice'] },
  { 'aws:username': ['bob'], 'aws:principaltag/team': ['red'] },
  { 'aws:username': null, 'aws:principaltag/team': null },
];

const REQUESTS: AccessRequest[] = ACTIONS.flatMap((action) =>
  RESOURCES.flatMap((resource) => CONTEXTS.map((context) => request({ principal: alice, action, resource, ...(context ? { context } : {}) }))),
);

/**
 * Every answer the statement module gives about one statement, requests in order; the readers of
 * the resource and condition part before any whole request, so none finds them compiled already.
 */
function answers(statement: CompiledStatement): unknown[] {
  const conditions = compiledConditions(statement).map((c) => c.clause);
  return [
    conditions,
    ...REQUESTS.map((r) => {
      const action = r.action.toLowerCase();
      return {
        open: openParts(statement, r),
        resource: resourceApplies(statement, r),
        applies: statementApplies(statement, r, action, serviceOf(action)),
        covers: coversAction(statement, r.action),
      };
    }),
  ];
}

const statementsOf = (policies: CompiledPolicy[]) => policies.flatMap((p) => p.statements);

/** The documents compiled apart, every statement asked whole requests first: the reference. */
function reference(): unknown[][] {
  return statementsOf(DOCUMENTS.map(([d, s]) => compilePolicy(d, s))).map(answers);
}

describe('statement matchers compiled in two parts', () => {
  it('answers as the whole matcher after only actions were asked, statements sharing bodies through a pool', () => {
    const pool = new PolicyPool();
    const statements = statementsOf(DOCUMENTS.map(([d, s]) => compilePolicy(d, s, pool)));
    // The action part alone, for every statement, before any request reaches a resource.
    for (const statement of statements) for (const action of ACTIONS) actionMatches(statement, action.toLowerCase(), serviceOf(action.toLowerCase()));
    expect(statements.map(answers)).toEqual(reference());
  });

  it('answers the same when statements are first asked in any order, some whole, some by action', () => {
    const pool = new PolicyPool();
    const statements = statementsOf(DOCUMENTS.map(([d, s]) => compilePolicy(d, s, pool)));
    // Every other statement asked a whole request first, the rest an action; then all, in reverse order.
    statements.forEach((statement, i) => (i % 2 ? coversAction(statement, 's3:GetObject') : answers(statement)));
    const got = [...statements].reverse().map(answers).reverse();
    expect(got).toEqual(reference());
  });

  it('keeps the resource part apart for statements whose single action is one shared list', () => {
    const pool = new PolicyPool();
    const [policy] = [compilePolicy({ Version: '2012-10-17', Statement: STATEMENTS.slice(0, 3) }, { kind: 'identity', id: 'p' }, pool)];
    const [a, b] = policy!.statements;
    expect(a!.actions).toBe(b!.actions);
    const toBeta = request({ principal: alice, action: 's3:GetObject', resource: 'arn:aws:s3:::beta/x', context: { 'aws:principaltag/team': ['red'] } });
    expect(statementApplies(a!, toBeta, 's3:getobject', 's3')).toBe(0);
    expect(statementApplies(b!, toBeta, 's3:getobject', 's3')).toBe(2);
  });
});
