/**
 * AWS Organizations (from the management or a delegated-admin account): the organization, its
 * roots, every OU level (walked from the roots), the accounts with their parents, and the
 * service and resource control policies with their content and targets.
 */
import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListAccountsCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  ListTargetsForPolicyCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { call, str, type Fetch, type Rec, type ServiceDescriptor } from '../../engine/descriptor.js';

const pages = { inputToken: 'NextToken', outputToken: 'NextToken' } as const;
/** An account outside any organization: nothing to collect, and nothing missing either. */
const notInOrganization = ['AWSOrganizationsNotInUseException'];

/**
 * One level of OUs under a root or OU, each with the next level inside it (the descriptor
 * refers to itself); `flattenUnits` lifts them into one list. Walking down gives each OU's
 * parent, the same `{ Id, Type }` that ListParents would return.
 */
const childUnits: Fetch & { details: Fetch[] } = {
  field: 'OrganizationalUnits',
  call: call(ListOrganizationalUnitsForParentCommand, (parent) => ({ ParentId: str(parent, 'Id') })),
  paginate: pages,
  items: 'OrganizationalUnits',
  record: (ou, parent) => ({ ...(ou as Rec), Parents: [{ Id: str(parent, 'Id'), Type: str(parent, 'Id').startsWith('r-') ? 'ROOT' : 'ORGANIZATIONAL_UNIT' }] }),
  name: (ou) => str(ou, 'Id'),
  details: [],
};
childUnits.details.push(childUnits);

/** A policy listing for one policy type, each policy described and given its targets. */
function policies(field: string, filter: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY'): Fetch {
  return {
    field,
    call: call(ListPoliciesCommand, () => ({ Filter: filter })),
    paginate: pages,
    items: 'Policies',
    name: (p) => str(p, 'Id') || str((p['PolicySummary'] ?? {}) as Rec, 'Id'),
    describe: { ...call(DescribePolicyCommand, (p) => ({ PolicyId: str(p, 'Id') })), pick: 'Policy' },
    absentOn: [...notInOrganization, 'PolicyTypeNotEnabledException'],
    details: [
      {
        field: 'Targets',
        call: call(ListTargetsForPolicyCommand, (p) => ({ PolicyId: str((p['PolicySummary'] ?? {}) as Rec, 'Id') })),
        paginate: pages,
        items: 'Targets',
      },
    ],
  };
}

/** Lifts the OU tree that `childUnits` built under the roots into one flat list. */
function flattenUnits(section: Rec): Rec {
  const units: Rec[] = [];
  const visit = (node: Rec) => {
    const children = (node['OrganizationalUnits'] ?? []) as Rec[];
    delete node['OrganizationalUnits'];
    for (const child of children) {
      units.push(child);
      visit(child);
    }
  };
  for (const root of (section['Roots'] ?? []) as Rec[]) visit(root);
  const { ServiceControlPolicies, ResourceControlPolicies, ...rest } = section;
  const policyList = [...((ServiceControlPolicies ?? []) as Rec[]), ...((ResourceControlPolicies ?? []) as Rec[])];
  return { ...rest, OrganizationalUnits: units, Policies: policyList };
}

/** The Organizations collector, run once from the caller's account. */
export const organizations: ServiceDescriptor = {
  service: 'organizations',
  scope: 'organization',
  section: 'organization',
  client: OrganizationsClient,
  fetches: [
    {
      field: 'Organization',
      call: call(DescribeOrganizationCommand),
      pick: 'Organization',
      absentOn: notInOrganization,
      required: true,
    },
    {
      field: 'Roots',
      call: call(ListRootsCommand),
      paginate: pages,
      items: 'Roots',
      name: (r) => str(r, 'Id'),
      absentOn: notInOrganization,
      details: [childUnits],
      required: true,
    },
    {
      field: 'Accounts',
      call: call(ListAccountsCommand),
      paginate: pages,
      items: 'Accounts',
      name: (a) => str(a, 'Id'),
      absentOn: notInOrganization,
      required: true,
      details: [{ field: 'Parents', call: call(ListParentsCommand, (a) => ({ ChildId: str(a, 'Id') })), paginate: pages, items: 'Parents' }],
    },
    policies('ServiceControlPolicies', 'SERVICE_CONTROL_POLICY'),
    policies('ResourceControlPolicies', 'RESOURCE_CONTROL_POLICY'),
  ],
  finish: flattenUnits,
};
