/**
 * Resource classes (src/iam/resource-class.ts): two requests that differ only in their
 * resource and share a class get the same evaluation, statement for statement and residual for
 * residual, over generated policies; and resources a statement tells apart get different classes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicy, evaluate, policyActsOn, resourceClass, type AccessRequest, type ConditionBlockInput, type PolicySet, type PolicyStatementInput } from '../../src/iam/index.js';
import { ACCT, alice, allow, deny, identityPolicy } from './helpers.js';

const RESOURCES = [
  `arn:aws:iam::${ACCT}:user/alice`,
  `arn:aws:iam::${ACCT}:user/bob`,
  `arn:aws:iam::${ACCT}:user/team/carol`,
  `arn:aws:iam::${ACCT}:role/deploy`,
  `arn:aws:iam::${ACCT}:role/app/worker`,
  `arn:aws:lambda:eu-west-1:${ACCT}:function:a`,
  `arn:aws:lambda:eu-west-1:${ACCT}:function:b`,
  `arn:aws:lambda:us-east-1:${ACCT}:function:a`,
  'arn:aws:s3:::data',
  'arn:aws:s3:::other',
  '*',
];
const PATTERNS = ['*', `arn:aws:iam::${ACCT}:user/*`, `arn:aws:iam::${ACCT}:role/*`, 'arn:aws:iam::*:user/${aws:username}', `arn:aws:lambda:eu-west-1:${ACCT}:function:*`, 'arn:aws:lambda:*:*:function:a', 'arn:aws:s3:::data'];
const ACTIONS = ['*', 'iam:*', 'iam:CreateAccessKey', 'lambda:UpdateFunctionCode', 's3:*'];
const CONDITIONS: Array<ConditionBlockInput | undefined> = [
  undefined,
  { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
  { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
  { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
  { StringEquals: { 'aws:ResourceTag/team': 'ml' } },
];
const REQUESTED = ['iam:CreateAccessKey', 'lambda:UpdateFunctionCode', 's3:GetObject'];

const statementArb: fc.Arbitrary<PolicyStatementInput> = fc
  .record({
    effect: fc.constantFrom<'Allow' | 'Deny'>('Allow', 'Deny'),
    notAction: fc.boolean(),
    notResource: fc.boolean(),
    actions: fc.uniqueArray(fc.constantFrom(...ACTIONS), { minLength: 1, maxLength: 2 }),
    resources: fc.uniqueArray(fc.constantFrom(...PATTERNS), { minLength: 1, maxLength: 2 }),
    condition: fc.constantFrom(...CONDITIONS),
  })
  .map(({ effect, notAction, notResource, actions, resources, condition }) => ({
    Effect: effect,
    ...(notAction ? { NotAction: actions } : { Action: actions }),
    ...(notResource ? { NotResource: resources } : { Resource: resources }),
    ...(condition ? { Condition: condition } : {}),
  }));

const setArb = fc.record({
  identity: fc.array(fc.array(statementArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 }),
  boundary: fc.option(fc.array(statementArb, { minLength: 1, maxLength: 2 }), { nil: undefined }),
  scp: fc.option(fc.array(statementArb, { minLength: 1, maxLength: 2 }), { nil: undefined }),
  action: fc.constantFrom(...REQUESTED),
  tags: fc.constantFrom<Array<Record<string, string> | undefined>>(undefined, { team: 'ml' }, { team: 'web' }),
});

function policiesOf(input: { identity: PolicyStatementInput[][]; boundary?: PolicyStatementInput[]; scp?: PolicyStatementInput[] }): PolicySet {
  const set: PolicySet = { identity: input.identity.map((statements, i) => identityPolicy(`p${i}`, ...statements)) };
  if (input.boundary) set.boundary = compilePolicy({ Version: '2012-10-17', Statement: input.boundary }, { kind: 'boundary', id: 'boundary' });
  if (input.scp) set.scps = [[compilePolicy({ Version: '2012-10-17', Statement: [allow('*')] }, { kind: 'scp', id: 'full' })], [compilePolicy({ Version: '2012-10-17', Statement: input.scp }, { kind: 'scp', id: 'scp' })]];
  return set;
}

describe('resource classes', () => {
  it('resources of one class get the same evaluation', () => {
    fc.assert(
      fc.property(setArb, (input) => {
        const policies = policiesOf(input);
        const byClass = new Map<string, { resource: string; result: unknown }>();
        for (const resource of RESOURCES) {
          const request: AccessRequest = { principal: alice, action: input.action, resource, resourceAccount: ACCT, ...(input.tags ? { resourceTags: input.tags } : {}) };
          const result = evaluate(request, policies, { explain: true });
          const cls = resourceClass(request, policies);
          const first = byClass.get(cls);
          if (first) expect({ resource, result }).toEqual({ resource, result: first.result });
          else byClass.set(cls, { resource, result });
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a conditional admin puts every user of its account in one class', () => {
    const policies: PolicySet = { identity: [identityPolicy('admin', allow('*')), identityPolicy('mfa', deny('iam:*', '*', { Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }))] };
    const classes = new Set(RESOURCES.filter((r) => r.includes(':user/')).map((resource) => resourceClass({ principal: alice, action: 'iam:CreateAccessKey', resource, resourceAccount: ACCT }, policies)));
    expect(classes.size).toBe(1);
  });

  it('resources a statement tells apart are in different classes', () => {
    const policies: PolicySet = { identity: [identityPolicy('p', allow('iam:CreateAccessKey', `arn:aws:iam::${ACCT}:user/team/*`))] };
    const cls = (resource: string) => resourceClass({ principal: alice, action: 'iam:CreateAccessKey', resource, resourceAccount: ACCT }, policies);
    expect(cls(`arn:aws:iam::${ACCT}:user/team/carol`)).not.toBe(cls(`arn:aws:iam::${ACCT}:user/bob`));
    expect(cls(`arn:aws:iam::${ACCT}:user/alice`)).toBe(cls(`arn:aws:iam::${ACCT}:user/bob`));
    // The region an ARN names decides aws:RequestedRegion: never one class across regions.
    expect(cls(`arn:aws:lambda:eu-west-1:${ACCT}:function:a`)).not.toBe(cls(`arn:aws:lambda:us-east-1:${ACCT}:function:a`));
  });
});

describe('policyActsOn', () => {
  it('a resource policy with no statement for the action decides as no resource policy (optional mode)', () => {
    fc.assert(
      fc.property(setArb, fc.array(statementArb, { minLength: 1, maxLength: 3 }), fc.constantFrom(...RESOURCES), (input, statements, resource) => {
        const withPrincipal = statements.map((st) => ({ ...st, Principal: { AWS: ACCT } }));
        const resourcePolicy = compilePolicy({ Version: '2012-10-17', Statement: withPrincipal }, { kind: 'resource', id: 'rp' });
        fc.pre(!policyActsOn(resourcePolicy, input.action));
        const request: AccessRequest = { principal: alice, action: input.action, resource, resourceAccount: ACCT };
        const policies = policiesOf(input);
        expect(evaluate(request, { ...policies, resource: resourcePolicy }, { explain: true })).toEqual(evaluate(request, policies, { explain: true }));
      }),
      { numRuns: 300 },
    );
  });

  it('names the policies that have a statement for the action', () => {
    const invoke = compilePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: '*' }] }, { kind: 'resource', id: 'fn' });
    expect(policyActsOn(invoke, 'lambda:UpdateFunctionCode')).toBe(false);
    expect(policyActsOn(invoke, 'lambda:InvokeFunction')).toBe(true);
  });
});
