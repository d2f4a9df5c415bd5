/**
 * A compiled statement's content hash is computed when the policy is compiled, so the raw
 * statement is not kept alive by the compiled policy (src/iam/compile.ts): the hash equals
 * statementHash of the statement as it was written, and the raw statement can be collected.
 */
import fc from 'fast-check';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { compilePolicy, statementHash } from '../../src/iam/index.js';
import type { PolicyStatementInput } from '../../src/iam/types.js';

/** A full garbage collection, asked of V8 from inside the test (no node flag needed). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const word = fc.stringMatching(/^[A-Za-z0-9*?:/-]{1,12}$/);
const oneOrMany = fc.oneof(word, fc.array(word, { minLength: 1, maxLength: 4 }));

const statementArb: fc.Arbitrary<PolicyStatementInput> = fc
  .record(
    {
      Sid: word,
      Effect: fc.constantFrom('Allow', 'Deny'),
      notAction: fc.boolean(),
      actions: oneOrMany,
      resource: fc.option(fc.record({ not: fc.boolean(), values: oneOrMany }), { nil: undefined }),
      principal: fc.option(fc.oneof(fc.constant('*' as const), fc.record({ AWS: oneOrMany }, { requiredKeys: [] })), { nil: undefined }),
      condition: fc.option(fc.dictionary(fc.constantFrom('StringEquals', 'StringLike', 'Bool'), fc.dictionary(word, oneOrMany, { maxKeys: 2 }), { maxKeys: 2 }), {
        nil: undefined,
      }),
    },
    { requiredKeys: ['Effect', 'notAction', 'actions'] },
  )
  .map(({ Sid, Effect, notAction, actions, resource, principal, condition }) => ({
    ...(Sid !== undefined ? { Sid } : {}),
    Effect,
    ...(notAction ? { NotAction: actions } : { Action: actions }),
    ...(resource ? (resource.not ? { NotResource: resource.values } : { Resource: resource.values }) : {}),
    ...(principal !== undefined ? { Principal: principal } : {}),
    ...(condition !== undefined ? { Condition: condition } : {}),
  }) as PolicyStatementInput);

describe('statement hashes computed at compile time', () => {
  it('equal statementHash of the statement as written, and do not follow later changes to the input', () => {
    fc.assert(
      fc.property(fc.array(statementArb, { minLength: 1, maxLength: 4 }), (statements) => {
        const written = structuredClone(statements);
        const policy = compilePolicy({ Version: '2012-10-17', Statement: statements }, { kind: 'identity', id: 'p' });
        // Changing the input after compilation would change a hash computed on first read.
        for (const statement of statements) (statement as { Sid?: string }).Sid = `${statement.Sid ?? ''}-changed`;
        expect(policy.statements.map((s) => s.ref.hash)).toEqual(written.map((s) => statementHash(s)));
      }),
      { numRuns: 300 },
    );
  });

  it('let the raw statements be collected while the compiled policy lives', async () => {
    const document = { Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Action: ['S3:GetObject'], Resource: 'arn:aws:s3:::data/*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }] };
    const raw = new WeakRef(document.Statement[0]!);
    const policy = compilePolicy(document as never, { kind: 'identity', id: 'p' });
    document.Statement = [];
    // A WeakRef holds its target until the current job ends.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    expect(raw.deref()).toBeUndefined();
    expect(policy.statements[0]!.ref.hash).toMatch(/^[0-9a-f]{16}$/);
  });
});
