/**
 * Statements of resource policies are hashed on first read (src/iam/compile.ts, LazyStatementRef):
 * the hash, and the reference as JSON, must be those of a statement hashed at compile time, on
 * constructed policies a careless shortcut would get wrong (key order, one value against a list,
 * Version, two statements in one function policy, conditions with numbers and booleans, fields
 * outside the grammar) and on every resource policy of the demo and a generated organization.
 */
import { describe, expect, it } from 'vitest';
import { buildFacts } from '../../src/graph/facts/index.js';
import { compilePolicy, type CompiledPolicy, type PolicyDocumentInput, type StatementRef } from '../../src/iam/index.js';
import { statementHash } from '../../src/iam/statement-hash.js';
import { demoAndOrganization } from '../support/demo-and-organization.js';

/** The document compiled as a resource policy (hashed lazily) and as an identity policy (hashed at once). */
function lazyAndEager(document: PolicyDocumentInput): { lazy: CompiledPolicy; eager: CompiledPolicy } {
  return {
    lazy: compilePolicy(document, { kind: 'resource', id: 'arn:aws:lambda:us-east-1:111111111111:function:f#resource-policy' }),
    eager: compilePolicy(document, { kind: 'identity', id: 'arn:aws:lambda:us-east-1:111111111111:function:f#resource-policy' }),
  };
}

/** A reference as the eager form writes it, with the other policy kind. */
const asEager = (ref: StatementRef) => ({ ...JSON.parse(JSON.stringify(ref)), policy: { ...ref.policy, kind: 'identity' } });

const FUNCTION = 'arn:aws:lambda:us-east-1:111111111111:function:f';

describe('a resource policy statement hashed on first read', () => {
  it('gets the hash, fields and JSON of one hashed at compile time, for every statement of a two-statement function policy', () => {
    const document = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'apigw', Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: FUNCTION, Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:execute-api:us-east-1:111111111111:abc/*' } } },
        { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::222222222222:root'] }, Action: ['lambda:InvokeFunction', 'lambda:GetFunction'], Resource: FUNCTION, Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 }, Bool: { 'aws:SecureTransport': true } } },
      ],
    } as PolicyDocumentInput;
    const { lazy, eager } = lazyAndEager(document);
    expect(lazy.statements.map((s) => s.ref.hash)).toEqual(eager.statements.map((s) => s.ref.hash));
    expect(lazy.statements.map((s) => asEager(s.ref))).toEqual(eager.statements.map((s) => JSON.parse(JSON.stringify(s.ref))));
    expect(lazy.statements.map((s) => s.ref.sid)).toEqual(['apigw', undefined]);
    expect('sid' in lazy.statements[1]!.ref).toBe(false);
    expect(new Set(lazy.statements.map((s) => s.ref.hash)).size).toBe(2);
  });

  it('gives statements equal up to key order, list form and duplicates one hash, and a number against its text two', () => {
    const a = { Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: FUNCTION, Condition: { StringEquals: { 'AWS:SourceAccount': '111111111111' } } };
    const b = { Condition: { StringEquals: { 'AWS:SourceAccount': ['111111111111', '111111111111'] } }, Resource: [FUNCTION], Action: ['lambda:InvokeFunction'], Principal: { Service: ['events.amazonaws.com'] }, Effect: 'Allow' };
    const c = { ...a, Condition: { StringEquals: { 'AWS:SourceAccount': 111111111111 } } };
    const hashes = [a, b, c].map((statement) => lazyAndEager({ Statement: [statement] } as PolicyDocumentInput).lazy.statements[0]!.ref.hash);
    expect(hashes[0]).toBe(hashes[1]);
    expect(hashes[2]).not.toBe(hashes[0]);
    const eager = [a, b, c].map((statement) => statementHash(statement as never));
    expect(hashes).toEqual(eager);
  });

  it('does not read the policy Version, and keeps a field outside the grammar in the hash', () => {
    const statement = { Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: FUNCTION };
    const versions = ['2012-10-17', '2008-10-17', undefined].map((Version) => lazyAndEager({ ...(Version ? { Version } : {}), Statement: [statement] } as PolicyDocumentInput).lazy.statements[0]!.ref.hash);
    expect(new Set(versions).size).toBe(1);
    const extra = lazyAndEager({ Statement: [{ ...statement, Note: 'x' }] } as unknown as PolicyDocumentInput);
    expect(extra.lazy.statements[0]!.ref.hash).toBe(extra.eager.statements[0]!.ref.hash);
    expect(extra.lazy.statements[0]!.ref.hash).not.toBe(versions[0]);
  });

  it('answers the same hash on every read', () => {
    const { lazy } = lazyAndEager({ Statement: { Effect: 'Deny', Principal: '*', NotAction: 'lambda:Get*', Resource: FUNCTION } } as PolicyDocumentInput);
    const ref = lazy.statements[0]!.ref;
    expect([ref.hash, ref.hash, JSON.parse(JSON.stringify(ref)).hash]).toEqual([ref.hash, ref.hash, ref.hash]);
  });
});

describe('every function policy of the demo and a generated organization', () => {
  const inputs = demoAndOrganization('lazy-ref', 300, (input) => input);
  for (const name of ['demo', 'organization']) {
    it(`${name}: each statement's hash is that of its raw statement in the snapshot`, () => {
      const input = inputs[name]!;
      const raw = functionPolicies(input.snapshot);
      const functions = buildFacts(input).resources.filter((r) => r.kind === 'lambda-function' && r.policy);
      expect(functions.length).toBeGreaterThan(0);
      for (const fn of functions) {
        const eager = compilePolicy(raw.get(fn.arn)!, { kind: 'identity', id: fn.policy!.source.id });
        expect(fn.policy!.statements.map((s) => s.ref.hash), fn.arn).toEqual(eager.statements.map((s) => s.ref.hash));
      }
    });
  }
});

/** Every function's policy document as the snapshot holds it, by function ARN. */
function functionPolicies(snapshot: { accounts: Array<{ regions: Record<string, { Lambda?: { Functions?: Array<{ FunctionArn: string; Policy?: unknown }> } }> }> }): Map<string, PolicyDocumentInput> {
  const found = new Map<string, PolicyDocumentInput>();
  for (const account of snapshot.accounts) {
    for (const region of Object.values(account.regions)) {
      for (const fn of region.Lambda?.Functions ?? []) if (fn.Policy) found.set(fn.FunctionArn, fn.Policy as PolicyDocumentInput);
    }
  }
  return found;
}
