/**
 * CloudFormation: the self-managed stack set `org-baseline` with one stack instance in the
 * account, carrying a template and a parameter value that must never reach the snapshot (the
 * collector keeps neither). moto fills in the default administration and execution roles.
 */
import { CloudFormationClient, CreateStackInstancesCommand, CreateStackSetCommand } from '@aws-sdk/client-cloudformation';
import type { SeedContext } from './clients.js';

/** The stack set's name. */
export const STACK_SET = 'org-baseline';

/** Planted in the stack set's parameters and template: they must never reach the snapshot. */
export const PLANTED_STACK_SET_VALUES = ['seeded-stackset-parameter-never-collected', 'seeded-template-never-collected'] as const;

const TEMPLATE = JSON.stringify({
  Description: 'account baseline',
  // The template body is never kept (DescribeStacks does return a stack's Description).
  Metadata: { Note: PLANTED_STACK_SET_VALUES[1] },
  Parameters: { AlertToken: { Type: 'String' } },
  Resources: { Alerts: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'baseline-alerts' } } },
});

/** Creates the stack set and its instance in the account. */
export async function seedCloudFormation(context: SeedContext): Promise<void> {
  const cloudformation = new CloudFormationClient(context.config);
  await cloudformation.send(
    new CreateStackSetCommand({ StackSetName: STACK_SET, TemplateBody: TEMPLATE, PermissionModel: 'SELF_MANAGED', Parameters: [{ ParameterKey: 'AlertToken', ParameterValue: PLANTED_STACK_SET_VALUES[0] }] }),
  );
  await cloudformation.send(new CreateStackInstancesCommand({ StackSetName: STACK_SET, Accounts: [context.account], Regions: [context.config.region] }));
  cloudformation.destroy();
}
