import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { SCHEMA_VERSION, snapshotJsonSchema, validateSnapshot } from '../../src/snapshot/index.js';

const base = { schemaVersion: 1, collectedAt: '2025-01-01T00:00:00Z', tool: { name: 'blastpath', version: '0.1.0' } };
const trust = (statement: unknown) => ({
  ...base,
  accounts: [
    {
      accountId: '111111111111',
      iam: { AuthorizationDetails: { RoleDetailList: [{ RoleName: 'r', Arn: 'arn:aws:iam::111111111111:role/r', AssumeRolePolicyDocument: { Statement: statement } }] } },
    },
  ],
});
const TRUST = 'accounts[0].iam.AuthorizationDetails.RoleDetailList[0].AssumeRolePolicyDocument';

function failure(data: unknown): InputError {
  try {
    validateSnapshot(data, 'snap.json');
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected validation to fail');
}

describe('validateSnapshot', () => {
  it('applies the defaults of format v1', () => {
    const snapshot = validateSnapshot({ ...base, accounts: [{ accountId: '111111111111', iam: { AuthorizationDetails: {} } }] }, 'snap.json');
    expect(snapshot.coverage).toEqual([]);
    expect(snapshot.accounts[0]).toMatchObject({ partition: 'aws', regions: {} });
    expect(snapshot.accounts[0]!.iam!.AuthorizationDetails).toEqual({ UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] });
    expect(SCHEMA_VERSION).toBe(1);
  });

  it('keeps fields it does not read', () => {
    const snapshot = validateSnapshot({ ...base, accounts: [{ accountId: '111111111111', futureField: { a: 1 } }], extra: true }, 'snap.json');
    expect(snapshot.accounts[0]).toHaveProperty('futureField', { a: 1 });
    expect(snapshot).toHaveProperty('extra', true);
  });

  const cases: { name: string; data: unknown; where: string; expected: string }[] = [
    { name: 'not an object', data: [], where: '(root)', expected: 'expected object, received an array' },
    { name: 'missing tool', data: { ...base, tool: undefined, accounts: [] }, where: 'tool', expected: 'expected object' },
    { name: 'bad timestamp', data: { ...base, collectedAt: 'yesterday', accounts: [] }, where: 'collectedAt', expected: 'datetime' },
    { name: 'unknown partition', data: { ...base, accounts: [{ accountId: '111111111111', partition: 'aws-moon' }] }, where: 'accounts[0].partition', expected: 'expected one of' },
    {
      name: 'statement with Action and NotAction',
      data: trust([{ Effect: 'Allow', Action: 'a:b', NotAction: 'c:d' }]),
      where: `${TRUST}.Statement[0]`,
      expected: 'expected exactly one of Action or NotAction',
    },
    {
      name: 'principal with an unknown type',
      data: trust({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Robot: 'x' } }),
      where: `${TRUST}.Statement.Principal`,
      expected: 'Robot',
    },
    {
      name: 'unknown coverage outcome',
      data: { ...base, accounts: [], coverage: [{ accountId: '111111111111', service: 's3', operation: 'ListBuckets', outcome: 'maybe' }] },
      where: 'coverage[0].outcome',
      expected: 'expected one of',
    },
  ];

  it.each(cases)('$name -> file and JSON path', ({ data, where, expected }) => {
    const error = failure(data);
    expect(error.where).toBe(`snap.json: ${where}`);
    expect(error.expected).toContain(expected);
  });
});

describe('snapshotJsonSchema', () => {
  it('describes the input side of format v1', () => {
    const schema = snapshotJsonSchema() as { type: string; required: string[]; properties: Record<string, unknown> };
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['schemaVersion', 'collectedAt', 'tool', 'accounts', 'coverage']));
    // Inputs may omit defaulted fields such as coverage.
    expect(schema.required).not.toContain('coverage');
  });
});
