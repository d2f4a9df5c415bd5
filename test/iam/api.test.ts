import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { indexOfPolicies } from '../../src/iam/action-index.js';
import { compilePolicy, evaluate, statementHash, matchesPattern, mayAllowAction, principalMatches, type PolicyStatementInput, type RequestPrincipal } from '../../src/iam/index.js';
import { PolicyDocument } from '../../src/snapshot/policy-document.js';
import { ACCT, alice, allow, anonymous, appRole, bob, deny, githubOidc, identityPolicy, lambdaService, OTHER, otherRoot, outsider, policy, request, summary } from './helpers.js';

describe('compilePolicy', () => {
  it('normalizes one-or-many fields, lower-cases actions and extracts services', () => {
    const compiled = compilePolicy(
      { Statement: { Sid: 'S', Effect: 'Allow', Action: ['S3:GetObject', 'S3:Put*', 'iam:PassRole'], Resource: 'arn:aws:s3:::Data/*' } },
      { kind: 'identity', id: 'p' },
    );
    expect(compiled.statements).toHaveLength(1);
    expect(compiled.statements[0]).toMatchObject({
      ref: { policy: { kind: 'identity', id: 'p' }, index: 0, sid: 'S' },
      effect: 'Allow',
      notAction: false,
      notResource: false,
      actions: ['s3:getobject', 's3:put*', 'iam:passrole'],
      resources: ['arn:aws:s3:::Data/*'],
      services: ['iam', 's3'],
      conditions: [],
    });
  });

  it('puts NotAction, `*` and wildcard-prefixed actions in the any-service bucket; absent Resource is `*`', () => {
    const compiled = policy('trust', 't', { Effect: 'Allow', NotAction: 'iam:*', Principal: '*' }, { Effect: 'Allow', Action: ['*'] }, { Effect: 'Allow', Action: 's*:Get*' });
    expect(compiled.statements.map((s) => s.services)).toEqual([['*'], ['*'], ['*']]);
    expect(compiled.statements[0]!.resources).toEqual(['*']);
    expect(compiled.statements[0]!.principal).toEqual({ not: false, values: '*' });
  });

  it('splits conditions into clauses with lower-cased keys and text values', () => {
    const compiled = policy('identity', 'p', allow('s3:*', '*', { Condition: { Bool: { 'aws:SecureTransport': false }, NumericLessThan: { 's3:max-keys': [10, 20] } } }));
    expect(compiled.statements[0]!.conditions).toEqual([
      { operator: 'Bool', key: 'aws:securetransport', values: ['false'], keyAsWritten: 'aws:SecureTransport' },
      { operator: 'NumericLessThan', key: 's3:max-keys', values: ['10', '20'], keyAsWritten: 's3:max-keys' },
    ]);
  });

  it('hashes each statement by its content, reading one-or-many values as sets', () => {
    const statement: PolicyStatementInput = { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: '*' };
    const reordered: PolicyStatementInput = { Resource: ['*'], Action: ['s3:PutObject', 's3:GetObject'], Effect: 'Allow' };
    expect(policy('identity', 'p', statement).statements[0]!.ref.hash).toBe(statementHash(statement));
    expect(statementHash(reordered)).toBe(statementHash(statement));
    expect(statementHash({ ...statement, Resource: 'arn:aws:s3:::data/*' })).not.toBe(statementHash(statement));
  });

  it.each([
    ['Effect missing', { Action: 's3:*' }, 'p: Statement[0].Effect'],
    ['both Action and NotAction', { Effect: 'Allow', Action: 's3:*', NotAction: 'iam:*' }, 'p: Statement[0]'],
    ['neither Action nor NotAction', { Effect: 'Allow', Resource: '*' }, 'p: Statement[0]'],
    ['both Resource and NotResource', { Effect: 'Allow', Action: '*', Resource: '*', NotResource: 'x' }, 'p: Statement[0]'],
    ['a non-string action', { Effect: 'Allow', Action: [42] }, 'p: Statement[0]'],
  ])('rejects a statement with %s as an InputError naming where', (_title, statement, where) => {
    const run = () => compilePolicy({ Statement: [statement as unknown as PolicyStatementInput] }, { kind: 'identity', id: 'p' });
    expect(run).toThrow(InputError);
    expect(run).toThrow(expect.objectContaining({ where }));
  });

  it('accepts the snapshot PolicyDocument type and its encodings unchanged', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': true } } } });
    const fromSnapshot: PolicyDocument = PolicyDocument.parse(encodeURIComponent(text));
    const compiled = compilePolicy(fromSnapshot, { kind: 'identity', id: 'p' });
    const result = evaluate(request({ context: { 'aws:securetransport': ['true'] } }), { identity: [compiled] });
    expect(result.decision).toBe('allowed');
  });
});

describe('provenance: allowedBy and deniedBy refs', () => {
  const s0: PolicyStatementInput = { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' };
  const s1: PolicyStatementInput = { Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: '*' };
  const s2: PolicyStatementInput = { Sid: 'Other', Effect: 'Allow', Action: 'ec2:*', Resource: '*' };

  it('cites every applicable Allow, sorted by policy id then index, with sid and hash', () => {
    const result = evaluate(request(), { identity: [identityPolicy('b', s2, s1), identityPolicy('a', s0)] });
    expect(result.allowedBy.map((r) => [r.policy.id, r.index, r.sid, r.hash])).toEqual([
      ['a', 0, 'Read', statementHash(s0)],
      ['b', 1, undefined, statementHash(s1)],
    ]);
  });

  it('cites every applicable explicit Deny with its Sid', () => {
    const p = identityPolicy('p', allow('*'), deny('s3:*', '*', { Sid: 'NoS3' }), deny('*', 'arn:aws:s3:::data/*', { Sid: 'NoData' }));
    expect(evaluate(request(), { identity: [p] }).deniedBy.map((r) => [r.index, r.sid])).toEqual([[1, 'NoS3'], [2, 'NoData']]);
  });

  it('keeps statement hashes stable when statements are reordered; indexes follow position', () => {
    const forward = evaluate(request(), { identity: [identityPolicy('p', s0, s1, s2)] });
    const backward = evaluate(request(), { identity: [identityPolicy('p', s2, s1, s0)] });
    expect(new Set(forward.allowedBy.map((r) => r.hash))).toEqual(new Set(backward.allowedBy.map((r) => r.hash)));
    expect(forward.allowedBy.map((r) => r.index)).toEqual([0, 1]);
    expect(backward.allowedBy.map((r) => r.index)).toEqual([1, 2]);
  });

  it('hashes a statement the same whatever the key order of its JSON', () => {
    const reordered = { Resource: 'arn:aws:s3:::data/*', Action: 's3:GetObject', Effect: 'Allow', Sid: 'Read' } as PolicyStatementInput;
    expect(policy('identity', 'p', reordered).statements[0]!.ref.hash).toBe(policy('identity', 'p', s0).statements[0]!.ref.hash);
  });

  it('does not cite a permissions boundary as granting', () => {
    const result = evaluate(request(), { identity: [identityPolicy('p', s0)], boundary: policy('boundary', 'b', allow('*')) });
    expect(summary(result)).toMatchObject({ decision: 'allowed', allowedBy: ['p#0'] });
  });
});

describe('decision independence', () => {
  const statements: PolicyStatementInput[] = [
    allow('s3:*', '*', { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }),
    deny('s3:PutObject'),
    allow(['s3:GetObject'], ['arn:aws:s3:::data/*']),
    deny(['iam:*'], ['*']),
  ];
  const encodings: Array<[string, PolicyStatementInput[]]> = [
    ['as written', statements],
    ['reversed', [...statements].reverse()],
    ['single values instead of one-element arrays', statements.map((s) => ({ ...s, Action: [s.Action].flat()[0], Resource: [s.Resource].flat()[0] }) as PolicyStatementInput)],
    ['split over two policies', statements],
  ];
  const baseline = (action: string) => summary(evaluate(request({ action }), { identity: [identityPolicy('p', ...statements)] }));

  it.each(encodings)('gives the same decisions when statements are %s', (title, list) => {
    const identity = title === 'split over two policies' ? [identityPolicy('p', ...list.slice(0, 2)), identityPolicy('q', ...list.slice(2))] : [identityPolicy('p', ...list)];
    for (const action of ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 'iam:PassRole']) {
      const result = summary(evaluate(request({ action }), { identity }));
      const expected = baseline(action);
      expect([action, result.decision, result.denyReason, result.residualKeys]).toEqual([action, expected.decision, expected.denyReason, expected.residualKeys]);
    }
  });
});

describe('mayAllowAction', () => {
  const policies = [identityPolicy('p', allow('s3:Get*'), deny('iam:*')), identityPolicy('q', { Effect: 'Allow', NotAction: 'ec2:*', Resource: '*' })];
  it.each([
    ['s3:GetObject', true, 'an Allow pattern in the service bucket matches'],
    ['iam:PassRole', true, 'a NotAction Allow in the any-service bucket matches (Deny is not considered)'],
    ['ec2:RunInstances', false, 'NotAction excludes the listed service'],
  ])('%s -> %s: %s', (action, expected) => {
    expect(mayAllowAction(policies, action)).toBe(expected);
  });
  it('ignores Deny statements and is case-insensitive', () => {
    expect(mayAllowAction([identityPolicy('d', deny('*'))], 's3:GetObject')).toBe(false);
    expect(mayAllowAction([identityPolicy('a', allow('SageMaker:CreateTrainingJob'))], 'sagemaker:createtrainingjob')).toBe(true);
  });
});

describe('matchesPattern', () => {
  it.each([
    ['s3:Get*', 's3:GetObject', false, true],
    ['s3:get*', 's3:GetObject', false, false],
    ['s3:get*', 's3:GetObject', true, true],
    ['arn:aws:s3:::a?c', 'arn:aws:s3:::abc', false, true],
    ['arn:aws:s3:::a?c', 'arn:aws:s3:::abbc', false, false],
    ['*', '', false, true],
    ['a.b(c)+', 'a.b(c)+', false, true],
    ['a.b', 'axb', false, false],
  ])('%s vs %s (caseInsensitive %s) -> %s', (pattern, value, caseInsensitive, expected) => {
    expect(matchesPattern(pattern, value, { caseInsensitive })).toBe(expected);
  });

  it.each([
    // `prefix*` takes a prefix test instead of a regular expression: same answers.
    ['arn:aws:lambda:us-east-1:111111111111:function:app-*', 'arn:aws:lambda:us-east-1:111111111111:function:app-', false, true],
    ['arn:aws:lambda:us-east-1:111111111111:function:app-*', 'arn:aws:lambda:us-east-1:111111111111:function:App-x', false, false],
    ['arn:aws:lambda:us-east-1:111111111111:function:app-*', 'arn:aws:lambda:us-east-1:111111111111:function:ap', false, false],
    ['s3:Get*', 'S3:GETOBJECT', true, true],
    ['s3:Get*', 's3:Ge', true, false],
    ['a*', 'a\nb', false, true],
    ['a*b*', 'axxbyy', false, true],
    ['a?*', 'a', false, false],
  ])('prefix pattern %s vs %s (caseInsensitive %s) -> %s', (pattern, value, caseInsensitive, expected) => {
    expect(matchesPattern(pattern, value, { caseInsensitive })).toBe(expected);
  });

  it('agrees with a reference regular expression on generated patterns and values', () => {
    const alphabet = fc.constantFrom('a', 'B', ':', '/', '-', '.');
    const text = fc.array(alphabet, { maxLength: 6 }).map((chars) => chars.join(''));
    const pattern = fc.tuple(text, fc.constantFrom('', '*', '?', '*x*')).map(([head, tail]) => head + tail);
    const reference = (glob: string, value: string, insensitive: boolean) =>
      new RegExp(`^${[...glob].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.\\/-]/g, '\\$&'))).join('')}$`, insensitive ? 'is' : 's').test(value);
    fc.assert(
      fc.property(pattern, text, fc.boolean(), (glob, value, insensitive) => {
        expect(matchesPattern(glob, value, { caseInsensitive: insensitive })).toBe(reference(glob, value, insensitive));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('principalMatches', () => {
  const stmt = (block: object, not = false) =>
    policy('resource', 'r', { Effect: not ? 'Deny' : 'Allow', Action: '*', Resource: '*', [not ? 'NotPrincipal' : 'Principal']: block } as PolicyStatementInput).statements[0]!;
  const cases: Array<[string, object, RequestPrincipal, boolean, boolean?]> = [
    ['"*" matches anonymous callers', { AWS: '*' }, anonymous, true],
    ['"*" matches services', { AWS: '*' }, lambdaService, true],
    ['account id matches a user of that account', { AWS: ACCT }, alice, true],
    ['account root ARN matches a role of that account', { AWS: `arn:aws:iam::${ACCT}:root` }, appRole, true],
    ['account id does not match another account', { AWS: OTHER }, alice, false],
    ['account id matches that account root', { AWS: OTHER }, otherRoot, true],
    ['exact user ARN matches that user only', { AWS: alice.arn }, bob, false],
    ['assumed-role session ARN matches the role', { AWS: `arn:aws:sts::${ACCT}:assumed-role/AppRole/ci` }, appRole, true],
    ['assumed-role session ARN of another role does not match', { AWS: `arn:aws:sts::${ACCT}:assumed-role/Other/*` }, appRole, false],
    ['role ARN does not match a role of the same name elsewhere', { AWS: appRole.arn }, outsider, false],
    ['Service matches by name, case-insensitively', { Service: 'Lambda.amazonaws.com' }, lambdaService, true],
    ['Service does not match IAM users', { Service: 'lambda.amazonaws.com' }, alice, false],
    ['Federated matches the provider ARN', { Federated: githubOidc.arn }, githubOidc, true],
    ['Federated matches cognito-identity by name', { Federated: 'cognito-identity.amazonaws.com' }, { arn: 'cognito-identity.amazonaws.com', type: 'federated' }, true],
    ['NotPrincipal inverts: a listed user with its account is exempt', { AWS: [alice.arn, ACCT] }, alice, false, true],
    ['NotPrincipal inverts: an unlisted user matches', { AWS: [alice.arn, ACCT] }, bob, true, true],
    ['NotPrincipal inverts: anonymous callers match unless "*" is listed', { AWS: ACCT }, anonymous, true, true],
  ];
  it.each(cases)('%s', (_title, block, principal, expected, not) => {
    expect(principalMatches(stmt(block, not), principal)).toBe(expected);
  });
  it('a statement without Principal (identity policy) matches its owner', () => {
    expect(principalMatches(policy('identity', 'p', allow('*')).statements[0]!, alice)).toBe(true);
  });
});

describe('action index', () => {
  it('is built once per identity array and reused by later evaluations', () => {
    const identity = [identityPolicy('p', allow('s3:GetObject')), identityPolicy('q', allow('ec2:*'))];
    const first = indexOfPolicies(identity);
    expect(evaluate(request(), { identity }).decision).toBe('allowed');
    expect(indexOfPolicies(identity)).toBe(first);
    expect(indexOfPolicies([...identity])).not.toBe(first);
  });

  it('offers only statements of the action service plus the any-service bucket', () => {
    const p = identityPolicy('p', allow('s3:GetObject'), allow('ec2:*'), { Effect: 'Deny', NotAction: 'iam:*', Resource: '*' }, allow('*'));
    const indexes = (service: string) => indexOfPolicies([p]).candidates(service).map((st) => st.ref.index).sort();
    expect(indexes('s3')).toEqual([0, 2, 3]);
    expect(indexes('sagemaker')).toEqual([2, 3]);
  });
});
