/**
 * Lambda (regional): ListFunctions (configuration, execution role, environment, layers), each
 * function's resource policy, function URL configurations (GetFunctionUrlConfig where the
 * endpoint lacks ListFunctionUrlConfigs) and tags; event source mappings (the streams and queues
 * that feed functions). Environment values are
 * redacted before a snapshot is written or analyzed.
 */
import { GetFunctionUrlConfigCommand, GetPolicyCommand, LambdaClient, ListFunctionsCommand, ListEventSourceMappingsCommand, ListFunctionUrlConfigsCommand, ListTagsCommand } from '@aws-sdk/client-lambda';
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
    {
      // Streams and queues something already feeds a function from: a new function can be mapped
      // to the same source without creating one (lambda-create-function-existing-event-source).
      field: 'EventSourceMappings',
      call: call(ListEventSourceMappingsCommand, () => ({ MaxItems: 100 })),
      paginate: markerPages,
      items: 'EventSourceMappings',
      name: (m) => str(m, 'UUID'),
    },
  ],
};
