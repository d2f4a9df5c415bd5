/**
 * EKS: a cluster with a managed node group whose instances run as a shared node role, and two
 * IAM roles for its service accounts (IRSA) on the cluster's OIDC issuer: one whose trust pins
 * only the audience (any pod of the cluster can assume it), one pinned to a single service
 * account (the intended setup: no entry).
 */
import { CreateClusterCommand, CreateNodegroupCommand, DescribeClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import { AttachRolePolicyCommand, CreateOpenIDConnectProviderCommand, CreatePolicyCommand, CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { policy, roleArn, type SeedContext } from './clients.js';
import type { SeededNetwork } from './ec2.js';
import { BUCKETS } from './s3.js';

/** What was created, for the expectations. */
export interface SeededEks {
  clusterArn: string;
  /** The issuer without `https://`, as IAM condition keys spell it. */
  issuer: string;
}

/** IRSA roles: name -> the `sub` their trust pins (none: any service account). */
export const IRSA_ROLES = { 'ml-serving-model-reader': undefined, 'ml-serving-pinned': 'system:serviceaccount:serving:model-server' } as const;

/** Creates the cluster, its node group and the IRSA roles. */
export async function seedEks(context: SeedContext, network: SeededNetwork): Promise<SeededEks> {
  const eks = new EKSClient(context.config);
  await eks.send(
    new CreateClusterCommand({
      name: 'ml-serving',
      roleArn: roleArn(context, 'ec2-gpu-role'),
      resourcesVpcConfig: { subnetIds: [network.publicSubnetId, network.privateSubnetId], endpointPublicAccess: true, publicAccessCidrs: ['0.0.0.0/0'] },
    }),
  );
  await eks.send(new CreateNodegroupCommand({ clusterName: 'ml-serving', nodegroupName: 'gpu-nodes', nodeRole: roleArn(context, 'ec2-gpu-role'), subnets: [network.privateSubnetId] }));
  const cluster = (await eks.send(new DescribeClusterCommand({ name: 'ml-serving' }))).cluster!;
  eks.destroy();

  const issuer = cluster.identity!.oidc!.issuer!.replace(/^https:\/\//, '');
  const iam = new IAMClient(context.config);
  const provider = (await iam.send(new CreateOpenIDConnectProviderCommand({ Url: `https://${issuer}`, ClientIDList: ['sts.amazonaws.com'], ThumbprintList: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'] }))).OpenIDConnectProviderArn!;
  for (const [name, subject] of Object.entries(IRSA_ROLES)) {
    const condition = { StringEquals: { [`${issuer}:aud`]: 'sts.amazonaws.com', ...(subject ? { [`${issuer}:sub`]: subject } : {}) } };
    await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: policy({ Effect: 'Allow', Principal: { Federated: provider }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }) }));
    const bucket = subject ? BUCKETS.training : BUCKETS.artifacts;
    const created = await iam.send(new CreatePolicyCommand({ PolicyName: `${name}-policy`, PolicyDocument: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` }) }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: created.Policy!.Arn! }));
  }
  iam.destroy();
  return { clusterArn: cluster.arn!, issuer };
}
