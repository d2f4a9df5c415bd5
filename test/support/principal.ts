/**
 * A compiled role for tests that ask about candidates and grants directly: the identity
 * policy holds the given statements (none: no identity policy), nothing else is attached.
 */
import { groupBy } from '../../src/core/collections.js';
import { GrantIndex, type Facts, type Principal } from '../../src/graph/facts/index.js';
import { compilePolicy, type PolicyStatementInput } from '../../src/iam/index.js';

/** The role `name` of `account`, its inline policy made of `statements`. */
export function testRole(account: string, name: string, ...statements: PolicyStatementInput[]): Principal {
  const arn = `arn:aws:iam::${account}:role/${name}`;
  return {
    arn,
    kind: 'role',
    name,
    accountId: account,
    partition: 'aws',
    tags: {},
    identity: statements.length ? [compilePolicy({ Version: '2012-10-17', Statement: statements }, { kind: 'identity', id: `${arn}#inline/p` })] : [],
    customerPolicies: [],
    groups: [],
    request: { arn, type: 'role', accountId: account },
  };
}

/** The facts accessCandidates reads, over `principals` in the given order (facts order). */
export function candidateFacts(principals: Principal[]): Pick<Facts, 'principals' | 'principalsByArn' | 'principalsByAccount' | 'grants'> {
  return { principals, principalsByArn: new Map(principals.map((p) => [p.arn, p])), principalsByAccount: groupBy(principals, (p) => p.accountId), grants: new GrantIndex(principals) };
}
