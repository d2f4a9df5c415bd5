/**
 * Lambda (regional): ListFunctions (configuration, execution role, environment, layers), each
 * function's resource policy, function URL configurations (GetFunctionUrlConfig where the
 * endpoint lacks ListFunctionUrlConfigs) and tags. Environment values are
 * redacted before a snapshot is written or analyzed.
 */
import { GetFunctionUrlConfigCommand, GetPolicyCommand, LambdaClient, ListFunctionsCommand, ListFunctionUrlConfigsCommand, ListTagsCommand } from '@aws-sdk/client-lambda';
import { call, str, type ServiceDescriptor } from '../../engine/descriptor.js';

const markerPages = { inputToken: 'Marker', outputToken: 'NextMarker' } as const;

/** The Lambda collector: functions with their policies, URLs and tags. */
export const lambda: ServiceDescriptor = {
  service: 'lambda',
  scope: 'regional',
  section: 'Lambda',
  client: LambdaClient,
  fetches: [
    {
      field: 'Functions',
      call: call(ListFunctionsCommand, () => ({ MaxItems: 50 })),
      paginate: markerPages,
      items: 'Functions',
      name: (fn) => str(fn, 'FunctionArn'),
      required: true,
      details: [
        {
          field: 'Policy',
          call: call(GetPolicyCommand, (fn) => ({ FunctionName: str(fn, 'FunctionName') })),
          pick: 'Policy',
          absentOn: ['ResourceNotFoundException'],
        },
        {
          field: 'FunctionUrlConfigs',
          call: call(ListFunctionUrlConfigsCommand, (fn) => ({ FunctionName: str(fn, 'FunctionName'), MaxItems: 50 })),
          paginate: markerPages,
          items: 'FunctionUrlConfigs',
          // Emulators (and partitions where function URLs arrived late) may lack the listing;
          // the function's own URL is still there to read, one function at a time.
          fallback: {
            fetch: {
              call: call(GetFunctionUrlConfigCommand, (fn) => ({ FunctionName: str(fn, 'FunctionName') })),
              items: (output) => [output],
              absentOn: ['ResourceNotFoundException'],
            },
            note: "each function's own URL is read; URLs on its aliases are not seen",
          },
        },
        { field: 'Tags', call: call(ListTagsCommand, (fn) => ({ Resource: str(fn, 'FunctionArn') })), pick: 'Tags' },
      ],
    },
  ],
};
