/**
 * Candidate callers for an access to a crown jewel: the jewel's own account through the grant
 * index, other accounts only when the resource policy names them, exact ARNs the policy names,
 * and everyone whose policies name the action when the policy may admit unnamed callers.
 */
import { describe, expect, it } from 'vitest';
import { compilePolicy, type PolicyStatementInput } from '../../src/iam/index.js';
import { accessCandidates } from '../../src/graph/access-candidates.js';
import { GrantIndex, type Principal, type Resource } from '../../src/graph/facts/index.js';
import { testRole as role } from '../support/principal.js';

const A = '111111111111';
const B = '222222222222';
const C = '333333333333';
const BUCKET = 'arn:aws:s3:::data';


const read = (resource: string): PolicyStatementInput => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: resource });
const principals = [
  role(A, 'owner-reader', read(`${BUCKET}/*`)),
  role(A, 'owner-other', read('arn:aws:s3:::elsewhere/*')),
  role(B, 'partner-reader', read('*')),
  role(C, 'stranger-reader', read('*')),
  role(C, 'named-without-identity'),
];
const candidatesFor = accessCandidates({ principals, principalsByArn: new Map(principals.map((p) => [p.arn, p])), grants: new GrantIndex(principals) });

function bucket(...statements: PolicyStatementInput[]): Resource {
  return {
    arn: BUCKET,
    kind: 'bucket',
    name: 'data',
    accountId: A,
    partition: 'aws',
    tags: {},
    flags: [],
    ...(statements.length ? { policy: compilePolicy({ Version: '2012-10-17', Statement: statements }, { kind: 'resource', id: `${BUCKET}#resource-policy` }) } : {}),
  };
}
const grant = (principal: PolicyStatementInput['Principal']): PolicyStatementInput => ({ Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: `${BUCKET}/*` });

describe('accessCandidates', () => {
  it.each([
    ['no resource policy: the owner account only', bucket(), ['owner-reader']],
    ['a policy naming no one: the owner account only', bucket({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: `${BUCKET}/*`, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }), ['owner-reader']],
    ['a policy naming an account root', bucket(grant({ AWS: `arn:aws:iam::${B}:root` })), ['owner-reader', 'partner-reader']],
    ['a policy naming an account id', bucket(grant({ AWS: B })), ['owner-reader', 'partner-reader']],
    ['a policy naming an exact role', bucket(grant({ AWS: `arn:aws:iam::${C}:role/named-without-identity` })), ['owner-reader', 'named-without-identity']],
    ['a policy open to everyone', bucket(grant('*')), ['owner-reader', 'owner-other', 'partner-reader', 'stranger-reader']],
    ['a policy naming a role pattern', bucket(grant({ AWS: `arn:aws:iam::${C}:role/*` })), ['owner-reader', 'owner-other', 'partner-reader', 'stranger-reader']],
  ])('%s', (_, resource, names) => {
    const found = candidatesFor(resource, ['s3:GetObject'], `${BUCKET}/*`);
    expect([...found].map((p) => p.name).sort()).toEqual([...names].sort());
  });
});
