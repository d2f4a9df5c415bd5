/**
 * Elastic Load Balancing v2 (regional): load balancers (scheme: internet-facing or internal)
 * and target groups with the load balancers they serve, which is how an ECS service's
 * `loadBalancers[].targetGroupArn` tells whether the internet reaches it.
 */
import { DescribeLoadBalancersCommand, DescribeTargetGroupsCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { call, type ServiceDescriptor } from '../../engine/descriptor.js';

const markerPages = { inputToken: 'Marker', outputToken: 'NextMarker' } as const;

/** The ELBv2 collector. */
export const elasticloadbalancing: ServiceDescriptor = {
  service: 'elasticloadbalancing',
  scope: 'regional',
  section: 'ELBv2',
  client: ElasticLoadBalancingV2Client,
  fetches: [
    { field: 'LoadBalancers', call: call(DescribeLoadBalancersCommand, () => ({ PageSize: 400 })), paginate: markerPages, items: 'LoadBalancers', required: true },
    { field: 'TargetGroups', call: call(DescribeTargetGroupsCommand, () => ({ PageSize: 400 })), paginate: markerPages, items: 'TargetGroups' },
  ],
};
