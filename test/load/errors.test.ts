import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/load/index.js';
import { FIXTURES, gaadFor, inputError, snapshotFor, tempFiles } from './helpers.js';

/** line:column just after the last non-blank character, where a truncated file stops. */
function endOf(text: string): string {
  const lines = text.trimEnd().split('\n');
  return `${lines.length}:${lines[lines.length - 1]!.length + 1}`;
}

describe('bad fixture files', () => {
  const truncated = readFileSync(join(FIXTURES, 'gaad-truncated.json'), 'utf8');
  const cases = [
    { file: 'gaad-bad-type.json', where: 'gaad-bad-type.json: RoleDetailList[1].RoleName', expected: 'expected string, received number' },
    { file: 'gaad-truncated.json', where: `gaad-truncated.json:${endOf(truncated)}`, expected: 'truncated' },
    {
      file: 'not-aws.json',
      where: 'not-aws.json: (root)',
      expected: 'expected a blastpath snapshot (schemaVersion) or the output of aws iam get-account-authorization-details',
    },
  ];
  it.each(cases)('$file', async ({ file, where, expected }) => {
    const error = await inputError(() => loadInputs([join(FIXTURES, file)]));
    expect(error.where).toBe(join(FIXTURES, where));
    expect(error.expected).toContain(expected);
  });
});

const badStatement = { Effect: 'Allow', Action: 7 };
const role = (doc: unknown) => ({ RoleName: 'r', Arn: 'arn:aws:iam::111111111111:role/r', AssumeRolePolicyDocument: doc });

/** Each case: file contents, and the `where` (after the file name) and a fragment of `expected`. */
const CASES: { name: string; content: unknown; where: string; expected: string }[] = [
  { name: 'empty file', content: '', where: ': (root)', expected: 'the file is empty' },
  { name: 'blank file', content: ' \n\n ', where: ': (root)', expected: 'the file is empty' },
  { name: 'trailing comma', content: '{\n  "a": 1,\n}', where: ':3:1', expected: 'double-quoted property name' },
  { name: 'single quotes', content: "{'a': 1}", where: ':1:2', expected: 'double-quoted property name' },
  { name: 'missing comma', content: '[1\n 2]', where: ':2:2', expected: "expected ',' or ']'" },
  { name: 'bare word', content: '{"a": tru}', where: ':1:10', expected: 'expected true' },
  { name: 'raw line break in string', content: '{"a": "x\ny"}', where: ':1:9', expected: 'control character' },
  { name: 'text after value', content: '{}\n{}', where: ':2:1', expected: 'after the end of the JSON value' },
  { name: 'truncated string', content: '{"UserDetailList": [{"UserName": "al', where: ':1:37', expected: 'truncated' },
  { name: 'array root', content: [1, 2], where: ': (root)', expected: 'expected a blastpath snapshot' },
  { name: 'string root', content: '"hello"', where: ': (root)', expected: 'expected a blastpath snapshot' },
  { name: 'unrelated object', content: { Items: [] }, where: ': (root)', expected: 'get-account-authorization-details' },
  {
    name: 'GAAD list of wrong type',
    content: { UserDetailList: 'alice' },
    where: ': UserDetailList',
    expected: 'expected array, received string',
  },
  {
    name: 'GAAD policy statement with a numeric action',
    content: { RoleDetailList: [role({ Statement: badStatement })] },
    where: ': RoleDetailList[0].AssumeRolePolicyDocument.Statement.Action',
    expected: 'expected string or array',
  },
  {
    name: 'GAAD URL-encoded document that is not JSON',
    content: { RoleDetailList: [role('%7Bnot-json')] },
    where: ': RoleDetailList[0].AssumeRolePolicyDocument',
    expected: 'expected a policy document',
  },
  {
    name: 'GAAD from two accounts',
    content: { ...gaadFor('111111111111'), GroupDetailList: [{ GroupName: 'g', Arn: 'arn:aws:iam::222222222222:group/g' }] },
    where: ': GroupDetailList[0].Arn',
    expected: 'expected account 111111111111 like UserDetailList[0].Arn, received 222222222222',
  },
  {
    name: 'GAAD with only AWS managed policies',
    content: {
      Policies: [
        {
          PolicyName: 'AdministratorAccess',
          Arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
          PolicyVersionList: [{ Document: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, IsDefaultVersion: true }],
        },
      ],
    },
    where: ': (root)',
    expected: 'to tell which account',
  },
  {
    name: 'GAAD mixing partitions',
    content: { ...gaadFor('111111111111'), GroupDetailList: [{ GroupName: 'g', Arn: 'arn:aws-cn:iam::111111111111:group/g' }] },
    where: ': GroupDetailList[0].Arn',
    expected: 'expected partition aws like UserDetailList[0].Arn, received aws-cn',
  },
  {
    name: 'GAAD with an ARN that is not one',
    content: { UserDetailList: [{ UserName: 'u', Arn: 'user/u' }] },
    where: ': UserDetailList[0].Arn',
    expected: 'expected an ARN',
  },
  {
    name: 'snapshot with a short account id',
    content: snapshotFor('12345'),
    where: ': accounts[0].accountId',
    expected: 'expected a 12-digit AWS account id',
  },
  {
    name: 'snapshot with a bad statement deep inside',
    content: snapshotFor('111111111111', {
      iam: { AuthorizationDetails: { RoleDetailList: [role({ Statement: [{ Effect: 'Maybe', Action: '*' }] })] } },
    }),
    where: ': accounts[0].iam.AuthorizationDetails.RoleDetailList[0].AssumeRolePolicyDocument.Statement[0].Effect',
    expected: 'expected one of',
  },
  {
    name: 'snapshot with a bad region name',
    content: snapshotFor('111111111111', { regions: { 'US-EAST-1': {} } }),
    where: ': accounts[0].regions.US-EAST-1',
    expected: 'expected an AWS region name',
  },
  {
    name: 'snapshot with one account twice',
    content: { ...snapshotFor('111111111111'), accounts: [{ accountId: '111111111111' }, { accountId: '111111111111' }] },
    where: ': accounts[1].accountId',
    expected: 'also accounts[0]',
  },
  {
    name: 'snapshot from a newer format',
    content: { ...snapshotFor('111111111111'), schemaVersion: 2 },
    where: ': schemaVersion',
    expected: 'expected 1, received 2',
  },
  {
    name: 'snapshot without collectedAt',
    content: { ...snapshotFor('111111111111'), collectedAt: undefined },
    where: ': collectedAt',
    expected: 'expected string',
  },
];

describe('bad inputs name the file and the exact JSON path', () => {
  it.each(CASES)('$name', async ({ content, where, expected }) => {
    const dir = await tempFiles({ 'input.json': content });
    const file = join(dir, 'input.json');
    const error = await inputError(() => loadInputs([file]));
    expect(error.where).toBe(`${file}${where}`);
    expect(error.expected).toContain(expected);
  });
});

describe('unreadable inputs', () => {
  const injected = (code: string) => async () => {
    throw Object.assign(new Error(`${code}: simulated`), { code });
  };
  const cases = [
    { code: 'EACCES', reason: 'permission denied' },
    { code: 'EISDIR', reason: 'it is a directory' },
    { code: 'ENOENT', reason: 'no such file or directory' },
  ];
  it.each(cases)('$code -> cannot read', async ({ code, reason }) => {
    const error = await inputError(() => loadInputs(['/nowhere/input.json'], { readFile: injected(code) }));
    expect([error.where, error.expected]).toEqual(['/nowhere/input.json: cannot read', reason]);
    expect(error.message).toBe(`/nowhere/input.json: cannot read: ${reason}`);
  });

  it('a missing file on disk', async () => {
    const dir = await tempFiles({});
    const error = await inputError(() => loadInputs([join(dir, 'missing.json')]));
    expect(error.message).toBe(`${join(dir, 'missing.json')}: cannot read: no such file or directory`);
  });

  it('a .gz file that is not gzip', async () => {
    const dir = await tempFiles({});
    const file = join(dir, 'plain.json.gz');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(file, '{}');
    const error = await inputError(() => loadInputs([file]));
    expect(error.where).toBe(`${file}: (root)`);
    expect(error.expected).toContain('expected gzip-compressed JSON');
  });

  it('no inputs at all', async () => {
    const error = await inputError(() => loadInputs([]));
    expect(error.expected).toContain('at least one input');
  });

  it('a directory without JSON files', async () => {
    const dir = await tempFiles({ 'notes.txt': 'hello' });
    const error = await inputError(() => loadInputs([dir]));
    expect(error.where).toBe(dir);
  });
});

describe('error messages never quote input values', () => {
  it('a JSON syntax error near a secret does not repeat it', async () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const dir = await tempFiles({ 'input.json': `{"AWS_SECRET_ACCESS_KEY": "${secret}" oops}` });
    const error = await inputError(() => loadInputs([join(dir, 'input.json')]));
    expect(error.message).not.toContain(secret);
    expect(error.where).toBe(`${join(dir, 'input.json')}:1:70`);
  });
});

describe('very deep nesting', () => {
  it('still fails with an InputError naming the file', async () => {
    const dir = await tempFiles({ 'deep.json': `${'['.repeat(200_000)}1` });
    const error = await inputError(() => loadInputs([join(dir, 'deep.json')]));
    expect(error.where.startsWith(join(dir, 'deep.json'))).toBe(true);
    expect(error.expected).toContain('expected valid JSON');
  });
});
