/**
 * SSM Parameter Store (regional): DescribeParameters and each parameter's tags. Metadata only:
 * blastpath never calls GetParameter(s), so no value (decrypted or not) is read.
 */
import { DescribeParametersCommand, ListTagsForResourceCommand, SSMClient } from '@aws-sdk/client-ssm';
import { call, str, type ServiceDescriptor } from '../../engine/descriptor.js';

/** The SSM Parameter Store collector: parameter metadata and tags. */
export const ssm: ServiceDescriptor = {
  service: 'ssm',
  scope: 'regional',
  section: 'SSM',
  client: SSMClient,
  fetches: [
    {
      field: 'Parameters',
      call: call(DescribeParametersCommand, () => ({ MaxResults: 50 })),
      paginate: { inputToken: 'NextToken', outputToken: 'NextToken' },
      items: 'Parameters',
      name: (parameter) => str(parameter, 'Name'),
      required: true,
      details: [
        {
          field: 'TagList',
          call: call(ListTagsForResourceCommand, (parameter) => ({ ResourceType: 'Parameter' as const, ResourceId: str(parameter, 'Name') })),
          pick: 'TagList',
        },
      ],
    },
  ],
};
