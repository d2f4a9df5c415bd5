/**
 * A group's inline policies are compiled once per account and shared by its members
 * (src/graph/facts/principals.ts), as managed policies are: members see the same compiled
 * policy, with the group's policy id, and a member's own policies stay its own.
 */
import { describe, expect, it } from 'vitest';
import { compilePrincipals } from '../../src/graph/facts/principals.js';
import type { AccountData, CoverageRecord } from '../../src/snapshot/index.js';

const policy = (action: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });
const user = (name: string, extra: object = {}) => ({ UserName: name, UserId: `AIDA${name.toUpperCase()}`, Arn: `arn:aws:iam::111122223333:user/${name}`, Path: '/', CreateDate: '2024-01-01T00:00:00Z', GroupList: ['devs'], AttachedManagedPolicies: [], ...extra });

const account = {
  accountId: '111122223333',
  partition: 'aws',
  iam: {
    AuthorizationDetails: {
      UserDetailList: [user('ana', { UserPolicyList: [{ PolicyName: 'own', PolicyDocument: policy('s3:GetObject') }] }), user('bo')],
      GroupDetailList: [
        { GroupName: 'devs', GroupId: 'AGPADEVS', Arn: 'arn:aws:iam::111122223333:group/devs', Path: '/', CreateDate: '2024-01-01T00:00:00Z', GroupPolicyList: [{ PolicyName: 'deploy', PolicyDocument: policy('lambda:UpdateFunctionCode') }], AttachedManagedPolicies: [] },
      ],
      RoleDetailList: [],
      Policies: [],
    },
  },
  regions: {},
} as unknown as AccountData;

describe('group inline policies', () => {
  it('are compiled once and shared by every member of the group', () => {
    const gaps: CoverageRecord[] = [];
    const [ana, bo] = compilePrincipals(account, gaps);
    const groupPolicy = (p: typeof ana) => p!.identity.find((c) => c.source.id === 'arn:aws:iam::111122223333:group/devs#inline/deploy');
    expect(groupPolicy(ana)).toBeDefined();
    expect(groupPolicy(ana)).toBe(groupPolicy(bo));
    expect(ana!.identity.map((c) => c.source.id)).toEqual(['arn:aws:iam::111122223333:user/ana#inline/own', 'arn:aws:iam::111122223333:group/devs#inline/deploy']);
    expect(bo!.identity.map((c) => c.source.id)).toEqual(['arn:aws:iam::111122223333:group/devs#inline/deploy']);
    expect(gaps).toEqual([]);
  });
});
