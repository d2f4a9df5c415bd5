/**
 * EKS (regional): clusters (endpoint public access, OIDC issuer, authentication mode), their
 * access entries with associated access policies, Pod Identity associations, and managed node
 * groups (node role; the metadata options of their launch template, which decide whether pods
 * can reach the node role's credentials through IMDS). Launch template user data is not kept.
 */
import {
  DescribeAccessEntryCommand,
  DescribeClusterCommand,
  DescribeNodegroupCommand,
  DescribePodIdentityAssociationCommand,
  EKSClient,
  ListNodegroupsCommand,
  ListAccessEntriesCommand,
  ListAssociatedAccessPoliciesCommand,
  ListClustersCommand,
  ListPodIdentityAssociationsCommand,
} from '@aws-sdk/client-eks';
import { DescribeLaunchTemplateVersionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { call, str, type Rec, type ServiceDescriptor } from '../../engine/descriptor.js';
import { keepLaunchTemplateVersionFields } from '../ec2/launch-template-versions.js';

const pages = { inputToken: 'nextToken', outputToken: 'nextToken' } as const;

/** A node group's launch template, when it has one. */
const launchTemplate = (group: Rec) => (group['launchTemplate'] ?? {}) as Rec;

/** Only what blastpath reads of a launch template version (its metadata options): user data can hold secrets. */
const metadataOptions = (output: Rec) => keepLaunchTemplateVersionFields(output, ['LaunchTemplateId', 'VersionNumber'], ['MetadataOptions']);

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
        {
          field: 'Nodegroups',
          call: call(ListNodegroupsCommand, (c) => ({ clusterName: str(c, 'name'), maxResults: 100 })),
          paginate: pages,
          items: 'nodegroups',
          record: (nodegroupName, cluster) => ({ nodegroupName, clusterName: str(cluster, 'name') }),
          name: (g) => str(g, 'nodegroupArn') || str(g, 'nodegroupName'),
          describe: { ...call(DescribeNodegroupCommand, (g) => ({ clusterName: str(g, 'clusterName'), nodegroupName: str(g, 'nodegroupName') })), pick: 'nodegroup' },
          details: [
            {
              field: 'LaunchTemplateVersions',
              when: (g) => str(launchTemplate(g), 'id') !== '',
              call: call(
                DescribeLaunchTemplateVersionsCommand,
                (g) => ({ LaunchTemplateId: str(launchTemplate(g), 'id'), Versions: [str(launchTemplate(g), 'version') || '$Default'] }),
                EC2Client,
              ),
              items: metadataOptions,
            },
          ],
        },
      ],
    },
  ],
};
