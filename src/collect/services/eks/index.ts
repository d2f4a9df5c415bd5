/**
 * EKS (regional): clusters (endpoint public access, OIDC issuer, authentication mode), their
 * access entries with associated access policies, and Pod Identity associations.
 */
import {
  DescribeAccessEntryCommand,
  DescribeClusterCommand,
  DescribePodIdentityAssociationCommand,
  EKSClient,
  ListAccessEntriesCommand,
  ListAssociatedAccessPoliciesCommand,
  ListClustersCommand,
  ListPodIdentityAssociationsCommand,
} from '@aws-sdk/client-eks';
import { call, str, type ServiceDescriptor } from '../../engine/descriptor.js';

const pages = { inputToken: 'nextToken', outputToken: 'nextToken' } as const;

/** The EKS collector: clusters with access entries and Pod Identity associations. */
export const eks: ServiceDescriptor = {
  service: 'eks',
  scope: 'regional',
  section: 'EKS',
  client: EKSClient,
  fetches: [
    {
      field: 'Clusters',
      call: call(ListClustersCommand, () => ({ maxResults: 100 })),
      paginate: pages,
      items: 'clusters',
      record: (name) => ({ name }),
      name: (c) => str(c, 'name'),
      describe: { ...call(DescribeClusterCommand, (c) => ({ name: str(c, 'name') })), pick: 'cluster' },
      required: true,
      details: [
        {
          field: 'AccessEntries',
          call: call(ListAccessEntriesCommand, (c) => ({ clusterName: str(c, 'name'), maxResults: 100 })),
          paginate: pages,
          items: 'accessEntries',
          // Clusters that authenticate with the aws-auth ConfigMap only have no access entries.
          absentOn: ['InvalidRequestException'],
          record: (principalArn, cluster) => ({ principalArn, clusterName: str(cluster, 'name') }),
          name: (e) => str(e, 'principalArn'),
          describe: {
            ...call(DescribeAccessEntryCommand, (e) => ({ clusterName: str(e, 'clusterName'), principalArn: str(e, 'principalArn') })),
            pick: 'accessEntry',
          },
          details: [
            {
              field: 'AssociatedAccessPolicies',
              call: call(ListAssociatedAccessPoliciesCommand, (e) => ({
                clusterName: str(e, 'clusterName'),
                principalArn: str(e, 'principalArn'),
                maxResults: 100,
              })),
              paginate: pages,
              items: 'associatedAccessPolicies',
            },
          ],
        },
        {
          field: 'PodIdentityAssociations',
          call: call(ListPodIdentityAssociationsCommand, (c) => ({ clusterName: str(c, 'name'), maxResults: 100 })),
          paginate: pages,
          items: 'associations',
          name: (a) => str(a, 'associationArn') || str(a, 'associationId'),
          describe: {
            ...call(DescribePodIdentityAssociationCommand, (a) => ({ clusterName: str(a, 'clusterName'), associationId: str(a, 'associationId') })),
            pick: 'association',
          },
        },
      ],
    },
  ],
};
