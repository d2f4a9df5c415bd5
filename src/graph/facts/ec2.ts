/**
 * EC2 facts: instances. An instance has no node: its credentials are its instance profile's
 * role, so taking it over leads straight to that role.
 */
import type { RegionalReader } from './regional.js';
import { configuration } from './types.js';

/** The EC2 reader. */
export const ec2: RegionalReader = {
  workloads: (data, at, links) =>
    (data.EC2?.Instances ?? []).map((instance) => {
      const arn = `arn:${at.partition}:ec2:${at.region}:${at.accountId}:instance/${instance.InstanceId}`;
      const profile = instance.IamInstanceProfile?.Arn;
      const role = profile ? links.profileRoles.get(profile) : undefined;
      return {
        arn,
        kind: 'ec2-instance',
        name: instance.InstanceId,
        ...at,
        // No instance node: the edge goes to the role the instance's credentials belong to.
        ...(role && links.principalsByArn.has(role) ? { node: role, role: { arn: role, field: 'IamInstanceProfile.Arn' } } : {}),
        ...(instance.State?.Name ? { state: instance.State.Name } : {}),
        evidence: role ? [configuration(arn, 'IamInstanceProfile.Arn'), configuration(role, 'InstanceProfileList')] : [],
      };
    }),
};
