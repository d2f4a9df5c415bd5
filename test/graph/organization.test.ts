/**
 * The organization view: SCP and RCP levels along each account's OU path, the exemptions AWS
 * documents (management account; service-linked roles), org paths, and "nothing known" when
 * the snapshot has no organization data.
 */
import { describe, expect, it } from 'vitest';
import { buildFacts } from '../../src/graph/facts/index.js';
import { organizationView } from '../../src/graph/facts/organizations.js';
import { validateSnapshot, type CoverageRecord, type OrganizationData } from '../../src/snapshot/index.js';

const doc = (effect: 'Allow' | 'Deny', action: string) => ({ Version: '2012-10-17', Statement: [{ Effect: effect, Action: action, Resource: '*' }] });
const policy = (id: string, type: string, targets: string[], effect: 'Allow' | 'Deny' = 'Allow', action = '*') => ({
  PolicySummary: { Id: id, Type: type },
  Content: doc(effect, action),
  Targets: targets.map((TargetId) => ({ TargetId })),
});

function org(overrides: Partial<OrganizationData> = {}): OrganizationData {
  return {
    Organization: { Id: 'o-test00001', MasterAccountId: '999999999999', FeatureSet: 'ALL' },
    Roots: [{ Id: 'r-root' }],
    OrganizationalUnits: [
      { Id: 'ou-a', Parents: [{ Id: 'r-root', Type: 'ROOT' }] },
      { Id: 'ou-b', Parents: [{ Id: 'ou-a', Type: 'ORGANIZATIONAL_UNIT' }] },
    ],
    Accounts: [
      { Id: '111111111111', Parents: [{ Id: 'ou-b', Type: 'ORGANIZATIONAL_UNIT' }] },
      { Id: '222222222222', Parents: [{ Id: 'r-root', Type: 'ROOT' }] },
      { Id: '999999999999', Parents: [{ Id: 'r-root', Type: 'ROOT' }] },
    ],
    Policies: [
      policy('p-full', 'SERVICE_CONTROL_POLICY', ['r-root', 'ou-a', 'ou-b', '111111111111', '222222222222', '999999999999']),
      policy('p-deny', 'SERVICE_CONTROL_POLICY', ['ou-b'], 'Deny', 'ec2:*'),
      policy('p-rcp', 'RESOURCE_CONTROL_POLICY', ['r-root', 'ou-a', 'ou-b', '111111111111']),
    ],
    ...overrides,
  } as OrganizationData;
}

const ids = (levels: ReturnType<NonNullable<ReturnType<typeof organizationView>>['scpLevels']>) =>
  levels?.map((level) => level.map((p) => p.source.id.replace('organizations:', '')));

describe('organizationView', () => {
  it('lists one level per OU path entry, root first, the account last', () => {
    const view = organizationView(org(), [])!;
    expect(ids(view.scpLevels('111111111111'))).toEqual([['p-full'], ['p-full'], ['p-deny', 'p-full'], ['p-full']]);
    expect(ids(view.scpLevels('222222222222'))).toEqual([['p-full'], ['p-full']]);
    expect(view.orgPath('111111111111')).toBe('o-test00001/r-root/ou-a/ou-b/');
    expect(view.orgPath('222222222222')).toBe('o-test00001/r-root/');
  });

  it('exempts the management account and knows nothing of non-members', () => {
    const view = organizationView(org(), [])!;
    expect(view.scpLevels('999999999999')).toBeUndefined();
    expect(view.rcpLevels('999999999999')).toBeUndefined();
    expect(view.scpLevels('333333333333')).toBeUndefined();
    expect(view.has('333333333333')).toBe(false);
  });

  it('skips a level with no policy in the input and records a not-collected gap for it', () => {
    const gaps: CoverageRecord[] = [];
    const view = organizationView(org(), gaps)!;
    // RCPs are attached to the root, the OUs and 111, not to 222.
    expect(ids(view.rcpLevels('222222222222'))).toEqual([['p-rcp']]);
    expect(gaps.map((g) => [g.service, g.operation, g.resource, g.outcome])).toEqual([['organizations', 'ListPoliciesForTarget', '222222222222', 'not-collected']]);
  });

  it('applies no SCP or RCP when the organization has only consolidated billing, or no data', () => {
    const billing = organizationView(org({ Organization: { Id: 'o-test00001', MasterAccountId: '999999999999', FeatureSet: 'CONSOLIDATED_BILLING' } }), [])!;
    expect(billing.scpLevels('111111111111')).toBeUndefined();
    expect(organizationView(undefined, [])).toBeUndefined();
  });

  it('attaches SCP levels to the principals of a member account, except service-linked roles', () => {
    const snapshot = validateSnapshot(
      {
        schemaVersion: 1,
        collectedAt: '2026-01-01T00:00:00Z',
        tool: { name: 'blastpath', version: '0.1.0' },
        organization: org(),
        accounts: [
          {
            accountId: '111111111111',
            iam: {
              AuthorizationDetails: {
                UserDetailList: [],
                GroupDetailList: [],
                Policies: [],
                RoleDetailList: ['role/app', 'role/aws-service-role/sagemaker.amazonaws.com/AWSServiceRoleForAmazonSageMaker'].map((path) => ({
                  RoleName: path.split('/').pop(),
                  Arn: `arn:aws:iam::111111111111:${path}`,
                  Path: '/',
                  AssumeRolePolicyDocument: doc('Allow', 'sts:AssumeRole'),
                })),
              },
            },
          },
        ],
      },
      'test',
    );
    const { principals } = buildFacts({ snapshot, credentials: [] });
    expect(principals.map((p) => [p.name, p.scps?.length])).toEqual([
      ['app', 4],
      ['AWSServiceRoleForAmazonSageMaker', undefined],
    ]);
  });
});
