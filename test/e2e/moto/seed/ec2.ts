/**
 * EC2: a VPC whose public subnet routes to an internet gateway, a security group open to the
 * world on 443, and a GPU host there with a public address, IMDSv1 allowed and an instance
 * profile; a private subnet for the ECS tasks.
 */
import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import type { SeedContext } from './clients.js';

/** What was created, for the expectations and the other seeders. */
export interface SeededNetwork {
  vpcId: string;
  publicSubnetId: string;
  privateSubnetId: string;
  openGroupId: string;
  internetGatewayId: string;
  instanceId: string;
}

/** Creates the network and the GPU host. */
export async function seedEc2(context: SeedContext): Promise<SeededNetwork> {
  const ec2 = new EC2Client(context.config);
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }))).Vpc!.VpcId!;
  const publicSubnetId = (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.20.1.0/24' }))).Subnet!.SubnetId!;
  const privateSubnetId = (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.20.2.0/24' }))).Subnet!.SubnetId!;
  const internetGatewayId = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: internetGatewayId, VpcId: vpcId }));
  const routeTableId = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
  await ec2.send(new CreateRouteCommand({ RouteTableId: routeTableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: internetGatewayId }));
  await ec2.send(new AssociateRouteTableCommand({ RouteTableId: routeTableId, SubnetId: publicSubnetId }));
  const openGroupId = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'inference-open', Description: 'https from anywhere', VpcId: vpcId }))).GroupId!;
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({ GroupId: openGroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }),
  );
  const run = await ec2.send(
    new RunInstancesCommand({
      ImageId: 'ami-12c6146b',
      InstanceType: 'g5.xlarge',
      MinCount: 1,
      MaxCount: 1,
      NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: publicSubnetId, AssociatePublicIpAddress: true, Groups: [openGroupId] }],
      IamInstanceProfile: { Name: 'ec2-gpu-profile' },
      MetadataOptions: { HttpTokens: 'optional', HttpPutResponseHopLimit: 2, HttpEndpoint: 'enabled' },
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'gpu-inference' }] }],
    }),
  );
  ec2.destroy();
  return { vpcId, publicSubnetId, privateSubnetId, openGroupId, internetGatewayId, instanceId: run.Instances![0]!.InstanceId! };
}
