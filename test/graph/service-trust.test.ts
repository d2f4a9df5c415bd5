/**
 * Which roles a service can assume (the condition for passing a role to it). Most trust
 * policies name one service or none, so the evaluator is asked only when a statement can name
 * the service at all; the answers must be the evaluator's.
 */
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src/graph/facts/index.js';
import { trustsService } from '../../src/graph/techniques/service-trust.js';
import { compilePolicy, type PolicyStatementInput } from '../../src/iam/index.js';

const ACCOUNT = '111111111111';

/** A role with this trust; trustsService reads only its ARN, account and trust policy. */
function role(name: string, ...statements: PolicyStatementInput[]): Principal {
  const arn = `arn:aws:iam::${ACCOUNT}:role/${name}`;
  const trust = compilePolicy({ Version: '2012-10-17', Statement: statements }, { kind: 'trust', id: `${arn}#trust-policy` });
  return { arn, accountId: ACCOUNT, kind: 'role', trust } as Partial<Principal> as Principal;
}

const assume = (Principal: PolicyStatementInput['Principal'], extra: Partial<PolicyStatementInput> = {}): PolicyStatementInput => ({
  Effect: 'Allow',
  Principal,
  Action: 'sts:AssumeRole',
  ...extra,
});

describe('trustsService', () => {
  it.each<[string, PolicyStatementInput[], string, boolean]>([
    ['the service it names', [assume({ Service: 'sagemaker.amazonaws.com' })], 'sagemaker.amazonaws.com', true],
    ['a service named in another case', [assume({ Service: 'SageMaker.amazonaws.com' })], 'sagemaker.amazonaws.com', true],
    ['not a service it does not name', [assume({ Service: 'lambda.amazonaws.com' })], 'sagemaker.amazonaws.com', false],
    ['not when only accounts are named', [assume({ AWS: `arn:aws:iam::${ACCOUNT}:root` })], 'lambda.amazonaws.com', false],
    ['everyone, which includes services', [assume('*')], 'lambda.amazonaws.com', true],
    ['under an open aws:SourceAccount condition the attacker meets', [assume({ Service: 'lambda.amazonaws.com' }, { Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } })], 'lambda.amazonaws.com', true],
    ['not when a Deny names the service', [assume({ Service: 'lambda.amazonaws.com' }), { Effect: 'Deny', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }], 'lambda.amazonaws.com', false],
    ['every service but the NotPrincipal one', [{ Effect: 'Allow', NotPrincipal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }], 'lambda.amazonaws.com', true],
  ])('trusts %s', (name, statements, service, expected) => {
    expect(trustsService(role(name.replaceAll(/\W+/g, '-'), ...statements), service)).toBe(expected);
  });
});
