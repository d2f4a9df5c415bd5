/** EKS: a cluster with a managed node group whose instances run as a shared node role. */
import { CreateClusterCommand, CreateNodegroupCommand, EKSClient } from '@aws-sdk/client-eks';
import { roleArn, type SeedContext } from './clients.js';
import type { SeededNetwork } from './ec2.js';

/** Creates the cluster and its node group. */
export async function seedEks(context: SeedContext, network: SeededNetwork): Promise<void> {
  const eks = new EKSClient(context.config);
  await eks.send(
    new CreateClusterCommand({
      name: 'ml-serving',
      roleArn: roleArn(context, 'ec2-gpu-role'),
      resourcesVpcConfig: { subnetIds: [network.publicSubnetId, network.privateSubnetId], endpointPublicAccess: true, publicAccessCidrs: ['0.0.0.0/0'] },
    }),
  );
  await eks.send(new CreateNodegroupCommand({ clusterName: 'ml-serving', nodegroupName: 'gpu-nodes', nodeRole: roleArn(context, 'ec2-gpu-role'), subnets: [network.privateSubnetId] }));
  eks.destroy();
}
