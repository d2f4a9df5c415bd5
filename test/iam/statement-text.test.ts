/**
 * The canonical text a statement's hash is taken of (src/iam/statement-hash.ts) is written in one
 * pass; finding ids are built from the hash, so it must equal, byte for byte, the text of the
 * literal construction it replaced: the statement as an object with each set-valued field
 * turned into a sorted, de-duplicated list of its members' stable JSON, then serialized with
 * stableStringify. The literal construction is kept here as the reference.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDenseAccount, writeSnapshot } from '../../bench/generator/index.js';
import { compareStrings, shortHash, stableStringify } from '../../src/core/hash.js';
import { canonicalStatementText, statementHash } from '../../src/iam/statement-hash.js';
import type { PolicyStatementInput, PrincipalBlockInput } from '../../src/iam/types.js';
import { loadInputs } from '../../src/load/index.js';
import { forEachPolicy } from '../../src/snapshot/policy-locations.js';

const toList = (value: unknown): readonly unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** The reference: one-or-many values as a set of their stable JSON texts, sorted, without repeats. */
function asSet(value: unknown): unknown {
  if (value === undefined) return undefined;
  return [...new Set(toList(value).map((v) => stableStringify(v)))].sort(compareStrings);
}

/** The reference: the statement as a set-valued object, built literally. */
function referenceCanonical(statement: PolicyStatementInput): unknown {
  const principal = (block: PrincipalBlockInput | undefined) =>
    typeof block === 'object' && block !== null ? Object.fromEntries(Object.entries(block).map(([k, v]) => [k, asSet(v)])) : block;
  const condition = Object.fromEntries(
    Object.entries(statement.Condition ?? {}).map(([op, entries]) => [op, Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, asSet(v)]))]),
  );
  return {
    ...statement,
    Action: asSet(statement.Action),
    NotAction: asSet(statement.NotAction),
    Resource: asSet(statement.Resource),
    NotResource: asSet(statement.NotResource),
    Principal: principal(statement.Principal),
    NotPrincipal: principal(statement.NotPrincipal),
    Condition: statement.Condition === undefined ? undefined : condition,
  };
}

const referenceText = (statement: PolicyStatementInput) => stableStringify(referenceCanonical(statement));

/** The reference text, or the error it throws, as a comparable value. */
function outcome(make: () => string): { text: string } | { throws: string } {
  try {
    return { text: make() };
  } catch (error) {
    return { throws: (error as Error).constructor.name };
  }
}

// Short texts drawn from IAM's alphabet plus quotes, escapes and non-ASCII, so sorting and JSON escaping are exercised.
const text = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9*?:/${}-]{0,10}$/),
  fc.constantFrom('s3:GetObject', 's3:getobject', 'S3:*', '*', '"', '\\', 'é', '\u2028', 'a"b', ''),
  fc.string({ maxLength: 6, unit: 'binary' }),
);
const oneOrMany = <T>(item: fc.Arbitrary<T>) => fc.oneof(item, fc.array(item, { maxLength: 5 }));
const conditionValue = oneOrMany(fc.oneof(text, fc.boolean(), fc.integer(), fc.double({ noNaN: true })));
const principalBlock = fc.oneof(
  fc.constant('*'),
  fc.record({ AWS: oneOrMany(text), Service: oneOrMany(text), Federated: oneOrMany(text), CanonicalUser: oneOrMany(text) }, { requiredKeys: [] }),
);
const fieldNames = fc.constantFrom('Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition', 'Extra', 'a', 'Z', '__proto__');

/** Statements as the schema admits them, with every optional field, repeats and odd text. */
const statementArb: fc.Arbitrary<PolicyStatementInput> = fc.record(
  {
    Sid: text,
    Effect: fc.constantFrom('Allow', 'Deny'),
    Action: oneOrMany(text),
    NotAction: oneOrMany(text),
    Resource: oneOrMany(text),
    NotResource: oneOrMany(text),
    Principal: principalBlock,
    NotPrincipal: principalBlock,
    Condition: fc.dictionary(text, fc.dictionary(text, conditionValue, { maxKeys: 3 }), { maxKeys: 3 }),
    Extra: fc.jsonValue({ maxDepth: 2 }),
  },
  { requiredKeys: ['Effect'] },
) as fc.Arbitrary<PolicyStatementInput>;

/** Any JSON object, keyed by statement field names or not: the serializer must agree on input the schema would refuse, too. */
const anyObject = fc.dictionary(fieldNames, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }) as unknown as fc.Arbitrary<PolicyStatementInput>;

/** Every statement of every policy document of a loaded snapshot. */
function statementsOf(snapshot: unknown): PolicyStatementInput[] {
  const found: PolicyStatementInput[] = [];
  forEachPolicy(snapshot, (document) => {
    const statement = (document as { Statement?: unknown }).Statement;
    for (const s of toList(statement)) found.push(s as PolicyStatementInput);
  });
  return found;
}

describe('canonical statement text', () => {
  it('equals the literal construction on statements the schema admits', () => {
    fc.assert(
      fc.property(statementArb, (statement) => {
        expect(canonicalStatementText(statement)).toBe(referenceText(statement));
        expect(statementHash(statement)).toBe(shortHash(referenceText(statement)));
      }),
      { numRuns: 2000 },
    );
  });

  it('equals the literal construction, or throws as it does, on any JSON object', () => {
    fc.assert(
      fc.property(anyObject, (statement) => {
        expect(outcome(() => canonicalStatementText(statement))).toEqual(outcome(() => referenceText(statement)));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps set semantics: member order, repeats and a lone value without brackets do not matter', () => {
    const a = { Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject', 's3:GetObject'], Resource: 'arn:aws:s3:::b/*' } as PolicyStatementInput;
    const b = { Resource: ['arn:aws:s3:::b/*'], Action: ['s3:GetObject', 's3:PutObject'], Effect: 'Allow' } as PolicyStatementInput;
    expect(statementHash(a)).toBe(statementHash(b));
    expect(statementHash({ ...b, Action: ['s3:GetObject'] } as PolicyStatementInput)).not.toBe(statementHash(b));
  });

  describe('on every statement of the demo and of generated organizations', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'blastpath-statement-text-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    const check = (statements: readonly PolicyStatementInput[]) => {
      const differing = statements.filter((s) => canonicalStatementText(s) !== referenceText(s));
      expect(differing).toEqual([]);
    };

    it('the demo', async () => {
      const { snapshot } = await loadInputs(['fixtures/demo']);
      const statements = statementsOf(snapshot);
      expect(statements.length).toBeGreaterThan(100);
      check(statements);
    });

    it('size S (1,000 roles, 5 accounts) and a dense account', async () => {
      const org = join(dir, 'org.json');
      await writeSnapshot(org, { roles: 1000, accounts: 5, seed: '1' });
      const dense = join(dir, 'dense.json');
      await writeDenseAccount(dense, { principals: 300, seed: '1' });
      for (const [file, least] of [[org, 5000], [dense, 150]] as const) {
        const statements = statementsOf((await loadInputs([file])).snapshot);
        expect(statements.length).toBeGreaterThan(least);
        check(statements);
      }
    }, 60_000);
  });
});
