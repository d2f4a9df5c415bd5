/**
 * CloudFormation (regional): stacks with their service role (DescribeStacks), and stack sets
 * (ListStackSets, DescribeStackSet) with the accounts and Regions of their stack instances
 * (ListStackInstances). Templates are never kept, and stack set parameter values are dropped as
 * they arrive: both can hold secrets. Stack parameter values are redacted before a snapshot is
 * written (NoEcho ones already come back masked).
 */
import { CloudFormationClient, DescribeStackSetCommand, DescribeStacksCommand, ListStackInstancesCommand, ListStackSetsCommand } from '@aws-sdk/client-cloudformation';
import { call, str, type Rec, type ServiceDescriptor } from '../../engine/descriptor.js';

const pages = { inputToken: 'NextToken', outputToken: 'NextToken' } as const;

/** A stack set without what may hold secrets: the template body and parameter values (keys are kept). */
function withoutSecrets(set: Rec): Rec {
  const { TemplateBody: _template, Parameters: parameters, ...rest } = set;
  const keys = Array.isArray(parameters) ? (parameters as Rec[]).map((p) => ({ ParameterKey: p['ParameterKey'] })) : undefined;
  return { ...rest, ...(keys ? { Parameters: keys } : {}) };
}

/** The CloudFormation collector: stacks, and stack sets with their instances. */
export const cloudformation: ServiceDescriptor = {
  service: 'cloudformation',
  scope: 'regional',
  section: 'CloudFormation',
  client: CloudFormationClient,
  fetches: [
    { field: 'Stacks', call: call(DescribeStacksCommand), paginate: pages, items: 'Stacks', name: (s) => str(s, 'StackId'), required: true },
    {
      // Only the account's own stack sets (CallAs SELF): a delegated administrator's view of the
      // management account's service-managed sets is collected in the management account.
      field: 'StackSets',
      call: call(ListStackSetsCommand, () => ({ Status: 'ACTIVE' as const, MaxResults: 100 })),
      paginate: pages,
      items: 'Summaries',
      name: (s) => str(s, 'StackSetName'),
      describe: { ...call(DescribeStackSetCommand, (s) => ({ StackSetName: str(s, 'StackSetName') })), pick: 'StackSet' },
      details: [
        {
          field: 'StackInstances',
          call: call(ListStackInstancesCommand, (s) => ({ StackSetName: str(s, 'StackSetName'), MaxResults: 100 })),
          paginate: pages,
          items: 'Summaries',
        },
      ],
    },
  ],
  finish: (section) => ({ ...section, ...(Array.isArray(section['StackSets']) ? { StackSets: (section['StackSets'] as Rec[]).map(withoutSecrets) } : {}) }),
};
