/**
 * EC2 (regional): instances with their instance profiles, public addresses and metadata
 * options (`Reservations[].Instances[]`, flattened).
 */
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { call, str, type Rec, type ServiceDescriptor } from '../../engine/descriptor.js';

/** The instances of one DescribeInstances page, out of their reservations. */
function instances(output: Rec): unknown[] {
  const reservations = (output['Reservations'] ?? []) as Array<{ Instances?: unknown[] }>;
  return reservations.flatMap((reservation) => reservation.Instances ?? []);
}

/** The EC2 collector: instances of every region. */
export const ec2: ServiceDescriptor = {
  service: 'ec2',
  scope: 'regional',
  section: 'EC2',
  client: EC2Client,
  fetches: [
    {
      field: 'Instances',
      call: call(DescribeInstancesCommand, () => ({ MaxResults: 1000 })),
      paginate: { inputToken: 'NextToken', outputToken: 'NextToken' },
      items: instances,
      name: (i) => str(i, 'InstanceId'),
      required: true,
    },
  ],
};
