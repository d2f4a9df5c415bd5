/**
 * Public EC2 instances with a role: a running instance with a public address, a security group
 * rule open to the world and a subnet routed to an internet gateway serves the internet, and an
 * application flaw on it (remote code execution, or server-side request forgery against the
 * metadata service) yields its instance profile's role. IMDSv1 lets a plain SSRF read the
 * credentials (the exposure rises); IMDSv2 with a hop limit of 1 leaves only code execution on
 * the host itself (it falls). An instance whose metadata service is off hands out no credentials.
 */
import { hopConfidence } from '../confidence.js';
import { configuration, imdsPosture, type ImdsPosture } from '../facts/index.js';
import { detection, type Detector } from './detector.js';
import { INTERNET, networkReach } from './foothold.js';

/**
 * The metadata service decides which flaws pay (rules/scoring.yaml): with IMDSv1 any
 * server-side request forgery reads the credentials; with IMDSv2 and a hop limit of 1 only code
 * executing on the host does. Other postures keep the rule's `foothold`.
 */
const EXPOSURE_BY_IMDS: Partial<Record<ImdsPosture, string>> = { v1: 'foothold-ssrf', 'v2-hop-limit-1': 'foothold-rce' };

/** internet -> role exposure hops through public instances. */
export const ec2InstancePublicFoothold: Detector = (scope, rule) => {
  const found = detection(scope);
  for (const instance of scope.facts.ec2.instances) {
    if (!instance.role || !instance.publicIp || (instance.state !== undefined && instance.state !== 'running')) continue;
    const imds = imdsPosture(instance.metadata);
    if (imds === 'disabled') continue;
    const reach = networkReach(scope.facts, instance, instance.securityGroups, { id: instance.subnetId, vpc: instance.vpcId });
    if (!reach) continue;
    const conditional = reach.residual.length > 0;
    found.nodes.push(INTERNET);
    found.edges.put(INTERNET[0], instance.role, {
      kind: 'exposure',
      entryPoint: rule.id,
      actions: [],
      provenance: [
        configuration(instance.arn, 'PublicIpAddress'),
        configuration(instance.arn, 'IamInstanceProfile.Arn'),
        ...reach.provenance,
        ...(instance.metadata ? [configuration(instance.arn, instance.metadata.field)] : []),
      ],
      conditional,
      confidence: hopConfidence(scope.rules.scoring, { conditional }),
      ...(conditional ? { residual: reach.residual } : {}),
      detail: { instance: instance.id, name: instance.name, imds, ...(reach.ports ? { ports: reach.ports } : {}) },
      ...(EXPOSURE_BY_IMDS[imds] ? { exposure: EXPOSURE_BY_IMDS[imds] } : {}),
    });
    found.entries.push({ node: INTERNET[0], entryPoint: rule.id });
  }
  return found;
};
