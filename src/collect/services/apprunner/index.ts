/**
 * App Runner (regional): services with their instance role, ingress (public or private),
 * source image or code with environment variables and secrets. Environment values are
 * redacted before a snapshot is written or analyzed; secrets are references (ARNs), not values.
 */
import { AppRunnerClient, DescribeServiceCommand, ListServicesCommand } from '@aws-sdk/client-apprunner';
import { call, str, type ServiceDescriptor } from '../../engine/descriptor.js';

/** The App Runner collector. */
export const apprunner: ServiceDescriptor = {
  service: 'apprunner',
  scope: 'regional',
  section: 'AppRunner',
  client: AppRunnerClient,
  fetches: [
    {
      field: 'Services',
      call: call(ListServicesCommand, () => ({ MaxResults: 20 })),
      paginate: { inputToken: 'NextToken', outputToken: 'NextToken' },
      items: 'ServiceSummaryList',
      name: (s) => str(s, 'ServiceArn'),
      describe: { ...call(DescribeServiceCommand, (s) => ({ ServiceArn: str(s, 'ServiceArn') })), pick: 'Service' },
      required: true,
    },
  ],
};
