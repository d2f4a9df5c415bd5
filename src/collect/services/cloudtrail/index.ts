/**
 * CloudTrail (regional): DescribeTrails (shadow trails included, so a multi-Region or
 * organization trail is seen from every Region and member account it covers), and for each
 * trail GetTrailStatus (is it logging?) and GetEventSelectors (management and data events,
 * basic or advanced selectors). Shadow trails are queried by ARN, as AWS requires.
 */
import { CloudTrailClient, DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { call, str, type ServiceDescriptor } from '../../engine/descriptor.js';

/** The CloudTrail collector: trails, their status and their event selectors. */
export const cloudtrail: ServiceDescriptor = {
  service: 'cloudtrail',
  scope: 'regional',
  section: 'CloudTrail',
  client: CloudTrailClient,
  fetches: [
    {
      field: 'Trails',
      call: call(DescribeTrailsCommand, () => ({ includeShadowTrails: true })),
      items: 'trailList',
      name: (trail) => str(trail, 'TrailARN'),
      required: true,
      details: [
        {
          field: 'Status',
          call: call(GetTrailStatusCommand, (trail) => ({ Name: str(trail, 'TrailARN') })),
        },
        {
          field: 'EventSelectors',
          call: call(GetEventSelectorsCommand, (trail) => ({ TrailName: str(trail, 'TrailARN') })),
        },
      ],
    },
  ],
};
