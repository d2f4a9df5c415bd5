/**
 * A statement's action matchers are compiled apart from its resources and conditions, once per
 * action list (src/iam/statement.ts): a pool gives every one-action statement of an action one
 * list, so every function policy's `lambda:InvokeFunction` shares one compilation, and asking
 * whether a policy names an action (policyActsOn) compiles nothing else. Sharing by list must
 * change no answer: actionMatches and policyActsOn equal a glob read written out here, and
 * evaluation after those questions equals evaluation of the same documents compiled apart.
 * Traps: lists that share their first action but not the rest, NotAction, `?` and `*` in
 * action names, several services in one list, and case.
 */
import { describe, expect, it } from 'vitest';
import { serviceOf } from '../../src/iam/compile.js';
import { actionMatches, compilePolicy, evaluate, policyActsOn, PolicyPool, type CompiledPolicy, type PolicyStatementInput } from '../../src/iam/index.js';
import { ACCT, alice } from './helpers.js';

/** IAM's glob, read without the library: `*` any run, `?` one character, no case. */
function globMatches(pattern: string, value: string): boolean {
  const source = [...pattern].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.+()[\]{}|/-]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 'is').test(value);
}

const FUNCTIONS = ['alpha', 'beta', 'gamma'].map((name) => `arn:aws:lambda:us-east-1:${ACCT}:function:${name}`);

/** Statements as function and identity policies write them; several share an action list but not their resources. */
const STATEMENTS: PolicyStatementInput[] = [
  ...FUNCTIONS.map((arn) => ({ Effect: 'Allow' as const, Principal: { Service: 's3.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: arn, Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:s3:::${arn.slice(-5)}-*` } } })),
  ...FUNCTIONS.map((arn) => ({ Effect: 'Allow' as const, Principal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: ['lambda:InvokeFunction', 'lambda:UpdateFunctionCode'], Resource: arn })),
  { Effect: 'Allow', Action: 'LAMBDA:invoke?unction', Resource: FUNCTIONS[0] },
  { Effect: 'Allow', Action: ['lambda:Get*', 's3:PutObject', 'iam:PassRole'], Resource: '*' },
  { Effect: 'Allow', NotAction: 'lambda:InvokeFunction', Resource: FUNCTIONS[1] },
  { Effect: 'Deny', NotAction: ['lambda:Get*', 'lambda:List*'], Resource: '*' },
  { Effect: 'Allow', Action: '*', Resource: FUNCTIONS[2], Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
  { Effect: 'Allow', Action: 'lambda:*', NotResource: FUNCTIONS[0] },
];

const ACTIONS = ['lambda:InvokeFunction', 'lambda:UpdateFunctionCode', 'lambda:GetFunction', 'lambda:ListFunctions', 'lambda:InvokeAsync', 's3:PutObject', 's3:GetObject', 'iam:PassRole', 'iam:PassRoles', 'sts:AssumeRole'];

/** One policy per statement, compiled through one pool (shared lists) or apart. */
function compiled(pool: PolicyPool | undefined): CompiledPolicy[] {
  return STATEMENTS.map((statement, i) => compilePolicy({ Version: '2012-10-17', Statement: [statement] }, { kind: 'resource', id: `${FUNCTIONS[i % 3]}#policy-${i}` }, pool));
}

/** Whether the written statement names the action, read from the document. */
function names(statement: PolicyStatementInput, action: string): boolean {
  const written = statement.Action ?? statement.NotAction!;
  const listed = (Array.isArray(written) ? written : [written]).some((pattern) => globMatches(pattern, action));
  return listed !== (statement.NotAction !== undefined);
}

describe('action matchers compiled once per action list', () => {
  it('pooled statements share their action lists (the sharing this compiles once for)', () => {
    const [first, second] = compiled(new PolicyPool());
    expect(first!.statements[0]!.actions).toBe(second!.statements[0]!.actions);
    expect(first!.statements[0]!.resources).not.toEqual(second!.statements[0]!.resources);
  });

  for (const pooled of [true, false]) {
    it(`actionMatches and policyActsOn equal the written globs (${pooled ? 'pooled' : 'apart'})`, () => {
      const policies = compiled(pooled ? new PolicyPool() : undefined);
      for (const [i, policy] of policies.entries()) {
        for (const action of ACTIONS) {
          const lower = action.toLowerCase();
          const expected = names(STATEMENTS[i]!, action);
          expect(actionMatches(policy.statements[0]!, lower, serviceOf(lower)), `${i} ${action}`).toBe(expected);
          expect(policyActsOn(policy, action), `${i} ${action}`).toBe(expected);
        }
      }
    });
  }

  it('evaluation after the action questions equals evaluation of the documents compiled apart', () => {
    const asked = compiled(new PolicyPool());
    // Action matchers first, as the technique step asks them before any decision.
    for (const policy of asked) for (const action of ACTIONS) policyActsOn(policy, action);
    const fresh = compiled(undefined);
    const decisions = (policies: CompiledPolicy[]) =>
      policies.flatMap((policy) =>
        ACTIONS.flatMap((action) =>
          FUNCTIONS.map((resource) => {
            const result = evaluate({ principal: alice, action, resource, resourceAccount: ACCT, context: { 'aws:sourcearn': ['arn:aws:s3:::alpha-logs'] } }, { identity: [policy] });
            return `${policy.source.id} ${action} ${resource} ${result.decision}`;
          }),
        ),
      );
    const expected = decisions(fresh);
    expect(decisions(asked)).toEqual(expected);
    // Not every answer alike: the resources and conditions were compiled and read.
    expect(new Set(expected.map((d) => d.split(' ').pop())).size).toBeGreaterThan(1);
  });
});
