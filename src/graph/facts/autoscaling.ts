/**
 * Auto Scaling facts: the launch templates Auto Scaling groups launch from. A new version of one
 * (made the default) runs the attacker's user data on the group's next instance, with the
 * instance profile the version names, so each template leads to the role of the profile that
 * the version the group uses names today.
 */
import type { RegionData } from '../../snapshot/index.js';
import type { Links, RegionalReader } from './regional.js';
import { configuration, type Place, type Workload } from './types.js';

type Group = NonNullable<NonNullable<RegionData['AutoScaling']>['AutoScalingGroups']>[number];

/** The launch template a group launches from: its own, or the one of its mixed instances policy. */
function templateOf(group: Group): { id?: string | undefined; field: string } | undefined {
  const spec = group.LaunchTemplate ?? group.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
  if (!spec) return undefined;
  // A group pinned to a version number never launches a new version unless the group is
  // updated (autoscaling:UpdateAutoScalingGroup, not modelled): only $Default and $Latest follow.
  if (spec.Version !== undefined && spec.Version !== '$Default' && spec.Version !== '$Latest') return undefined;
  const field = group.LaunchTemplate ? 'LaunchTemplate' : 'MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification';
  return { id: spec.LaunchTemplateId ?? group.LaunchTemplateVersions?.[0]?.LaunchTemplateId, field };
}

/**
 * The role of the instance profile a version names: by ARN, or by name at the root path (the
 * path a name alone cannot tell; a profile elsewhere is then not resolved).
 */
function profileRole(version: NonNullable<Group['LaunchTemplateVersions']>[number] | undefined, at: Place, links: Links): string | undefined {
  const profile = version?.IamInstanceProfile;
  const arn = profile?.Arn ?? (profile?.Name ? `arn:${at.partition}:iam::${at.accountId}:instance-profile/${profile.Name}` : undefined);
  return arn ? links.profileRoles.get(arn) : undefined;
}

/** One workload per launch template an Auto Scaling group uses; without a resolvable role it has no node, and only a pass-role technique can use it. */
function launchTemplates(data: RegionData, at: Place, links: Links): Workload[] {
  const out = new Map<string, Workload>();
  for (const group of data.AutoScaling?.AutoScalingGroups ?? []) {
    const template = templateOf(group);
    if (!template?.id) continue;
    const arn = `arn:${at.partition}:ec2:${at.region}:${at.accountId}:launch-template/${template.id}`;
    if (out.has(arn)) continue;
    const role = profileRole(group.LaunchTemplateVersions?.[0], at, links);
    const groupArn = group.AutoScalingGroupARN ?? group.AutoScalingGroupName;
    out.set(arn, {
      arn,
      kind: 'autoscaling-launch-template',
      name: group.LaunchTemplate?.LaunchTemplateName ?? template.id,
      accountId: at.accountId,
      partition: at.partition,
      region: at.region,
      resourceId: template.id,
      ...(role ? { node: role, role: { arn: role, field: 'LaunchTemplateVersions[0].IamInstanceProfile' } } : {}),
      evidence: [configuration(groupArn, template.field), ...(role ? [configuration(groupArn, 'LaunchTemplateVersions[0].IamInstanceProfile')] : [])],
    });
  }
  return [...out.values()];
}

/** The Auto Scaling reader. */
export const autoScaling: RegionalReader = { workloads: launchTemplates };
