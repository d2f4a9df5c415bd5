/**
 * Auto Scaling: the group `batch-fleet`, scaled to zero in the private subnet, launching from the
 * default version of the launch template `batch-workers`, whose data names the GPU host's
 * instance profile and carries user data that must never reach the snapshot.
 */
import { AutoScalingClient, CreateAutoScalingGroupCommand } from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { SeedContext } from './clients.js';
import type { SeededNetwork } from './ec2.js';

/** Planted in the launch template's user data: it must never reach the snapshot. */
export const PLANTED_USER_DATA = 'seeded-user-data-never-collected';

/** The user data as EC2 takes and returns it (base64): it must never reach the snapshot either. */
export const USER_DATA_BASE64 = Buffer.from(`#!/bin/bash\necho ${PLANTED_USER_DATA}\n`).toString('base64');

/** Creates the launch template and the group; returns the template's id. */
export async function seedAutoScaling(context: SeedContext, network: SeededNetwork): Promise<string> {
  const ec2 = new EC2Client(context.config);
  const template = await ec2.send(
    new CreateLaunchTemplateCommand({ LaunchTemplateName: 'batch-workers', LaunchTemplateData: { ImageId: 'ami-12c6146b', InstanceType: 't3.micro', IamInstanceProfile: { Name: 'ec2-gpu-profile' }, UserData: USER_DATA_BASE64 } }),
  );
  ec2.destroy();
  const templateId = template.LaunchTemplate!.LaunchTemplateId!;
  const autoscaling = new AutoScalingClient(context.config);
  // Zero instances: the group must not add EC2 instances to what the other expectations count.
  await autoscaling.send(
    new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: 'batch-fleet',
      LaunchTemplate: { LaunchTemplateId: templateId, Version: '$Default' },
      MinSize: 0,
      MaxSize: 2,
      DesiredCapacity: 0,
      VPCZoneIdentifier: network.privateSubnetId,
    }),
  );
  autoscaling.destroy();
  return templateId;
}
