import { describe, expect, it } from 'vitest';
import { evaluate, type ConditionBlockInput, type Decision, type RequestPrincipal } from '../../src/iam/index.js';
import { alice, allow, deny, identityPolicy, request, summary } from './helpers.js';

interface Case {
  title: string;
  condition: ConditionBlockInput;
  context?: Record<string, string[] | null>;
  principal?: RequestPrincipal;
  decision: Decision;
}

const ROLE_ARN = 'arn:aws:iam::111111111111:role/app/AppRole';
const cases: Case[] = [
  // String operators.
  { title: 'StringEquals: equal value is true', condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } }, context: { 'aws:resourcetag/env': ['prod'] }, decision: 'allowed' },
  { title: 'StringEquals: different value is false', condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } }, context: { 'aws:resourcetag/env': ['dev'] }, decision: 'denied' },
  { title: 'StringEquals: comparison is case-sensitive', condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } }, context: { 'aws:resourcetag/env': ['PROD'] }, decision: 'denied' },
  { title: 'StringEquals: unknown key leaves the allow conditional', condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } }, decision: 'conditional' },
  { title: 'StringEquals: known-absent key is false', condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } }, context: { 'aws:resourcetag/env': null }, decision: 'denied' },
  { title: 'StringEquals: multiple values under one key are OR', condition: { StringEquals: { 'aws:ResourceTag/env': ['dev', 'prod'] } }, context: { 'aws:resourcetag/env': ['prod'] }, decision: 'allowed' },
  { title: 'StringNotEquals: different value is true', condition: { StringNotEquals: { 'aws:ResourceTag/env': 'prod' } }, context: { 'aws:resourcetag/env': ['dev'] }, decision: 'allowed' },
  { title: 'StringNotEquals: multiple values behave as AND (none may match)', condition: { StringNotEquals: { 'aws:ResourceTag/env': ['dev', 'prod'] } }, context: { 'aws:resourcetag/env': ['prod'] }, decision: 'denied' },
  { title: 'StringNotEquals: on a multi-valued key it is the negation (no value may match)', condition: { StringNotEquals: { 'aws:TagKeys': 'owner' } }, context: { 'aws:tagkeys': ['env', 'owner'] }, decision: 'denied' },
  { title: 'StringNotEquals: absent key is true', condition: { StringNotEquals: { 'aws:ResourceTag/env': 'prod' } }, context: { 'aws:resourcetag/env': null }, decision: 'allowed' },
  { title: 'StringNotEquals: unknown key is conditional', condition: { StringNotEquals: { 'aws:ResourceTag/env': 'prod' } }, decision: 'conditional' },
  { title: 'StringEqualsIgnoreCase: ignores case', condition: { StringEqualsIgnoreCase: { 'aws:ResourceTag/env': 'prod' } }, context: { 'aws:resourcetag/env': ['PROD'] }, decision: 'allowed' },
  { title: 'StringNotEqualsIgnoreCase: same value in other case is false', condition: { StringNotEqualsIgnoreCase: { 'aws:ResourceTag/env': 'prod' } }, context: { 'aws:resourcetag/env': ['Prod'] }, decision: 'denied' },
  { title: 'StringLike: `*` wildcard matches', condition: { StringLike: { 's3:prefix': 'home/*' } }, context: { 's3:prefix': ['home/alice/x'] }, decision: 'allowed' },
  { title: 'StringLike: `?` matches one character only', condition: { StringLike: { 's3:prefix': 'v?' } }, context: { 's3:prefix': ['v10'] }, decision: 'denied' },
  { title: 'StringLike: is case-sensitive', condition: { StringLike: { 's3:prefix': 'home/*' } }, context: { 's3:prefix': ['HOME/x'] }, decision: 'denied' },
  { title: 'StringNotLike: matching value is false', condition: { StringNotLike: { 's3:prefix': 'home/*' } }, context: { 's3:prefix': ['home/x'] }, decision: 'denied' },
  { title: 'StringNotLike: absent key is true', condition: { StringNotLike: { 's3:prefix': 'home/*' } }, context: { 's3:prefix': null }, decision: 'allowed' },
  // ARN operators.
  { title: 'ArnLike: wildcard within the resource part matches', condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/app/*' } }, context: { 'aws:principalarn': [ROLE_ARN] }, decision: 'allowed' },
  { title: 'ArnLike: a wildcard does not span ARN fields', condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*' } }, context: { 'aws:principalarn': [ROLE_ARN] }, decision: 'denied' },
  { title: 'ArnEquals: behaves like ArnLike (wildcards allowed)', condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:lambda:*:111111111111:function:*' } }, context: { 'aws:sourcearn': ['arn:aws:lambda:us-east-1:111111111111:function:f'] }, decision: 'allowed' },
  { title: 'ArnNotEquals: matching ARN is false', condition: { ArnNotEquals: { 'aws:PrincipalArn': ROLE_ARN } }, context: { 'aws:principalarn': [ROLE_ARN] }, decision: 'denied' },
  { title: 'ArnNotLike: non-matching ARN is true', condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/admin/*' } }, context: { 'aws:principalarn': [ROLE_ARN] }, decision: 'allowed' },
  { title: 'ArnNotLike: absent key is true', condition: { ArnNotLike: { 'aws:SourceArn': 'arn:aws:s3:::x' } }, context: { 'aws:sourcearn': null }, decision: 'allowed' },
  // Bool and Null.
  { title: 'Bool: "true" matches true', condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, context: { 'aws:multifactorauthpresent': ['true'] }, decision: 'allowed' },
  { title: 'Bool: JSON boolean policy values compare as text, case-insensitively', condition: { Bool: { 'aws:SecureTransport': true } }, context: { 'aws:securetransport': ['True'] }, decision: 'allowed' },
  { title: 'Bool: false does not match true', condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, context: { 'aws:multifactorauthpresent': ['false'] }, decision: 'denied' },
  { title: 'Null true: key known absent is true', condition: { Null: { 'aws:TokenIssueTime': 'true' } }, context: { 'aws:tokenissuetime': null }, decision: 'allowed' },
  { title: 'Null true: key present is false', condition: { Null: { 'aws:TokenIssueTime': 'true' } }, context: { 'aws:tokenissuetime': ['2024-01-01T00:00:00Z'] }, decision: 'denied' },
  { title: 'Null false: key present is true', condition: { Null: { 'aws:TokenIssueTime': false } }, context: { 'aws:tokenissuetime': ['2024-01-01T00:00:00Z'] }, decision: 'allowed' },
  { title: 'Null: unknown key is conditional', condition: { Null: { 'aws:TokenIssueTime': 'true' } }, decision: 'conditional' },
  // Numeric.
  { title: 'NumericLessThan: smaller value is true', condition: { NumericLessThan: { 's3:max-keys': '10' } }, context: { 's3:max-keys': ['5'] }, decision: 'allowed' },
  { title: 'NumericLessThan: equal value is false', condition: { NumericLessThan: { 's3:max-keys': 10 } }, context: { 's3:max-keys': ['10'] }, decision: 'denied' },
  { title: 'NumericLessThanEquals: equal value is true', condition: { NumericLessThanEquals: { 's3:max-keys': 10 } }, context: { 's3:max-keys': ['10'] }, decision: 'allowed' },
  { title: 'NumericGreaterThan: larger value is true', condition: { NumericGreaterThan: { 'aws:MultiFactorAuthAge': '3600' } }, context: { 'aws:multifactorauthage': ['7200'] }, decision: 'allowed' },
  { title: 'NumericGreaterThanEquals: smaller value is false', condition: { NumericGreaterThanEquals: { 'aws:MultiFactorAuthAge': '3600' } }, context: { 'aws:multifactorauthage': ['60'] }, decision: 'denied' },
  { title: 'NumericEquals: non-numeric context value never matches', condition: { NumericEquals: { 's3:max-keys': '10' } }, context: { 's3:max-keys': ['ten'] }, decision: 'denied' },
  { title: 'NumericNotEquals: different number is true', condition: { NumericNotEquals: { 's3:max-keys': '10' } }, context: { 's3:max-keys': ['11'] }, decision: 'allowed' },
  // IfExists.
  { title: 'IfExists: absent key is true', condition: { StringEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } }, context: { 'ec2:instancetype': null }, decision: 'allowed' },
  { title: 'IfExists: present key is evaluated', condition: { StringEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } }, context: { 'ec2:instancetype': ['p4d.24xlarge'] }, decision: 'denied' },
  { title: 'IfExists: unknown key stays conditional', condition: { StringEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } }, decision: 'conditional' },
  // Set operators.
  { title: 'ForAnyValue: one matching value is enough', condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } }, context: { 'aws:tagkeys': ['env', 'team'] }, decision: 'allowed' },
  { title: 'ForAnyValue: absent key is false', condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } }, context: { 'aws:tagkeys': null }, decision: 'denied' },
  { title: 'ForAnyValue: empty set is false', condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } }, context: { 'aws:tagkeys': [] }, decision: 'denied' },
  { title: 'ForAnyValue with IfExists: absent key is true', condition: { 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': ['team'] } }, context: { 'aws:tagkeys': null }, decision: 'allowed' },
  { title: 'ForAllValues: every value listed is true', condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] } }, context: { 'aws:tagkeys': ['team'] }, decision: 'allowed' },
  { title: 'ForAllValues: one value not listed is false', condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env'] } }, context: { 'aws:tagkeys': ['env', 'owner'] }, decision: 'denied' },
  { title: 'ForAllValues: absent key is true', condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env'] } }, context: { 'aws:tagkeys': null }, decision: 'allowed' },
  { title: 'ForAllValues: empty set is true', condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env'] } }, context: { 'aws:tagkeys': [] }, decision: 'allowed' },
  { title: 'ForAllValues with a negated operator: no value may be listed', condition: { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['owner'] } }, context: { 'aws:tagkeys': ['env', 'owner'] }, decision: 'denied' },
  { title: 'ForAnyValue:StringLike matches wildcards per value', condition: { 'ForAnyValue:StringLike': { 'aws:TagKeys': ['ml-*'] } }, context: { 'aws:tagkeys': ['env', 'ml-team'] }, decision: 'allowed' },
  // IP and date operators, and combinations.
  { title: 'IpAddress: an address inside the block is true', condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, context: { 'aws:sourceip': ['10.1.2.3'] }, decision: 'allowed' },
  { title: 'IpAddress: absent key is false', condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, context: { 'aws:sourceip': null }, decision: 'denied' },
  { title: 'NotIpAddress: absent key is true', condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, context: { 'aws:sourceip': null }, decision: 'allowed' },
  { title: 'DateGreaterThan: a later date is true', condition: { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } }, context: { 'aws:currenttime': ['2024-01-01T00:00:00Z'] }, decision: 'allowed' },
  { title: 'unknown operator: conditional, never guessed', condition: { StringSortOf: { 'aws:ResourceTag/env': 'prod' } }, context: { 'aws:resourcetag/env': ['prod'] }, decision: 'conditional' },
  { title: 'keys are AND: one false clause decides even if another is unknown', condition: { StringEquals: { 'aws:ResourceTag/env': 'prod', 'aws:RequestedRegion': 'us-east-1' } }, context: { 'aws:resourcetag/env': ['dev'] }, decision: 'denied' },
  { title: 'operators are AND: true and unknown is conditional', condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' }, IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, context: { 'aws:resourcetag/env': ['prod'] }, decision: 'conditional' },
  { title: 'condition keys are case-insensitive', condition: { StringEquals: { 'AWS:RESOURCETAG/Env': 'prod' } }, context: { 'aws:resourcetag/env': ['prod'] }, decision: 'allowed' },
  // Policy variables.
  { title: 'policy variable: substituted from the context', condition: { StringLike: { 's3:prefix': 'home/${aws:username}/*' } }, context: { 'aws:username': ['alice'], 's3:prefix': ['home/alice/notes'] }, decision: 'allowed' },
  { title: 'policy variable: substituted value must match', condition: { StringLike: { 's3:prefix': 'home/${aws:username}/*' } }, context: { 'aws:username': ['bob'], 's3:prefix': ['home/alice/notes'] }, decision: 'denied' },
  { title: 'policy variable: unknown variable leaves the clause unknown', condition: { StringLike: { 's3:prefix': 'home/${aws:username}/*' } }, context: { 's3:prefix': ['home/alice/notes'] }, decision: 'conditional' },
  { title: 'policy variable: substituted text is literal (no wildcards)', condition: { StringLike: { 's3:prefix': '${aws:username}' } }, context: { 'aws:username': ['a*'], 's3:prefix': ['abc'] }, decision: 'denied' },
  { title: 'policy variable: ${*} is a literal asterisk', condition: { StringLike: { 's3:prefix': 'x${*}' } }, context: { 's3:prefix': ['xyz'] }, decision: 'denied' },
  { title: 'policy variable: aws:PrincipalTag read from the principal tags', condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/Team}' } }, principal: { ...alice, tags: { team: 'ml' } }, context: { 'aws:resourcetag/team': ['ml'] }, decision: 'allowed' },
  { title: 'aws:PrincipalTag key: a tag the principal lacks is known absent', condition: { StringEquals: { 'aws:PrincipalTag/team': 'ml' } }, principal: { ...alice, tags: { env: 'dev' } }, decision: 'denied' },
];

describe('evaluate: conditions', () => {
  it.each(cases)('$title', (c) => {
    const policies = { identity: [identityPolicy('p', allow('s3:GetObject', '*', { Condition: c.condition }))] };
    const result = evaluate(request({ principal: c.principal ?? alice, ...(c.context ? { context: c.context } : {}) }), policies);
    expect(result.decision).toBe(c.decision);
    expect(result.residual.length > 0).toBe(c.decision === 'conditional');
  });
});

describe('evaluate: residual content', () => {
  const resource = 'arn:aws:s3:::home/alice/x';

  it('a conditional allow lists the open statement with its keys and rendered clauses', () => {
    const statement = allow('s3:GetObject', '*', { Sid: 'FromVpn', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' }, StringEquals: { 'aws:ResourceTag/env': 'prod' } } });
    const result = evaluate(request({ context: { 'aws:resourcetag/env': ['prod'] } }), { identity: [identityPolicy('p', statement)] });
    expect(result.decision).toBe('conditional');
    expect(result.allowedBy.map((r) => r.sid)).toEqual(['FromVpn']);
    expect(result.residual).toEqual([
      { statement: result.allowedBy[0], effect: 'Allow', keys: ['aws:sourceip'], clauses: ['IpAddress aws:SourceIp 10.0.0.0/8'] },
    ]);
  });

  it('a definite allow with a possible Deny is conditional and lists the Deny', () => {
    const p = identityPolicy('p', allow('s3:*'), deny('s3:*', '*', { Condition: { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } } }));
    const result = evaluate(request(), { identity: [p] });
    expect(summary(result)).toMatchObject({ decision: 'conditional', allowedBy: ['p#0'], deniedBy: [], residualKeys: ['aws:sourceip'] });
    expect(result.residual.map((r) => [r.effect, r.statement.index, r.clauses])).toEqual([
      ['Deny', 1, ['NotIpAddress aws:SourceIp ["10.0.0.0/8","192.168.0.0/16"]']],
    ]);
  });

  it('a definite allow cites only the statements that allow definitely', () => {
    const p = identityPolicy('p', allow('s3:GetObject', '*', { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }), allow('s3:GetObject'));
    expect(summary(evaluate(request(), { identity: [p] }))).toMatchObject({ decision: 'allowed', allowedBy: ['p#1'], residualKeys: [] });
  });

  it('a resource with an unknown policy variable is open on that variable', () => {
    const p = identityPolicy('p', allow('s3:GetObject', 'arn:aws:s3:::home/${aws:username}/*'));
    const result = evaluate(request({ resource }), { identity: [p] });
    expect(result.decision).toBe('conditional');
    expect(result.residual[0]).toMatchObject({ keys: ['aws:username'], clauses: ['Resource arn:aws:s3:::home/${aws:username}/*'] });
    expect(evaluate(request({ resource, context: { 'aws:username': ['alice'] } }), { identity: [p] }).decision).toBe('allowed');
    expect(evaluate(request({ resource, context: { 'aws:username': ['bob'] } }), { identity: [p] }).decision).toBe('denied');
  });

  it('a Deny with unknown conditions never turns a missing allow into an allow', () => {
    const p = identityPolicy('p', deny('s3:*', '*', { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }));
    expect(summary(evaluate(request(), { identity: [p] }))).toMatchObject({ decision: 'denied', denyReason: 'no-allow', residualKeys: [] });
  });

  it('a definite Deny wins over conditional allows', () => {
    const p = identityPolicy('p', allow('s3:*', '*', { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }), deny('s3:GetObject', '*', { Sid: 'NoReads' }));
    expect(evaluate(request(), { identity: [p] })).toMatchObject({ decision: 'denied', denyReason: 'explicit-deny', allowedBy: [], residual: [] });
  });
});
