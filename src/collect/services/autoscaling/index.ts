/**
 * EC2 Auto Scaling (regional): Auto Scaling groups (DescribeAutoScalingGroups) with the launch
 * template they launch from, and of the template version they use (DescribeLaunchTemplateVersions)
 * only the instance profile: user data can hold secrets and is never kept.
 */
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeLaunchTemplateVersionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { call, str, type Rec, type ServiceDescriptor } from '../../engine/descriptor.js';
import { keepLaunchTemplateVersionFields } from '../ec2/launch-template-versions.js';

const pages = { inputToken: 'NextToken', outputToken: 'NextToken' } as const;

/** The launch template a group launches from: its own, or the one of its mixed instances policy. */
function launchTemplate(group: Rec): Rec {
  const own = group['LaunchTemplate'] as Rec | undefined;
  const mixed = ((group['MixedInstancesPolicy'] as Rec | undefined)?.['LaunchTemplate'] as Rec | undefined)?.['LaunchTemplateSpecification'] as Rec | undefined;
  return own ?? mixed ?? {};
}

/** Only what blastpath reads of a launch template version: which instance profile it launches with. */
const instanceProfiles = (output: Rec) =>
  keepLaunchTemplateVersionFields(output, ['LaunchTemplateId', 'LaunchTemplateName', 'VersionNumber', 'DefaultVersion'], ['IamInstanceProfile']);

/** The Auto Scaling collector: groups and the instance profile of the launch template version each uses. */
export const autoscaling: ServiceDescriptor = {
  service: 'autoscaling',
  scope: 'regional',
  section: 'AutoScaling',
  client: AutoScalingClient,
  fetches: [
    {
      field: 'AutoScalingGroups',
      call: call(DescribeAutoScalingGroupsCommand, () => ({ MaxRecords: 100 })),
      paginate: pages,
      items: 'AutoScalingGroups',
      name: (g) => str(g, 'AutoScalingGroupARN'),
      required: true,
      details: [
        {
          field: 'LaunchTemplateVersions',
          when: (g) => str(launchTemplate(g), 'LaunchTemplateId') !== '' || str(launchTemplate(g), 'LaunchTemplateName') !== '',
          call: call(
            DescribeLaunchTemplateVersionsCommand,
            (g) => {
              const template = launchTemplate(g);
              const id = str(template, 'LaunchTemplateId');
              return { ...(id ? { LaunchTemplateId: id } : { LaunchTemplateName: str(template, 'LaunchTemplateName') }), Versions: [str(template, 'Version') || '$Default'] };
            },
            EC2Client,
          ),
          items: instanceProfiles,
        },
      ],
    },
  ],
};
