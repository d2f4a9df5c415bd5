/**
 * EC2 (regional): instances with their instance profiles, public addresses, subnets, security
 * groups and metadata options (`Reservations[].Instances[]`, flattened); security groups with
 * their rules; route tables, which say whether a subnet routes to an internet gateway.
 */
import { DescribeInstancesCommand, DescribeRouteTablesCommand, DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { call, str, type Rec, type ServiceDescriptor } from '../../engine/descriptor.js';

const pages = { inputToken: 'NextToken', outputToken: 'NextToken' } as const;

/** The instances of one DescribeInstances page, out of their reservations. */
function instances(output: Rec): unknown[] {
  const reservations = (output['Reservations'] ?? []) as Array<{ Instances?: unknown[] }>;
  return reservations.flatMap((reservation) => reservation.Instances ?? []);
}

/** The EC2 collector: instances, security groups and route tables of every region. */
export const ec2: ServiceDescriptor = {
  service: 'ec2',
  scope: 'regional',
  section: 'EC2',
  client: EC2Client,
  fetches: [
    {
      field: 'Instances',
      call: call(DescribeInstancesCommand, () => ({ MaxResults: 1000 })),
      paginate: pages,
      items: instances,
      name: (i) => str(i, 'InstanceId'),
      required: true,
    },
    { field: 'SecurityGroups', call: call(DescribeSecurityGroupsCommand, () => ({ MaxResults: 1000 })), paginate: pages, items: 'SecurityGroups' },
    { field: 'RouteTables', call: call(DescribeRouteTablesCommand, () => ({ MaxResults: 100 })), paginate: pages, items: 'RouteTables' },
  ],
};
